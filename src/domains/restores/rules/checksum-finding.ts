// A restore whose data does not match its backup (seed 6.3.2 (4): the restored data is checked)
// is a finding, raised through the alert machinery the backup checks use, in the backups channel:
// one per system, firing from the mismatch until a later restore of that system matches.
import { createHash } from 'node:crypto';
import type { AlertModel } from '../../../../models/alerts/alert.js';
import type { RestoreRequest } from '../../../../models/restores/restore-request.js';
import type { AlertServices } from '../../alerts/module.js';
import type { IncomingAlert } from '../../alerts/rules/normalizer.js';

/** The `source` of the alerts restores raise. */
export const RESTORE_ALERT_SOURCE = 'zhiban-restores';
export const CHECKSUM_CHECK = 'restore_checksum';

/** The same for a system in every process and after every restart. */
export function checksumFingerprint(system: string): string {
  return `restore-${createHash('sha256').update(`checksum#${system}`).digest('hex').slice(0, 24)}`;
}

/** The finding's name and summary in the team's language (cards/finding-text.ts). */
export interface ChecksumWords {
  name(): string;
  summary(restore: RestoreRequest): string;
}

export class ChecksumFinding {
  constructor(
    private readonly deps: {
      alerts: Pick<AlertServices, 'raise'>;
      alertModel: AlertModel;
      words: ChecksumWords;
    },
  ) {}

  /** Raised for a restore whose reported checksum differs from its backup's. */
  async raise(restore: RestoreRequest): Promise<void> {
    await this.deps.alerts.raise([this.alert(restore, 'firing')], 'backups');
  }

  /** A restore of the system matched its backup: the system's finding, if firing, resolves. */
  async clear(restore: RestoreRequest): Promise<void> {
    const firing = await this.deps.alertModel.exists({ _id: checksumFingerprint(restore.system), status: 'firing' });
    if (firing) await this.deps.alerts.raise([this.alert(restore, 'resolved')], 'backups');
  }

  private alert(restore: RestoreRequest, status: 'firing' | 'resolved'): IncomingAlert {
    return {
      source: RESTORE_ALERT_SOURCE,
      name: this.deps.words.name(),
      status,
      severity: 'major',
      layer: 'platform',
      summary: this.deps.words.summary(restore),
      labels: {
        check: CHECKSUM_CHECK,
        system: restore.system,
        scope: restore.backup.scope,
        restore: restore._id,
        instance: restore.target,
      },
      fingerprint: checksumFingerprint(restore.system),
      startsAt: restore.result?.at,
      endsAt: undefined,
    };
  }
}
