// Starts bench/server.ts in a child process and hands back its URL.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ServerProcess {
  url: string;
  /** The server's process id, for reading its memory from /proc. */
  pid: number;
  stop(): Promise<void>;
}

export function startServerProcess(mode: 'bare' | 'zhiban', env: Record<string, string>): Promise<ServerProcess> {
  const script = fileURLToPath(new URL('./server.ts', import.meta.url));
  // BENCH_PROFILE=<dir> writes a CPU profile of the server there, for finding where the time goes.
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', script, mode], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /LISTENING (\S+)/.exec(out);
      if (!match) return;
      child.removeAllListeners('exit');
      resolve({
        url: match[1]!,
        pid: child.pid!,
        stop: () =>
          new Promise((done) => {
            child.once('exit', () => done());
            child.stdin!.end();
          }),
      });
    });
  });
}
