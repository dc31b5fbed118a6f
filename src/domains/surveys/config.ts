// The surveys domain's variables (README "Configuration"): how long a person is left alone after
// being asked, and the address people outside the chat reach the survey page at.
import { z } from 'zod';
import { duration } from '../../config/schema.js';
import type { ConfigFragment } from '../module.js';

export interface SurveyConfig {
  /** Milliseconds after a person was asked anything during which no survey is sent to them (unless forced). */
  cooldownMs: number;
  /**
   * The address the survey links start with (`https://ops.example.gov.cn`, no trailing slash);
   * undefined: the address Zhiban listens on.
   */
  publicUrl: string | undefined;
}

export const SURVEY_CONFIG: ConfigFragment<'surveys'> = {
  section: 'surveys',
  env: {
    SURVEY_COOLDOWN: duration('7d'),
    SURVEY_PUBLIC_URL: z
      .string()
      .optional()
      .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()))
      .refine((v) => v === undefined || /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/i.test(v), 'must be an http(s) URL'),
  },
  read: (parsed): SurveyConfig => ({
    cooldownMs: parsed.SURVEY_COOLDOWN as number,
    publicUrl: (parsed.SURVEY_PUBLIC_URL as string | undefined)?.replace(/\/+$/, ''),
  }),
};

declare module '../../config/index.js' {
  interface DomainConfig {
    surveys: SurveyConfig;
  }
}
