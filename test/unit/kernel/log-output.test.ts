// Where `npm start`'s log lines go: held until the banner is out, then in order; readable on a
// terminal when pino-pretty is there, JSON otherwise (and always when not on a terminal).
import { strict as assert } from 'node:assert';
import { logOutput, type PrettyLoader } from '../../../src/kernel/log-output.js';
import { createLogger } from '../../../src/kernel/logger.js';

function aStream(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, written, write: (line: string) => written.push(line) };
}

/** Stands in for pino-pretty's prettyFactory (an optional package): `LEVEL msg`. */
const fakePretty: PrettyLoader = async () => () => (line) => {
  const { level, msg } = JSON.parse(line) as { level: number; msg: string };
  return `${level === 30 ? 'INFO' : 'OTHER'} ${msg}\n`;
};

describe('log output', () => {
  it('holds every line until released, then writes them in order and lets later ones through', async () => {
    const stream = aStream(false);
    const output = await logOutput(stream);
    const logger = createLogger('info', output.destination);
    logger.info('one');
    logger.info('two');
    assert.deepEqual(stream.written, []);
    output.release();
    logger.info('three');
    assert.deepEqual(
      stream.written.map((line) => (JSON.parse(line) as { msg: string }).msg),
      ['one', 'two', 'three'],
    );
  });

  it('writes JSON when not on a terminal, without loading pino-pretty', async () => {
    let loaded = false;
    const output = await logOutput(aStream(false), async () => {
      loaded = true;
      return undefined;
    });
    assert.equal(output.format, 'json');
    assert.equal(loaded, false);
  });

  it('writes pino-pretty’s lines on a terminal', async () => {
    const stream = aStream(true);
    const output = await logOutput(stream, fakePretty);
    assert.equal(output.format, 'pretty');
    output.release();
    createLogger('info', output.destination).info('database connected');
    assert.deepEqual(stream.written, ['INFO database connected\n']);
  });

  it('falls back to JSON on a terminal when pino-pretty is not installed', async () => {
    const stream = aStream(true);
    const output = await logOutput(stream, async () => undefined);
    assert.equal(output.format, 'json');
    output.release();
    createLogger('info', output.destination).info('plain');
    assert.equal((JSON.parse(stream.written[0]!) as { msg: string }).msg, 'plain');
  });
});
