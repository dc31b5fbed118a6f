// Run by `npm ci` (the prepare script): fetches the embedded engine's jars ahead of time, so the
// first `npm start` does not wait for Maven. Never fails the install: a machine without Java can
// still run Zhiban against MONGODB_URI.
import { delimiter } from 'node:path';
import { resolveEngineClasspath } from '../engine-classpath.js';
import { findExecutable } from '../engine-process.js';
import { ENGINE_INSTALL_HINT } from '../engine-unavailable-error.js';

async function prepare(): Promise<string> {
  if (process.env.MONGODB_URI) return 'MONGODB_URI is set; the embedded engine is not needed';
  const mongod = findExecutable('mongod');
  if (mongod) return `mongod found (${mongod}); it will be used instead of the Java engine`;
  if (!findExecutable('java')) {
    throw new Error(`no java on PATH (Debian/Ubuntu: ${ENGINE_INSTALL_HINT}), or set MONGODB_URI`);
  }
  const classpath = await resolveEngineClasspath({ log: (msg) => console.log(`zhiban: ${msg}`) });
  return `embedded engine ready (${classpath.split(delimiter).length} jars)`;
}

try {
  console.log(`zhiban: ${await prepare()}`);
} catch (err) {
  const reason = err instanceof Error ? err.message : String(err);
  console.warn(`zhiban: warning: the embedded database engine is not prepared: ${reason}`);
}
