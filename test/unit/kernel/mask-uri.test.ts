import { strict as assert } from 'node:assert';
import { connectDatabase, durableWriteConcern, maskUri } from '../../../src/db/connect.js';

describe('maskUri', () => {
  it('hides user and password', () => {
    assert.equal(
      maskUri('mongodb://ops:s3cret@db.example.gov:27017/zhiban'),
      'mongodb://***@db.example.gov:27017/zhiban',
    );
  });

  it('hides credentials of a replica-set and an SRV URI, keeping hosts and options', () => {
    assert.equal(
      maskUri('mongodb://ops:pw@a.example:27017,b.example:27017/zhiban?replicaSet=rs0'),
      'mongodb://***@a.example:27017,b.example:27017/zhiban?replicaSet=rs0',
    );
    assert.equal(maskUri('mongodb+srv://ops:pw@cluster.example/zhiban'), 'mongodb+srv://***@cluster.example/zhiban');
  });

  it('hides a password that was not percent-encoded', () => {
    const masked = maskUri('mongodb://ops:p@ss/w#rd@db.example/zhiban');
    assert.ok(!masked.includes('ss/w'), masked);
    assert.equal(masked, 'mongodb://***@db.example/zhiban');
  });

  it('hides secrets passed as options', () => {
    assert.equal(
      maskUri('mongodb://db.example/zhiban?tls=true&tlsCertificateKeyFilePassword=hunter2&appName=zhiban'),
      'mongodb://db.example/zhiban?tls=true&tlsCertificateKeyFilePassword=***&appName=zhiban',
    );
  });

  it('leaves a URI without credentials as it is', () => {
    assert.equal(maskUri('mongodb://127.0.0.1:27017/zhiban'), 'mongodb://127.0.0.1:27017/zhiban');
  });

  it('masks URIs inside longer text, such as a driver error', () => {
    assert.equal(
      maskUri('failed to connect to mongodb://ops:pw@db.example/zhiban: timed out'),
      'failed to connect to mongodb://***@db.example/zhiban: timed out',
    );
  });
});

describe('connectDatabase', () => {
  it('gives up on an unreachable server with a message that shows no password', async function () {
    this.timeout(10_000);
    // Port 9 (discard) on loopback: nothing listens, so every attempt is refused at once.
    const uri = 'mongodb://ops:s3cret@127.0.0.1:9/zhiban';
    const warnings: string[] = [];
    const log = { info() {}, warn: (_: object, msg: string) => warnings.push(msg), error() {} };
    await assert.rejects(
      connectDatabase(uri, log, { retryBudgetMs: 1500, serverSelectionTimeoutMS: 200 }),
      (err: Error) => {
        assert.match(
          err.message,
          /Cannot connect to the database at mongodb:\/\/\*\*\*@127\.0\.0\.1:9\/zhiban \(\d attempts/,
        );
        assert.ok(!err.message.includes('s3cret'), err.message);
        return true;
      },
    );
    assert.ok(warnings.length >= 1, 'it retried before giving up');
  });
});

describe('durableWriteConcern', () => {
  it('asks for majority and journal by default', () => {
    assert.deepEqual(durableWriteConcern('mongodb://db-1,db-2,db-3/zhiban?replicaSet=rs0'), {
      w: 'majority',
      journal: true,
    });
  });

  it('leaves to the URI what it says, field by field', () => {
    assert.deepEqual(durableWriteConcern('mongodb://db/zhiban?w=1'), { journal: true });
    assert.deepEqual(durableWriteConcern('mongodb://db/zhiban?appName=x&journal=false'), { w: 'majority' });
    assert.deepEqual(durableWriteConcern('mongodb://db/zhiban?W=2&Journal=true'), {});
  });
});
