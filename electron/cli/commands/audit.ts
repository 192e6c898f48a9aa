import { KontorError } from '../../../shared/errors.ts';
import { verifyAuditTrail } from '../../core/audit/verify.ts';
import type { CliCommand } from '../command.ts';
import { openExistingDatabase } from '../database.ts';

export const auditVerifyCommand: CliCommand = {
  name: 'audit verify',
  summary: 'Check the audit trail: the chain of hashes, the triggers, and every audited row against its last record.',
  details: 'Exit code 0 when everything holds, 1 when something was changed outside Kontor (the first broken link is named).',
  args: { min: 0, max: 0 },
  json: true,
  async run(context) {
    const database = await openExistingDatabase(context.databasePath, context.appVersion);
    let result;
    try {
      result = verifyAuditTrail(database.sqlite);
    } finally {
      database.close();
    }
    const lines = [`${result.records} audit records; head ${result.headHash ?? '(none)'}`];
    if (result.firstBrokenLink) lines.push(`First broken link: record ${result.firstBrokenLink.seq}: ${result.firstBrokenLink.message}`);
    else lines.push('The chain of hashes holds.');
    if (result.missingTriggers.length > 0) lines.push(`Audit triggers removed or changed on: ${result.missingTriggers.join(', ')}`);
    for (const change of result.unrecordedChanges) lines.push(`Not recorded: ${change.message}`);
    if (result.ok) lines.push('Every audited row matches its last record.');
    context.result(lines.join('\n'), result);
    if (!result.ok) throw new KontorError('CONFLICT', 'The audit trail shows changes made outside Kontor (see above).');
  },
};
