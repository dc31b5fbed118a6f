// Started by `npm start`, Zhiban stops when npm is gone: a signal npm cannot pass on (SIGKILL of npm
// itself, or an npm that forwards nothing) would otherwise leave Zhiban and its engine running,
// adopted by PID 1. Linux gives a process no notice that its parent died, so the parent is polled.

/** How often the parent is looked at; a stop follows within about this long. */
export const PARENT_POLL_MS = 1000;

/**
 * Calls `gone` once when this process's parent changes (it died and this process was adopted, by
 * PID 1 or a subreaper). Returns a function that stops watching. The timer never keeps the process up.
 */
export function watchParent(
  gone: () => void,
  pollMs = PARENT_POLL_MS,
  ppid: () => number = () => process.ppid,
): () => void {
  const parent = ppid();
  const timer = setInterval(() => {
    if (ppid() === parent) return;
    clearInterval(timer);
    gone();
  }, pollMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** Whether npm (a lifecycle script such as `npm start`) started this process. */
export function startedByNpm(env: NodeJS.ProcessEnv = process.env): boolean {
  return typeof env.npm_lifecycle_event === 'string' && env.npm_lifecycle_event !== '';
}
