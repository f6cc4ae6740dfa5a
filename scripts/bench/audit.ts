/**
 * Audit trail benchmark (issue 12), on each engine: what recording a push in the trail adds to the push itself,
 * and how long checking the whole chain takes once it is long.
 * - Pushes: PUSH_BATCHES batches of LOGS_PER_BATCH signed logs through the real app (each records one entry),
 *   against the baseline measured in the same run: the same number of bare appends to the trail.
 * - Chain check: GET /api/audit/verify's work (AuditStore.verify) over CHAIN_ENTRIES entries, repeated.
 * Run alone with `node --expose-gc --import tsx scripts/bench/audit.ts`; `npm run bench` runs it with the others.
 */
import { pathToFileURL } from 'node:url';
import { createApp } from '../../src/server/app.ts';
import { DEMO_UNIT_IDS } from '../../src/server/demo/demo-units.ts';
import type { StoreKind } from '../../src/server/store/sql.ts';
import { enrolTestDevice, seedAccounts } from '../../tests/helpers/auth.ts';
import { pushLogs, signedChain } from '../../tests/helpers/staff-content.ts';
import { closeTestEngines, openTestDatabase } from '../../tests/helpers/stores.ts';
import { median, ms, timeMs } from './stats.ts';

const PUSH_BATCHES = 20;
const LOGS_PER_BATCH = 100;
const CHAIN_ENTRIES = 10_000;
const CHECKS = 3;
/** The trail may add at most this share to a push. */
const SHARE_TARGET = 0.1;
const VERIFY_TARGET_MS = 5_000;

/** Result lines for one engine. */
async function auditEngine(kind: StoreKind): Promise<string[]> {
  const db = await openTestDatabase(kind);
  try {
    await db.store.migrate();
    await seedAccounts(db.store);
    const app = createApp({ store: db.store, version: 'bench' });
    const device = await enrolTestDevice(app, DEMO_UNIT_IDS.taPhin);
    const start = Date.parse('2026-11-01T00:00:00Z');
    const logs = await signedChain(
      device,
      DEMO_UNIT_IDS.taPhin,
      Array.from({ length: PUSH_BATCHES * LOGS_PER_BATCH }, (_, i) =>
        new Date(start + i * 10 * 60_000).toISOString(),
      ),
    );
    const pushes: number[] = [];
    for (let batch = 0; batch < PUSH_BATCHES; batch++) {
      const sent = logs.slice(batch * LOGS_PER_BATCH, (batch + 1) * LOGS_PER_BATCH);
      pushes.push(await timeMs(() => pushLogs(app, device, sent)));
    }
    const appends: number[] = [];
    const record = {
      actorKind: 'system' as const,
      actorId: null,
      actorName: 'bench',
      unitIds: [DEMO_UNIT_IDS.taPhin],
      action: 'logs.push' as const,
      targetId: device.deviceId,
      before: null,
      after: JSON.stringify({ accepted: LOGS_PER_BATCH, duplicate: 0, rejected: {}, seqRange: [1, 100] }),
    };
    for (let i = 0; i < PUSH_BATCHES; i++) {
      appends.push(await timeMs(() => db.store.audit.append({ ...record, at: new Date().toISOString() })));
    }
    const stored = (await db.store.audit.verify()).checked;
    for (let i = stored; i < CHAIN_ENTRIES; i++) {
      await db.store.audit.append({ ...record, at: new Date().toISOString() });
    }
    const checks: number[] = [];
    for (let i = 0; i < CHECKS; i++) {
      globalThis.gc?.();
      checks.push(await timeMs(() => db.store.audit.verify()));
    }
    const [push, append] = [median(pushes), median(appends)];
    return [
      `| push of ${LOGS_PER_BATCH} logs with its audit entry, median of ${PUSH_BATCHES} (${kind}) | ${ms(push)}; one bare audit append ${ms(append)} = ${((append / push) * 100).toFixed(1)} % of the push | ≤ ${SHARE_TARGET * 100} % |`,
      `| audit chain check of ${CHAIN_ENTRIES.toLocaleString('en')} entries, median of ${CHECKS} (${kind}) | ${ms(median(checks))} (${checks.map(ms).join(', ')}) | < ${ms(VERIFY_TARGET_MS)} |`,
    ];
  } finally {
    await db.dispose();
  }
}

/** Result lines for the audit trail benchmark on PGlite and PostgreSQL. */
export async function benchAudit(): Promise<string[]> {
  return [...(await auditEngine('pglite')), ...(await auditEngine('postgres'))];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = await benchAudit();
  await closeTestEngines();
  for (const row of rows) console.log(row);
}
