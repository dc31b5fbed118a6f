// A fresh database per test suite on the one engine the root hooks started, so suites never see each other's data.
import { maskUri } from '../../src/db/connect.js';

let baseUri: string | undefined;
let counter = 0;

/** Called by the root hooks once the test engine (or TEST_MONGODB_URI) is known. */
export function setTestDatabaseBaseUri(uri: string | undefined): void {
  baseUri = uri;
}

export function testDatabaseUri(label: string): string {
  if (!baseUri) throw new Error('no test database: the mocha root hooks (test/support/root-hooks.ts) did not run');
  const safe = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')
    .slice(0, 24);
  counter += 1;
  return withDatabase(baseUri, `zhiban_t_${safe}_${counter}_${process.pid}`);
}

// Not `new URL()`: it cannot parse a replica-set host list such as "a:27017,b:27017".
function withDatabase(uri: string, name: string): string {
  const match = /^([a-z+]+:\/\/[^/?]*)(?:\/[^?]*)?(\?.*)?$/i.exec(uri);
  if (!match) throw new Error(`not a MongoDB URI: ${maskUri(uri)}`);
  return `${match[1]}/${name}${match[2] ?? ''}`;
}
