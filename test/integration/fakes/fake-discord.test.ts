// Proves FakeDiscord against the real discord.js client: login, interactions, replies,
// channel posts, enforced nonces, rate limits and a gateway reconnect.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import {
  AttachmentBuilder,
  Client,
  Events,
  GatewayIntentBits,
  GatewayOpcodes,
  InteractionResponseType,
  MessageFlags,
  Routes,
  TextChannel,
  type APIMessage,
  type Interaction,
} from 'discord.js';
import { FakeDiscord, type RecordedCall } from '../../support/fake-discord.js';
import { MovedClock } from '../../support/moved-clock.js';

const CALLBACK = /\/interactions\/\d+\/[^/]+\/callback$/;
const ORIGINAL = /\/webhooks\/\d+\/[^/]+\/messages\/@original$/;
const CHANNEL_MESSAGES = /\/channels\/\d+\/messages$/;

describe('FakeDiscord with the real discord.js client', () => {
  let fake: FakeDiscord;
  let client: Client;
  let loginMs: number;

  before(async () => {
    fake = await FakeDiscord.start();
    client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl } });
    const started = performance.now();
    const ready = once(client, Events.ClientReady);
    await client.login('fake-token');
    await ready;
    loginMs = performance.now() - started;
  });

  after(async () => {
    await client?.destroy();
    await fake?.stop();
  });

  /** Runs `handler` on the next interaction and settles when it has finished (or thrown). */
  function onNextInteraction(handler: (interaction: Interaction) => Promise<unknown>): Promise<void> {
    return new Promise((resolve, reject) => {
      client.once(Events.InteractionCreate, (interaction) => {
        handler(interaction).then(() => resolve(), reject);
      });
    });
  }

  const summary = (calls: RecordedCall[]) => calls.map((call) => `${call.method} ${call.status}`);

  it('logs in well inside the 15 s guild wait, fetching only /gateway/bot', () => {
    assert.ok(loginMs < 3000, `login took ${Math.round(loginMs)} ms`);
    assert.deepEqual(
      fake.calls.map((call) => `${call.method} ${call.path}`),
      ['GET /api/v10/gateway/bot'],
    );
    const identify = fake.gatewayFrames.find((frame) => frame.op === GatewayOpcodes.Identify);
    assert.equal((identify?.d as { token?: string }).token, 'fake-token');
    assert.equal(client.user?.id, fake.botUserId);
    assert.ok(client.guilds.cache.get(fake.guildId)?.available);
  });

  it('records an ephemeral reply to a slash command as callback type 4', async () => {
    const handled = onNextInteraction(async (interaction) => {
      assert.ok(interaction.isChatInputCommand());
      assert.equal(interaction.commandName, 'ping');
      await interaction.reply({ content: 'hi', flags: MessageFlags.Ephemeral });
    });
    const { id } = fake.sendCommand({ name: 'ping', userId: '400000000000000007', locale: 'zh-CN' });
    await handled;

    const body = (await fake.waitForReply(id)) as { type: number; data: { content: string; flags: number } };
    assert.equal(body.type, InteractionResponseType.ChannelMessageWithSource);
    assert.equal(body.data.content, 'hi');
    assert.equal(body.data.flags, MessageFlags.Ephemeral);
  });

  it('records interaction.update() on a button as callback type 7', async () => {
    const handled = onNextInteraction(async (interaction) => {
      assert.ok(interaction.isButton());
      assert.equal(interaction.customId, 'ack:42');
      await interaction.update({ content: 'x' });
    });
    const { id } = fake.sendButton({ customId: 'ack:42' });
    await handled;

    const body = (await fake.waitForReply(id)) as { type: number; data: { content: string } };
    assert.equal(body.type, InteractionResponseType.UpdateMessage);
    assert.equal(body.data.content, 'x');
  });

  it('records deferReply() as callback type 5 followed by a PATCH of @original', async () => {
    const handled = onNextInteraction(async (interaction) => {
      assert.ok(interaction.isChatInputCommand());
      await interaction.deferReply();
      await interaction.editReply({ content: 'done' });
    });
    const { id } = fake.sendCommand({ name: 'status' });
    await handled;

    const calls = fake.repliesTo(id);
    assert.deepEqual(
      calls.map((call) => call.method),
      ['POST', 'PATCH'],
    );
    assert.match(calls[0]!.path, CALLBACK);
    assert.equal((calls[0]!.body as { type: number }).type, InteractionResponseType.DeferredChannelMessageWithSource);
    assert.match(calls[1]!.path, ORIGINAL);
    assert.equal((calls[1]!.body as { content: string }).content, 'done');
  });

  it('hands discord.js the values typed into a submitted modal', async () => {
    let reason = '';
    const handled = onNextInteraction(async (interaction) => {
      assert.ok(interaction.isModalSubmit());
      reason = interaction.fields.getTextInputValue('reason');
      await interaction.reply({ content: 'noted' });
    });
    const { id } = fake.sendModalSubmit({ customId: 'restore:modal', fields: { reason: 'disk full' } });
    await handled;

    assert.equal(reason, 'disk full');
    assert.equal(((await fake.waitForReply(id)) as { type: number }).type, 4);
  });

  it('answers with_response=true with the callback resource discord.js expects', async () => {
    let content: string | undefined;
    const handled = onNextInteraction(async (interaction) => {
      assert.ok(interaction.isChatInputCommand());
      const response = await interaction.reply({ content: 'with response', withResponse: true });
      content = response.resource?.message?.content;
    });
    fake.sendCommand({ name: 'ping' });
    await handled;

    assert.equal(content, 'with response');
  });

  it('records a channel post and returns a message discord.js can use', async () => {
    const channelId = fake.channelIds[0]!;
    const channel = await client.channels.fetch(channelId);
    assert.ok(channel instanceof TextChannel);

    const sent = await channel.send({ content: 'deploy started' });

    const call = fake.callsTo('POST', CHANNEL_MESSAGES).at(-1);
    assert.equal(call?.path, `/api/v10/channels/${channelId}/messages`);
    assert.equal((call?.body as { content: string }).content, 'deploy started');
    assert.equal(sent.channelId, channelId);
    assert.equal(sent.author.id, fake.botUserId);
  });

  it('lists a channel’s posts as they are now, edits applied, interaction replies and other channels left out', async () => {
    const channelId = fake.channelIds[0]!;
    const channel = (await client.channels.fetch(channelId)) as TextChannel;
    const before = fake.posts(channelId).length;
    const first = await channel.send({ content: 'card v1' });
    const second = await channel.send({ content: 'another card' });
    await first.edit({ content: 'card v2' });
    const thread = await first.startThread({ name: 'steps' });
    await thread.send({ content: 'a step' });
    const handled = onNextInteraction(async (interaction) => {
      assert.ok(interaction.isChatInputCommand());
      await interaction.reply({ content: 'only for you', flags: MessageFlags.Ephemeral });
    });
    fake.sendCommand({ name: 'ping', channelId });
    await handled;

    const posts = fake.posts(channelId).slice(before);
    assert.deepEqual(
      posts.map((m) => [m.id, m.content]),
      [
        [first.id, 'card v2'],
        [second.id, 'another card'],
      ],
    );
    assert.deepEqual(
      fake.posts(thread.id).map((m) => m.content),
      ['a step'],
    );
  });

  it('records payload_json and the files of a multipart post', async () => {
    const channel = (await client.channels.fetch(fake.channelIds[0]!)) as TextChannel;
    const csv = new AttachmentBuilder(Buffer.from('a,b\n'), { name: 'report.csv' });

    const sent = await channel.send({ content: 'report', files: [csv] });

    const call = fake.callsTo('POST', CHANNEL_MESSAGES).at(-1)!;
    assert.equal((call.body as { content: string }).content, 'report');
    assert.deepEqual(
      call.files.map((file) => [file.name, file.size]),
      [['report.csv', 4]],
    );
    assert.equal(sent.attachments.first()?.name, 'report.csv');
  });

  it('has discord.js wait out a 429 (retry_after 0.2 s) and post again', async () => {
    const since = fake.calls.length;
    fake.failNext('POST', CHANNEL_MESSAGES, { status: 429, retryAfterSeconds: 0.2 });
    const channel = (await client.channels.fetch(fake.channelIds[0]!)) as TextChannel;

    const sent = await channel.send({ content: 'after the limit' });

    const calls = fake.calls.slice(since).filter((call) => CHANNEL_MESSAGES.test(call.path));
    assert.deepEqual(summary(calls), ['POST 429', 'POST 200']);
    assert.ok(calls[1]!.at - calls[0]!.at >= 200, `retried after ${calls[1]!.at - calls[0]!.at} ms`);
    assert.equal(sent.content, 'after the limit');
  });

  it('has discord.js retry a 500 at once', async () => {
    const since = fake.calls.length;
    fake.failNext('POST', CHANNEL_MESSAGES, { status: 500 });
    const channel = (await client.channels.fetch(fake.channelIds[0]!)) as TextChannel;

    await channel.send({ content: 'after the outage' });

    const calls = fake.calls.slice(since).filter((call) => CHANNEL_MESSAGES.test(call.path));
    assert.deepEqual(summary(calls), ['POST 500', 'POST 200']);
  });

  it('answers a second create with the same enforced nonce with the first message, within its window only', async () => {
    const channelId = fake.channelIds[0]!;
    const create = (body: object) =>
      client.rest.post(Routes.channelMessages(channelId), { body }) as Promise<APIMessage>;
    const before = fake.posts(channelId).length;

    const first = await create({ content: 'card', nonce: 'n-0123456789abcdef012345', enforce_nonce: true });
    const again = await create({ content: 'card, sent again', nonce: 'n-0123456789abcdef012345', enforce_nonce: true });
    assert.equal(again.id, first.id);
    assert.equal(again.content, 'card', 'the first message, as it is');
    assert.equal(first.nonce, 'n-0123456789abcdef012345', 'the nonce is echoed');
    // Without enforce_nonce the nonce is only echoed: a second message.
    const loose = await create({ content: 'loose', nonce: 'n-loose' });
    const looseAgain = await create({ content: 'loose', nonce: 'n-loose' });
    assert.notEqual(looseAgain.id, loose.id);
    await assert.rejects(create({ content: 'x', nonce: 'n'.repeat(26), enforce_nonce: true }), /Invalid Form Body/);

    const clock = MovedClock.install();
    try {
      await clock.advance(2 * 60_000 + 1000);
      const late = await create({ content: 'card, late', nonce: 'n-0123456789abcdef012345', enforce_nonce: true });
      assert.notEqual(late.id, first.id, 'past the window the nonce is forgotten');
    } finally {
      clock.restore();
    }
    assert.deepEqual(
      fake
        .posts(channelId)
        .slice(before)
        .map((m) => m.content),
      ['card', 'loose', 'loose', 'card, late'],
    );
  });

  it('records command registration and echoes the commands with ids', async () => {
    const saved = await client.application!.commands.set(
      [{ name: 'oncall', description: 'Who is on call' }],
      fake.guildId,
    );

    const call = await fake.waitForCall('PUT', /\/applications\/\d+\/guilds\/\d+\/commands$/);
    assert.deepEqual(
      (call.body as Array<{ name: string }>).map((command) => command.name),
      ['oncall'],
    );
    assert.equal(saved.first()?.name, 'oncall');
    assert.match(saved.first()?.id ?? '', /^\d+$/);
  });

  it('lets discord.js RESUME after the gateway drops, and still delivers interactions', async () => {
    const resumed = once(client.ws.shards.first()!, 'resumed');
    fake.dropGateway();
    await resumed;

    const handled = onNextInteraction(async (interaction) => {
      assert.ok(interaction.isChatInputCommand());
      await interaction.reply({ content: 'still here' });
    });
    fake.sendCommand({ name: 'ping' });
    await handled;

    const ops = fake.gatewayFrames.map((frame) => frame.op);
    assert.ok(ops.includes(GatewayOpcodes.Resume));
    assert.equal(ops.filter((op) => op === GatewayOpcodes.Identify).length, 1);
  });
});
