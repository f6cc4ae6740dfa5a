/**
 * Device enrolment for e2e tests, as an operator does it: district staff (here the demo admin, through the
 * real API) issue a one-time pairing code, and the device enters it on /enrol. Also the staff API calls that
 * set a scene quickly (a published bulletin) where the screen doing it is tested elsewhere.
 */
import type { Page } from 'playwright-core';
import type { PairingCodeIssued } from '../../src/domain/accounts.ts';
import type { BulletinInput } from '../../src/domain/bulletin-input.ts';
import type { Bulletin } from '../../src/domain/schemas/bulletin.ts';
import type { BulletinWritten } from '../../src/domain/staff-api.ts';
import { DEMO_UNIT_IDS } from '../../src/server/demo/demo-units.ts';
import { DEMO_PASSWORD } from '../../src/server/demo/demo-users.ts';

/** A fetch signed in as a demo staff account: the session cookie and the CSRF header on every request. */
export type StaffFetch = (path: string, init?: { method?: string; json?: unknown }) => Promise<Response>;

/** Signs in as a demo staff account (the admin unless told) with Node's fetch. */
export async function signInStaff(baseUrl: string, login = 'admin'): Promise<StaffFetch> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`login as ${login}: ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return (path, init = {}) =>
    fetch(`${baseUrl}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        cookie,
        'x-loaxa-csrf': '1',
        ...(init.json === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
    });
}

/** Creates `input` as `staff` and publishes it: the bulletin as published (version 1). */
export async function publishBulletinAs(staff: StaffFetch, input: BulletinInput): Promise<Bulletin> {
  const created = await staff('/api/bulletins', { method: 'POST', json: input });
  if (created.status !== 201) throw new Error(`bulletin: ${created.status} ${await created.text()}`);
  const { id } = ((await created.json()) as BulletinWritten).bulletin;
  const published = await staff(`/api/bulletins/${id}/publish`, { method: 'POST' });
  if (!published.ok) throw new Error(`publish: ${published.status} ${await published.text()}`);
  return ((await published.json()) as BulletinWritten).bulletin;
}

/** The demo's urgent storm warning for the whole district: in force from the day the demo was seeded. */
export const DEMO_STORM_BULLETIN = '37797c80-386e-4a2b-bb96-7ce4b71dfcc4';

/**
 * The day the server seeded its demo data (yyyy-mm-dd): the demo is dated from it, so a test that sets a page's
 * clock takes it from the server rather than from the calendar (the seed may have run before a midnight).
 */
export async function demoSeedDay(baseUrl: string): Promise<string> {
  const response = await (await signInStaff(baseUrl))(`/api/bulletins/${DEMO_STORM_BULLETIN}`);
  if (!response.ok) throw new Error(`storm bulletin: ${response.status} ${await response.text()}`);
  return ((await response.json()) as BulletinWritten).bulletin.validFrom;
}

/** A fresh one-time pairing code for a device of `unitId`, issued by the demo admin. */
export async function createPairingCode(baseUrl: string, unitId: string): Promise<string> {
  const staff = await signInStaff(baseUrl);
  const response = await staff('/api/pairing-codes', { method: 'POST', json: { unitId } });
  if (response.status !== 201) throw new Error(`pairing code: ${response.status} ${await response.text()}`);
  return ((await response.json()) as PairingCodeIssued).code;
}

/**
 * Enrols the page's device with a new code for `unitId` (Xã Tả Phìn unless told) through the enrolment
 * screen, and waits for its confirmation.
 */
export async function enrolPage(
  page: Page,
  baseUrl: string,
  unitId: string = DEMO_UNIT_IDS.taPhin,
): Promise<void> {
  const code = await createPairingCode(baseUrl, unitId);
  await page.goto(`${baseUrl}/enrol?code=${code}`);
  await page.getByTestId('enrol-code').waitFor({ timeout: 30_000 });
  await page.getByTestId('enrol-submit').click();
  await page.getByTestId('enrol-done').waitFor({ timeout: 30_000 });
}
