// The words of what restores raise and open, in the team's language: the checksum finding (an
// alert in the backups channel) and the incident a failed verification opens.
import type { RestoreRequest } from '../../../../models/restores/restore-request.js';
import type { Translate } from '../../../kernel/i18n.js';

export function checksumFindingName(t: Translate): string {
  return t('restore.finding.name');
}

export function checksumFindingSummary(t: Translate, restore: RestoreRequest): string {
  return t('restore.finding.summary', {
    id: restore._id,
    system: restore.system,
    target: restore.target,
    checksum: restore.result?.checksum ?? '',
    backup: restore.backup.id,
    expected: restore.backup.checksum ?? '',
  });
}

export function verifyIncidentWords(t: Translate, restore: RestoreRequest): { title: string; description: string } {
  const v = restore.verification;
  const yesNo = (value: boolean | undefined) => t(value ? 'restore.yes' : 'restore.no');
  return {
    title: t('restore.incident.title', { id: restore._id, system: restore.system }),
    description: t('restore.incident.description', {
      id: restore._id,
      system: restore.system,
      target: restore.target,
      backup: restore.backup.id,
      dataOk: yesNo(v?.dataOk),
      systemOk: yesNo(v?.systemOk),
      note: v?.note ?? '',
      by: v?.by ?? '',
    }),
  };
}
