// Mocha root hooks: one database engine for the whole run (starting one takes seconds), or
// TEST_MONGODB_URI when set. Suites get their own database from testDatabaseUri().
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedEngine, type EngineHandle } from '../../src/db/embedded-engine.js';
import { setTestDatabaseBaseUri } from './db.js';

let engine: EngineHandle | undefined;
let dataDir: string | undefined;

export const mochaHooks = {
  async beforeAll(this: Mocha.Context): Promise<void> {
    // The first start may run Maven; later ones take a second or two.
    this.timeout(120_000);
    const given = process.env.TEST_MONGODB_URI;
    if (given) {
      setTestDatabaseBaseUri(given);
      return;
    }
    dataDir = await mkdtemp(join(tmpdir(), 'zhiban-test-'));
    engine = await startEmbeddedEngine({
      dataDir,
      storage: 'memory',
      log: (msg) => process.stderr.write(`[test engine] ${msg}\n`),
    });
    setTestDatabaseBaseUri(engine.uri);
  },

  async afterAll(this: Mocha.Context): Promise<void> {
    this.timeout(10_000);
    setTestDatabaseBaseUri(undefined);
    await engine?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  },
};
