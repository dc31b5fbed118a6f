// Roles and the audit trail on Slack, end to end: the shared scenarios through real Bolt.
import { Harness } from '../../support/harness.js';
import { slackDriver } from '../scenarios/chat-driver.js';
import { roleScenarios } from '../scenarios/role-scenarios.js';

describe('Slack: /ops role and /ops audit', function () {
  let h: Harness;

  before(async function () {
    h = await Harness.start({ label: 'slack-roles', slack: true });
  });

  after(async function () {
    await h?.stop();
  });

  roleScenarios(
    slackDriver(() => h),
    () => h,
  );
});
