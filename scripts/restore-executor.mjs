// A small restore executor for Zhiban (README, "Restores"): it takes Zhiban's signed call for an
// approved restore, checks the signature and its timestamp, answers 202 at once, runs your restore
// command, and reports back to POST /webhooks/restores/:id — running, then succeeded with the
// checksum the command printed, or failed with its error.
//
//   RESTORE_EXECUTOR_SECRET=… WEBHOOK_TOKEN=… ZHIBAN_URL=http://zhiban:3000 \
//   RESTORE_COMMAND=/opt/restore.sh HOST=0.0.0.0 PORT=8080 node scripts/restore-executor.mjs
//
// RESTORE_COMMAND is run as `<command> <backupId> <target>`; it restores, then prints the restored
// data's checksum on its last line of output.
import { execFile } from 'node:child_process';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

const { RESTORE_EXECUTOR_SECRET: secret, WEBHOOK_TOKEN: token, RESTORE_COMMAND: command } = process.env;
const zhiban = process.env.ZHIBAN_URL ?? 'http://127.0.0.1:3000';
const taken = new Set(); // Idempotency-Key: a call Zhiban repeats after a crash is the same restore

/** The signature is Zhiban's and no more than 5 minutes old (a replay later is refused). */
function genuine(headers, raw) {
  const timestamp = Number(headers['x-zhiban-timestamp']);
  if (!Number.isSafeInteger(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > 300) return false;
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(`${timestamp}.${raw}`).digest('hex')}`);
  const given = Buffer.from(String(headers['x-zhiban-signature'] ?? ''));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function report(job, body) {
  return fetch(`${zhiban}${job.reportTo}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function restore(job) {
  await report(job, { status: 'running' });
  execFile(command, [job.backup.id, job.target], { timeout: 6 * 3600_000 }, (error, stdout, stderr) => {
    const checksum = String(stdout).trim().split('\n').at(-1);
    const body =
      error || !checksum
        ? { status: 'failed', message: String(stderr || error?.message || 'no checksum printed').slice(0, 2000) }
        : { status: 'succeeded', checksum };
    report(job, body).catch((e) => console.error('could not report to Zhiban:', e.message));
  });
}

const server = createServer((req, res) => {
  let raw = '';
  req.on('data', (chunk) => (raw += chunk));
  req.on('end', () => {
    if (!genuine(req.headers, raw)) return res.writeHead(401).end();
    const key = String(req.headers['idempotency-key']);
    res.writeHead(202).end(); // taken: Zhiban does not call again
    if (taken.has(key)) return;
    taken.add(key);
    restore(JSON.parse(raw)).catch((e) => console.error(`${key}:`, e.message));
  });
});
server.listen(Number(process.env.PORT ?? 8080), process.env.HOST ?? '127.0.0.1', () =>
  console.log(`listening on ${server.address().port}`),
);
