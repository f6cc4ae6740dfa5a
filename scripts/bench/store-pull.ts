/**
 * Store benchmark on both engines: one batched upsert of N bulletins, then a device's first full pull of
 * them through the HTTP app (gzip on, default page size), as a commune phone of Xã Tả Phìn, enrolled through
 * the API, does after install.
 * Bulletin texts cycle through the demo bulletins, so gzip sees real Vietnamese prose; the wire size is
 * reported for the demo set alone too, where no text repeats.
 */
import { gunzipSync } from 'node:zlib';
import type { Hono } from 'hono';
import { createApp } from '../../src/server/app.ts';
import type { Bulletin } from '../../src/domain/schemas/bulletin.ts';
import type { PullPage } from '../../src/domain/sync.ts';
import type { StoreKind } from '../../src/server/store/store.ts';
import { VIETNAM_TIME_ZONE } from '../../src/domain/airing.ts';
import { isoDateOf } from '../../src/domain/dates.ts';
import { demoBulletins } from '../../src/server/demo/demo-bulletins.ts';
import { DEMO_UNIT_IDS } from '../../src/server/demo/demo-units.ts';
import { enrolTestDevice, seedAccounts } from '../../tests/helpers/auth.ts';
import { makeBulletin } from '../../tests/helpers/factories.ts';
import { openTestDatabase } from '../../tests/helpers/stores.ts';
import { ms, timeMs } from './stats.ts';

/** Pulls every change the device may see through the HTTP app; returns pages, bulletins and gzip bytes. */
async function pullAll(
  app: Hono,
  token: string,
): Promise<{ pages: number; bulletins: number; wireBytes: number }> {
  let cursor = 0;
  let pages = 0;
  let bulletins = 0;
  let wireBytes = 0;
  for (;;) {
    const res = await app.request(`/api/sync/pull?cursor=${cursor}`, {
      headers: { 'Accept-Encoding': 'gzip', Authorization: `Bearer ${token}` },
    });
    if (res.headers.get('content-encoding') !== 'gzip') throw new Error('pull answer is not gzip-compressed');
    const raw = Buffer.from(await res.arrayBuffer());
    wireBytes += raw.length;
    const page = JSON.parse(gunzipSync(raw).toString('utf8')) as PullPage;
    pages += 1;
    bulletins += page.bulletins.length;
    cursor = page.cursor;
    if (!page.more) return { pages, bulletins, wireBytes };
  }
}

/** The demo bulletins as a server seeding today has them. */
function todaysDemoBulletins(): Bulletin[] {
  return demoBulletins(isoDateOf(new Date(), VIETNAM_TIME_ZONE));
}

/**
 * N published bulletins cycling through the demo texts, each with its own id and a numbered title, targeted at
 * the province so that every device sees them all.
 */
export function benchBulletins(count: number): Bulletin[] {
  const demo = todaysDemoBulletins();
  return Array.from({ length: count }, (_, i) => {
    const source = demo[i % demo.length]!;
    return makeBulletin({
      ...source,
      id: crypto.randomUUID(),
      title: `${source.title} (${i + 1})`,
      targetUnitIds: [DEMO_UNIT_IDS.province],
    });
  });
}

/** Returns result lines for N bulletins on `kind`. */
export async function benchStorePull(kind: StoreKind, count: number): Promise<string[]> {
  const db = await openTestDatabase(kind);
  try {
    await db.store.migrate();
    await seedAccounts(db.store);
    await db.store.upsertBulletins(todaysDemoBulletins());
    const app = createApp({ store: db.store, version: 'bench' });
    const { token } = await enrolTestDevice(app, DEMO_UNIT_IDS.taPhin);
    const demo = await pullAll(app, token);

    const bulletins = benchBulletins(count);
    const upsert = await timeMs(() => db.store.upsertBulletins(bulletins));
    let full = demo;
    const pull = await timeMs(async () => {
      full = await pullAll(app, token);
    });
    const expected = count + demo.bulletins;
    if (full.bulletins !== expected)
      throw new Error(`pulled ${full.bulletins} of ${expected} bulletins on ${kind}`);
    return [
      `| ${kind}: upsert ${count} bulletins in one batch | ${ms(upsert)} | |`,
      `| ${kind}: first full pull of ${expected} bulletins, ${full.pages} pages over HTTP (app.request) | ${ms(pull)} | |`,
      `| ${kind}: gzip bytes on the wire per bulletin, full pull | ${(full.wireBytes / expected).toFixed(0)} B | |`,
      `| ${kind}: gzip bytes on the wire per bulletin, ${demo.bulletins} distinct demo bulletins | ${(demo.wireBytes / demo.bulletins).toFixed(0)} B | |`,
    ];
  } finally {
    await db.dispose();
  }
}
