// Card edge colours by tone, shared by every adapter so a P1 looks equally red everywhere.
import type { Tone } from './card.js';

export const TONE_COLORS: Record<Tone, string> = {
  critical: '#D0021B',
  major: '#F5A623',
  minor: '#F8E71C',
  info: '#4A90E2',
  success: '#2EB67D',
  neutral: '#9B9B9B',
};
