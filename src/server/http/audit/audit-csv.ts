/**
 * The audit trail as CSV for staff (UTF-8 with BOM, CRLF, Vietnamese headers, oldest first), streamed a batch
 * at a time. Values before and after stay as the canonical JSON the chain hashed, and the hashes are there, so
 * the export itself can be checked against the chain.
 */
import { VIETNAM_TIME_ZONE } from '../../../domain/airing.ts';
import type { AuditEntry } from '../../../domain/audit.ts';
import { formatDateTimeSeconds } from '../../../domain/dates.ts';
import viStaff from '../../../../locales/vi/staff.json';
import { csvLine, CSV_BOM, inertText } from '../../reports/csv-report.ts';

const { csv: HEADERS, actions, actorKinds } = viStaff.audit;

/** The CSV of `batches`; `unitName` names a unit id, or answers undefined for one the reader cannot see. */
export async function* auditCsv(
  batches: AsyncIterable<AuditEntry[]>,
  unitName: (id: string) => string | undefined,
): AsyncGenerator<string> {
  yield (
    CSV_BOM +
    csvLine([
      HEADERS.seq,
      HEADERS.at,
      HEADERS.actorKind,
      HEADERS.actor,
      HEADERS.action,
      HEADERS.target,
      HEADERS.units,
      HEADERS.before,
      HEADERS.after,
      HEADERS.prevHash,
      HEADERS.hash,
    ])
  );
  for await (const batch of batches) {
    yield batch
      .map((entry) =>
        csvLine([
          String(entry.seq),
          formatDateTimeSeconds(entry.at, VIETNAM_TIME_ZONE),
          actorKinds[entry.actorKind],
          inertText(entry.actorName),
          actions[entry.action],
          entry.targetId ?? '',
          entry.unitIds.map((id) => inertText(unitName(id) ?? id)).join('; '),
          inertText(entry.before ?? ''),
          inertText(entry.after ?? ''),
          entry.prevHash,
          entry.hash,
        ]),
      )
      .join('');
  }
}
