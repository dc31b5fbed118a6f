// The Feishu SDK's logger on top of ours. The SDK logs whole request errors (their config carries
// the app secret on the token route, and the bearer token) and, at debug level, the events it
// receives: only its warnings and errors are kept, and only their words, never an object.
import type { Logger } from 'pino';

/** A logger for `@larksuiteoapi/node-sdk` that passes on only the text of its warnings and errors. */
export function feishuSdkLogger(logger: Logger) {
  const child = logger.child({ component: 'feishu' });
  const words = (msg: unknown[]) =>
    msg
      .filter((part) => typeof part === 'string')
      .join(' ')
      .slice(0, 300);
  const quiet = () => undefined;
  return {
    error: (...msg: unknown[]) => child.error(words(msg) || 'feishu sdk error'),
    warn: (...msg: unknown[]) => child.warn(words(msg) || 'feishu sdk warning'),
    info: quiet,
    debug: quiet,
    trace: quiet,
  };
}
