// The backups domain's variable (README "Configuration"): how small a full backup may be, against
// the median of the five before it, before it is a finding (issue 12, check 4: 50 % by default).
import { z } from 'zod';
import type { ConfigFragment } from '../module.js';

export interface BackupConfig {
  /** A succeeded full under this share of the median size of the five before it is too small (0.5: 50 %). */
  smallBelow: number;
}

export const BACKUP_CONFIG: ConfigFragment<'backups'> = {
  section: 'backups',
  env: {
    BACKUP_SMALL_BELOW: z
      .string()
      .default('50%')
      .refine(
        (v) => /^\d{1,2}%$/.test(v.trim()) && Number(v.trim().slice(0, -1)) >= 1,
        'must be a percentage from 1% to 99%',
      )
      .transform((v) => Number(v.trim().slice(0, -1)) / 100),
  },
  read: (parsed): BackupConfig => ({ smallBelow: parsed.BACKUP_SMALL_BELOW as number }),
};

declare module '../../config/index.js' {
  interface DomainConfig {
    backups: BackupConfig;
  }
}
