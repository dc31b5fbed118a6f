// Roles and the audit trail on Discord, end to end: the shared scenarios through real discord.js.
import { Harness } from '../../support/harness.js';
import { discordDriver } from '../scenarios/chat-driver.js';
import { roleScenarios } from '../scenarios/role-scenarios.js';

describe('Discord: /ops role and /ops audit', function () {
  let h: Harness;

  before(async function () {
    h = await Harness.start({ label: 'discord-roles', discord: true });
  });

  after(async function () {
    await h?.stop();
  });

  roleScenarios(
    discordDriver(() => h),
    () => h,
  );
});
