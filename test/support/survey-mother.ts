// An object mother for surveys: a readable survey with the one detail a test cares about given.
import type { Survey } from '../../models/surveys/survey.js';

const SENT = new Date('2026-11-02T02:00:00Z');

export function aSurvey(overrides: Partial<Survey> = {}): Survey {
  const shortId = overrides.shortId ?? overrides._id ?? 'SRV-1';
  return {
    _id: shortId,
    shortId,
    person: 'slack:UASKED001',
    incident: { id: 'INC-1', title: '统一身份认证无法登录', category: 'technical', severity: 'P1' },
    reason: 'incident_closed',
    sentBy: 'system',
    state: 'open',
    sentAt: SENT,
    closesAt: new Date(SENT.getTime() + 7 * 86_400_000),
    remindAt: new Date(SENT.getTime() + 2 * 86_400_000),
    answers: {},
    updatedAt: SENT,
    version: 0,
    linkHashes: [],
    ...overrides,
  };
}
