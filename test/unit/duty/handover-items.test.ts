// What a handover card lists: each source's lines by kind, a failing source listing nothing rather
// than stopping the handover, and the maintenance windows of the shift as the upgrades domain will
// give them.
import { strict as assert } from 'node:assert';
import { gatherItems, type HandoverItemSource } from '../../../src/domains/duty/handover-items/item-source.js';
import { maintenanceSource } from '../../../src/domains/duty/handover-items/maintenance.js';

const FROM = new Date('2026-12-01T01:00:00Z');
const TO = new Date('2026-12-02T01:00:00Z');

describe('duty handover items', function () {
  it('lists the maintenance windows of the shift, asking for exactly its span', async function () {
    let asked: [Date, Date] | undefined;
    const source = maintenanceSource(async (from, to) => {
      asked = [from, to];
      return [
        {
          id: 'UPG-3',
          system: 'e-pay',
          version: '2.4.1',
          start: new Date('2026-12-01T14:00:00Z'),
          end: new Date('2026-12-01T16:00:00Z'),
          status: 'scheduled',
          risk: 'high',
        },
      ];
    }, 'Asia/Shanghai');
    const [found] = await gatherItems([source], 'sysops', FROM, TO);
    assert.deepEqual(asked, [FROM, TO]);
    assert.deepEqual(found, {
      kind: 'maintenance',
      items: [{ id: 'UPG-3', text: 'UPG-3 e-pay 2.4.1 2026-12-01 22:00 → 2026-12-02 00:00' }],
    });
  });

  it('marks a source that fails as unread, and still lists the others', async function () {
    const failing: HandoverItemSource = { kind: 'alerts', list: async () => Promise.reject(new Error('down')) };
    const working: HandoverItemSource = { kind: 'incidents', list: async () => [{ id: 'INC-1', text: 'INC-1 P1 x' }] };
    assert.deepEqual(await gatherItems([failing, working], 'sysops', FROM, TO), [
      { kind: 'alerts', items: [], failed: true },
      { kind: 'incidents', items: [{ id: 'INC-1', text: 'INC-1 P1 x' }] },
    ]);
  });
});
