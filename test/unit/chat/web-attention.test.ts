// The page's rules for getting attention and for quiet channels, without a browser: which new
// messages call the person, the count in the title, the choices kept per person, and private
// messages leaving a channel's view after a while.
import { strict as assert } from 'node:assert';
import type { WebMessageView } from '../../../src/chat/web/api-types.js';
import { attentionReason, looking, titleWithCount } from '../../../web/attention/attention.js';
import { defaultPrefs, loadPrefs, savePrefs } from '../../../web/attention/preferences.js';
import { MessageStore } from '../../../web/message-store.js';

function aMessage(overrides: Partial<WebMessageView>): WebMessageView {
  return {
    id: 'm1',
    channelId: 'alerts',
    message: { text: 'DiskFull', cards: [{ title: '[严重] ALG-1 · DiskFull' }] },
    version: 1,
    createdAt: '2026-11-25T10:00:00.000Z',
    updatedAt: '2026-11-25T10:00:00.000Z',
    ...overrides,
  };
}

function aStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
  };
}

describe('web page: what calls for attention', () => {
  const follows = new Set(['alerts', 'incidents']);

  it('calls for a new card in a followed channel, not for one in another channel', () => {
    assert.equal(attentionReason(aMessage({}), 'web:alice', follows), 'card');
    assert.equal(attentionReason(aMessage({ channelId: 'backups' }), 'web:alice', follows), undefined);
  });

  it('calls for a message that mentions the person, in any channel, thread lines included', () => {
    const mention = aMessage({ channelId: 'backups', thread: 'c1', message: { text: 'x', mentions: ['web:alice'] } });
    assert.equal(attentionReason(mention, 'web:alice', new Set()), 'mention');
    assert.equal(attentionReason(mention, 'web:bob', new Set()), undefined);
  });

  it('does not call for a thread line, what the person typed, or a private answer', () => {
    assert.equal(attentionReason(aMessage({ thread: 'c1' }), 'web:alice', follows), undefined);
    assert.equal(attentionReason(aMessage({ author: 'web:alice', private: true }), 'web:alice', follows), undefined);
    assert.equal(attentionReason(aMessage({ private: true }), 'web:alice', follows), undefined);
  });

  it('puts the count before the title, and nothing when none waits', () => {
    assert.equal(titleWithCount('值班 Zhiban', 3), '(3) 值班 Zhiban');
    assert.equal(titleWithCount('值班 Zhiban', 0), '值班 Zhiban');
  });

  it('takes the person as looking only when the tab is shown and has the focus', () => {
    assert.equal(looking({ visibilityState: 'visible', hasFocus: () => true }), true);
    assert.equal(looking({ visibilityState: 'hidden', hasFocus: () => true }), false);
    assert.equal(looking({ visibilityState: 'visible', hasFocus: () => false }), false);
  });
});

describe('web page: attention choices', () => {
  it('starts with the sound on, desktop notifications off until allowed, and every fixed channel followed', () => {
    assert.deepEqual(loadPrefs('web:alice', aStorage()), {
      desktop: false,
      sound: true,
      follows: ['alerts', 'incidents', 'backups', 'approvals', 'announcements', 'reports'],
    });
  });

  it('keeps each person’s choices apart, and reads a damaged entry as the defaults', () => {
    const storage = aStorage();
    savePrefs('web:alice', { desktop: true, sound: false, follows: ['alerts'] }, storage);
    assert.deepEqual(loadPrefs('web:alice', storage), { desktop: true, sound: false, follows: ['alerts'] });
    assert.deepEqual(loadPrefs('web:bob', storage), defaultPrefs());
    storage.setItem('zhiban.attention:web:carol', '{not json');
    assert.deepEqual(loadPrefs('web:carol', storage), defaultPrefs());
  });
});

describe('web page: private messages fade from a channel', () => {
  it('leaves out private messages the page has had for longer than the fade, keeps the rest', () => {
    let now = 1000;
    const store = new MessageStore(() => now);
    store.upsert([
      aMessage({ id: 'card' }),
      aMessage({ id: 'answer', thread: 'card', private: true }),
      aMessage({ id: 'echo', private: true, author: 'web:alice' }),
    ]);
    assert.equal(store.nextFade('alerts', 500), 1500);
    now = 1600;
    const shown = store.channel('alerts', 500);
    assert.deepEqual(
      shown.cards.map((c) => c.id),
      ['card'],
    );
    assert.equal(shown.replies.get('card'), undefined);
    assert.equal(store.nextFade('alerts', 500), undefined);
    assert.equal(store.channel('alerts').cards.length, 2, 'without a fade (direct messages) all stay');
  });
});
