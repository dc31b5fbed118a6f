// The calendar feeds' token guard, over real HTTP: the token in the query or a bearer header opens a
// feed; a missing, wrong or unconfigured token gets 401 JSON naming the field.
import { strict as assert } from 'node:assert';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { Secret } from '../../../src/config/secret.js';
import { requireFeedToken } from '../../../src/http/feed-token.js';

async function serve(token: Secret | undefined): Promise<{ url: string; server: Server }> {
  const app = express();
  app.get('/feed.ics', requireFeedToken(token), (_req, res) => {
    res.type('text/calendar').send('BEGIN:VCALENDAR');
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.ics`, server };
}

describe('calendar feed token', () => {
  let feed: { url: string; server: Server };
  afterEach(() => feed.server.close());

  it('opens the feed with ?token= or a bearer header', async () => {
    feed = await serve(new Secret('cal-7f3a'));
    const byQuery = await fetch(`${feed.url}?token=cal-7f3a`);
    assert.equal(byQuery.status, 200);
    assert.equal(await byQuery.text(), 'BEGIN:VCALENDAR');
    const byHeader = await fetch(feed.url, { headers: { authorization: 'Bearer cal-7f3a' } });
    assert.equal(byHeader.status, 200);
  });

  it('refuses a missing or wrong token with 401 naming the token', async () => {
    feed = await serve(new Secret('cal-7f3a'));
    for (const url of [feed.url, `${feed.url}?token=cal-7f3b`, `${feed.url}?token=`]) {
      const res = await fetch(url);
      assert.equal(res.status, 401, url);
      const body = (await res.json()) as { error: string; details: string[] };
      assert.equal(body.error, 'unauthorized');
      assert.match(body.details[0] ?? '', /^token: /);
    }
  });

  it('refuses everything while CALENDAR_TOKEN is unset', async () => {
    feed = await serve(undefined);
    const res = await fetch(`${feed.url}?token=anything`);
    assert.equal(res.status, 401);
    assert.match(((await res.json()) as { details: string[] }).details[0] ?? '', /CALENDAR_TOKEN/);
  });
});
