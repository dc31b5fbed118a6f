// An upgrade's card: what it shows in each state, its buttons (carrying the card's version), and the
// same card in English; the thread lines of its reminders.
import { strict as assert } from 'node:assert';
import type { Upgrade, UpgradeState } from '../../../models/upgrades/upgrade.js';
import { stepMessage } from '../../../src/domains/upgrades/cards/step.js';
import { upgradeCard } from '../../../src/domains/upgrades/cards/upgrade.js';
import { Translator } from '../../../src/kernel/i18n.js';

const zh = new Translator('zh-CN').forLocale('zh-CN');
const en = new Translator('zh-CN').forLocale('en');
const ZONE = 'Asia/Shanghai';
const now = new Date('2026-12-01T02:00:00Z');

function anUpgrade(overrides: Partial<Upgrade> = {}): Upgrade {
  return {
    _id: 'UPG-5',
    system: 'e-pay',
    toVersion: '2.4.0',
    fromVersion: '2.3.1',
    summary: '缴费服务升级',
    plan: { rollbackPlan: '切回 2.3.1 镜像', impact: '缴费暂停 30 分钟', notes: '新增分期' },
    risk: 'medium',
    start: new Date('2026-12-03T14:00:00Z'),
    end: new Date('2026-12-03T16:30:00Z'),
    state: 'scheduled',
    author: 'slack:U1',
    version: 3,
    timeline: [{ at: now, actor: 'slack:U1', kind: 'announced', text: '缴费服务升级' }],
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

const lines = (card: ReturnType<typeof upgradeCard>) => (card.fields ?? []).map((f) => `${f.label}: ${f.value}`);

describe('upgrade card', () => {
  it('shows the version change, the window with its length and distance, the risk and the plan', () => {
    const card = upgradeCard(zh, anUpgrade(), now, ZONE);
    assert.equal(card.title, 'UPG-5 · 升级 · e-pay 2.4.0');
    assert.equal(card.text, '缴费服务升级');
    assert.deepEqual(lines(card), [
      '状态: 已计划',
      '系统: e-pay',
      '版本: 2.3.1 → 2.4.0',
      '风险: 中',
      '窗口: 2026-12-03 22:00 – 2026-12-04 00:30（2小时30分）',
      '时间: 2天12小时后开始',
      '对用户的影响: 缴费暂停 30 分钟',
      '更新说明: 新增分期',
      '回滚方案: 切回 2.3.1 镜像',
      '公告人: slack:U1',
    ]);
    assert.equal(card.footer, 'UPG-5 · 时间为 Asia/Shanghai');
  });

  it('offers the buttons of each state, carrying the card’s version', () => {
    const buttons = (state: UpgradeState) =>
      (upgradeCard(zh, anUpgrade({ state }), now, ZONE).buttons ?? []).map((b) => `${b.actionId}:${b.value}`);
    assert.deepEqual(buttons('pending_approval'), ['upgrade.approve:UPG-5~3', 'upgrade.reject:UPG-5~3']);
    assert.deepEqual(buttons('scheduled'), ['upgrade.start:UPG-5~3']);
    assert.deepEqual(buttons('in_progress'), ['upgrade.complete:UPG-5~3', 'upgrade.rollback:UPG-5~3']);
    for (const state of ['completed', 'rolled_back', 'cancelled', 'rejected', 'expired'] as const) {
      assert.deepEqual(buttons(state), [], state);
    }
  });

  it('says who rolled it back and why, in English too', () => {
    const upgrade = anUpgrade({
      state: 'rolled_back',
      startedAt: new Date('2026-12-03T14:01:00Z'),
      startedBy: 'slack:U2',
      endedAt: new Date('2026-12-03T15:00:00Z'),
      endedBy: 'slack:U2',
      timeline: [{ at: now, actor: 'slack:U2', kind: 'rolled_back', text: 'callbacks failed' }],
    });
    const card = upgradeCard(en, upgrade, now, ZONE);
    assert.equal(card.title, 'UPG-5 · Upgrade · e-pay 2.4.0');
    const shown = lines(card);
    assert.ok(shown.includes('State: rolled back'), shown.join('\n'));
    assert.ok(shown.includes('Started: slack:U2, 2026-12-03 22:01'));
    assert.ok(shown.includes('Ended: slack:U2, 2026-12-03 23:00'));
    assert.ok(shown.includes('Reason: callbacks failed'));
    assert.ok(!shown.some((l) => l.startsWith('When:')), 'no distance once it is over');
  });

  it('writes a system’s first version as none recorded', () => {
    const card = upgradeCard(en, anUpgrade({ fromVersion: undefined as never }), now, ZONE);
    assert.ok(lines(card).includes('Version: (none recorded) → 2.4.0'));
  });

  it('says the overrun reminder with how late it is, and mentions who it calls on', () => {
    const upgrade = anUpgrade({ state: 'in_progress' });
    const at = new Date(upgrade.end.getTime() + 45 * 60_000);
    const said = stepMessage(
      zh,
      upgrade,
      { at, actor: 'system', kind: 'reminded', reminder: 'overrun', notify: ['slack:U1', 'discord:9'] },
      ZONE,
    );
    assert.equal(said.text, 'UPG-5 在窗口结束（2026-12-04 00:30）45分钟后仍在进行 — 请系统运维和项目管理完成或回滚。');
    assert.deepEqual(said.mentions, ['slack:U1', 'discord:9']);
  });
});
