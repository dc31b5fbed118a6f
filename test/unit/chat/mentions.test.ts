// Naming a person in a command: Slack and Discord mentions, typed platform:id, bare ids, and what is refused.
import { strict as assert } from 'node:assert';
import type { Platform } from '../../../src/chat/actor.js';
import { parseUserRef } from '../../../src/chat/mentions.js';

describe('parseUserRef', () => {
  const accepted: Array<[string, Platform, string]> = [
    ['<@U123ABC|alice>', 'slack', 'slack:U123ABC'],
    ['<@U123ABC>', 'slack', 'slack:U123ABC'],
    ['<@W0ENTERPRISE>', 'slack', 'slack:W0ENTERPRISE'],
    ['<@U123|name with spaces>', 'slack', 'slack:U123'],
    ['<@300000000000000001>', 'discord', 'discord:300000000000000001'],
    ['<@!300000000000000001>', 'discord', 'discord:300000000000000001'],
    // A mention pasted from the other platform still names the right person.
    ['<@300000000000000001>', 'slack', 'discord:300000000000000001'],
    ['<@U123ABC>', 'discord', 'slack:U123ABC'],
    ['slack:U123', 'discord', 'slack:U123'],
    ['SLACK:U123', 'web', 'slack:U123'],
    ['discord:4567', 'slack', 'discord:4567'],
    ['web:alice', 'slack', 'web:alice'],
    ['web:ops.lead@example.org', 'discord', 'web:ops.lead@example.org'],
    ['U123', 'slack', 'slack:U123'],
    ['300000000000000001', 'discord', 'discord:300000000000000001'],
    ['alice', 'web', 'web:alice'],
    ['  <@U123>  ', 'slack', 'slack:U123'],
  ];
  for (const [typed, platform, key] of accepted) {
    it(`reads ${JSON.stringify(typed)} typed on ${platform} as ${key}`, () => {
      assert.equal(parseUserRef(typed, platform), key);
    });
  }

  const refused: Array<[string, Platform, string]> = [
    ['', 'slack', 'nothing'],
    ['   ', 'discord', 'only spaces'],
    ['<@&300000000000000001>', 'discord', 'a Discord role mention'],
    ['<#C123|general>', 'slack', 'a Slack channel mention'],
    ['<!here>', 'slack', 'a Slack special mention'],
    ['<@U123', 'slack', 'an unclosed mention'],
    ['<@!U123>', 'slack', 'a nickname mark on a Slack id'],
    ['<@u123>', 'slack', 'a lower-case Slack id'],
    ['@alice', 'slack', 'an unresolved Slack name'],
    ['alice', 'slack', 'a name on Slack'],
    ['alice', 'discord', 'a name on Discord'],
    ['slack:alice', 'slack', 'a name after slack:'],
    ['discord:abc', 'slack', 'letters after discord:'],
    ['teams:U123', 'slack', 'an unknown platform'],
    ['slack:', 'slack', 'an empty id'],
    ['web:-alice', 'web', 'a web name starting with a dash'],
    ['U123 U456', 'slack', 'two words'],
    ['x'.repeat(10_000), 'web', 'a 10 KB argument'],
    [`<@U${'1'.repeat(300)}>`, 'slack', 'an oversized mention'],
  ];
  for (const [typed, platform, what] of refused) {
    it(`refuses ${what}`, () => {
      assert.equal(parseUserRef(typed, platform), undefined);
    });
  }
});
