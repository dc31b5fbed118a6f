// The shapes the console's API accepts; anything else is a 400 naming the bad field.
import { z } from 'zod';
import { LOCALES } from '../../../kernel/i18n.js';
import { PASSWORD_MAX, PASSWORD_MIN } from '../auth/passwords.js';

/** `alice` of `web:alice`: what mentions.ts accepts as a web id, kept in lower case. */
export const userName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._@-]{0,63}$/, 'must be 1–64 letters, digits, or . _ @ - (not first)');

const newPassword = z
  .string()
  .min(PASSWORD_MIN, `must be at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `must be at most ${PASSWORD_MAX} characters`);

/** The page's own id for one submission: a retry with the same id does the thing once. */
const requestId = z
  .string()
  .regex(/^[A-Za-z0-9-]{8,64}$/, 'must be 8–64 letters, digits or dashes')
  .optional();

const channelId = z.string().min(1).max(100);

export const signInBody = z.object({ name: userName, password: z.string().min(1).max(PASSWORD_MAX).optional() });

export const localeBody = z.object({ locale: z.enum(LOCALES) });

export const commandBody = z.object({
  channelId,
  text: z
    .string()
    .max(4000)
    .regex(/^\s*\/[a-z]+/i, 'must start with a slash command, like /ops help'),
  requestId,
});

export const actionBody = z.object({
  messageId: z.string().min(1).max(64),
  actionId: z.string().min(1).max(100),
  value: z.string().max(200),
  requestId,
});

export const formBody = z.object({
  channelId,
  formId: z.string().min(1).max(100),
  values: z
    .record(z.string().max(64), z.string().max(4000))
    .refine((values) => Object.keys(values).length <= 20, 'at most 20 values'),
  privateValue: z.string().max(200).optional(),
  /** The message whose button opened the form, so the answer goes under that card. */
  messageId: z.string().min(1).max(64).optional(),
  requestId,
});

export const newUserBody = z.object({ name: userName, password: newPassword });

export const passwordBody = z.object({ password: newPassword });
