/**
 * Malformed and hostile requests for every route of the API, as fast-check arbitraries: the route, its path
 * parameters, query, body, content type and encoding, and who sends it. Half of the bodies are a valid request
 * with one field made hostile, so the fuzzing reaches the stores, not only the schemas.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { createApp } from '../../src/server/app.ts';
import { DEMO_UNIT_IDS } from '../../src/server/demo/demo-units.ts';
import type { Store } from '../../src/server/store/store.ts';
import { adminSession, enrolTestDevice, seedAccounts } from './auth.ts';
import { makeBulletinInput, makeLog } from './factories.ts';

/** Who may send a request: a signed-in staff member (admin) and an enrolled device. */
export interface FuzzIdentities {
  staffCookie: string;
  deviceToken: string;
}

/** One generated request, before it is given an identity. */
export interface HostileRequest {
  method: string;
  path: string;
  query: [string, string][];
  sender: 'nobody' | 'staff' | 'device';
  contentType: string | null;
  gzip: boolean;
  /** The body's bytes as text (JSON or not), or null for none. */
  body: string | null;
}

/** Every route, with `:id` and `:sha256` and `:format` for its parameters, and two that do not exist. */
export const FUZZED_ROUTES: readonly [string, string][] = [
  ['GET', '/api/health'],
  ['GET', '/api/ready'],
  ['POST', '/api/auth/login'],
  ['POST', '/api/auth/logout'],
  ['GET', '/api/auth/me'],
  ['POST', '/api/auth/password'],
  ['GET', '/api/auth/session'],
  ['POST', '/api/setup'],
  ['GET', '/api/audit'],
  ['GET', '/api/audit/export.csv'],
  ['GET', '/api/audit/verify'],
  ['GET', '/api/accounts'],
  ['POST', '/api/accounts'],
  ['PUT', '/api/accounts/:id'],
  ['POST', '/api/accounts/:id/disable'],
  ['POST', '/api/accounts/:id/enable'],
  ['POST', '/api/accounts/:id/reset-password'],
  ['POST', '/api/pairing-codes'],
  ['POST', '/api/devices/enrol'],
  ['GET', '/api/devices'],
  ['POST', '/api/devices/:id/revoke'],
  ['GET', '/api/device'],
  ['GET', '/api/sync/pull'],
  ['POST', '/api/sync/push'],
  ['GET', '/api/bulletins'],
  ['GET', '/api/bulletins/:id'],
  ['POST', '/api/bulletins'],
  ['PUT', '/api/bulletins/:id'],
  ['POST', '/api/bulletins/:id/publish'],
  ['POST', '/api/bulletins/:id/withdraw'],
  ['POST', '/api/slots/submissions'],
  ['GET', '/api/slots/submissions'],
  ['POST', '/api/slots/submissions/:id/review'],
  ['GET', '/api/logs'],
  ['GET', '/api/logs/:id'],
  ['GET', '/api/logs/:id/photos/:sha256'],
  ['GET', '/api/units'],
  ['POST', '/api/units'],
  ['PUT', '/api/units/:id'],
  ['GET', '/api/coverage'],
  ['GET', '/api/reports/draft'],
  ['POST', '/api/reports/:format'],
  ['HEAD', '/api/attachments/:sha256'],
  ['GET', '/api/attachments/:sha256'],
  ['PUT', '/api/attachments/:sha256'],
  ['DELETE', '/api/units/:id'],
  ['PATCH', '/api/nothing/here'],
];

const { district, taPhin } = DEMO_UNIT_IDS;

/** Strings that have broken servers: not dates, not numbers, not text, too long, or nearly right. */
const hostileString = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '1e+308',
    '-1e+308',
    '1e-320',
    'NaN',
    '-1',
    '0',
    '2147483648',
    '9007199254740993',
    '2026-02-30',
    '2026-13-01',
    '0000-01-01',
    '+275760-09-13',
    '2026-11-25T24:00:00Z',
    '2026-02-30T00:00:00.000Z',
    '2026-11-25T10:00:00.123456Z',
    '\u0000',
    'Tin\u0000 giả',
    '\ud800',
    'a\udc00b',
    '../../etc/passwd',
    "'; DROP TABLE units; --",
    '=HYPERLINK("http://x")',
    'c774c551-9120-42c6-a894-a8a9e146b4da',
    'ZZZZ-ZZZZ',
    'a'.repeat(64),
    '9'.repeat(5000),
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(null, true, 2147483648, -2147483649, 1e308, -0, 0.5, Number.MAX_SAFE_INTEGER + 2, [], {}),
  fc.integer(),
  fc.double(),
  fc.array(hostileString, { maxLength: 3 }),
  fc.dictionary(hostileString, hostileString, { maxKeys: 3 }),
);

const paramValue = fc.oneof(
  fc.uuid(),
  fc.constantFrom(
    taPhin,
    district,
    'docx',
    'xlsx',
    'csv',
    'pdf',
    'a'.repeat(64),
    '%00',
    '%ED%A0%80',
    '..%2F..',
  ),
  // Every byte percent-encoded (encodeURIComponent throws on a lone surrogate; the bytes carry U+FFFD then).
  hostileString.map((text) =>
    Array.from(new TextEncoder().encode(text), (byte) => `%${byte.toString(16).padStart(2, '0')}`).join(''),
  ),
);

const QUERY_KEYS = [
  'from',
  'to',
  'unitId',
  'cursor',
  'limit',
  'before',
  'silentDays',
  'status',
  'verification',
  'x',
];

const query = fc.array(
  fc.tuple(fc.oneof(fc.constantFrom(...QUERY_KEYS), fc.string({ maxLength: 8 })), hostileString),
  { maxLength: 4 },
);

/** A valid request body of each kind, for one field of it to be made hostile. */
const VALID_BODIES: readonly Record<string, unknown>[] = [
  { login: 'phong.vhtt', password: 'loaxa-demo' },
  { ...makeBulletinInput([taPhin]), version: 1 },
  { parentId: district, level: 'commune', name: 'Xã Thử', code: '99998', languages: ['vie'], version: 1 },
  { unitId: taPhin, from: '2026-01-01', to: '2026-12-31', number: '12/BC-VHTT', signedOn: '2026-12-01' },
  { logs: [makeLog(null, { unitId: taPhin })] },
  { decision: 'approve', comment: '' },
  { code: 'ABCD-EFGH', label: 'Máy thử', deviceId: crypto.randomUUID(), publicKey: { kty: 'EC' } },
];

/** A valid body with one field (or, in a push, one field of its log) replaced by a hostile value. */
const mutatedBody = fc
  .tuple(fc.constantFrom(...VALID_BODIES), fc.nat(), hostileValue)
  .map(([body, pick, value]) => {
    if (Array.isArray(body.logs)) {
      const log = body.logs[0] as Record<string, unknown>;
      const keys = Object.keys(log);
      return { logs: [{ ...log, [keys[pick % keys.length]!]: value }] };
    }
    const keys = Object.keys(body);
    return { ...body, [keys[pick % keys.length]!]: value };
  });

const body = fc.oneof(
  fc.constant(null),
  mutatedBody.map((value) => JSON.stringify(value)),
  mutatedBody.map((value) => JSON.stringify(value)),
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
  hostileString,
  fc.constantFrom('{', '[1,', '{"logs":[{"id":1}]}', '{"logs":null}', '\u0000', '{"__proto__":{"x":1}}'),
);

/** One hostile request. */
export const hostileRequest: fc.Arbitrary<HostileRequest> = fc
  .record({
    route: fc.constantFrom(...FUZZED_ROUTES),
    params: fc.array(paramValue, { minLength: 2, maxLength: 2 }),
    query,
    sender: fc.constantFrom('nobody', 'staff', 'staff', 'device'),
    contentType: fc.constantFrom('application/json', 'application/json', 'text/plain', null),
    gzip: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    body,
  })
  .map(({ route: [method, template], params, query, sender, contentType, gzip, body }) => {
    let next = 0;
    const path = template.replace(/:[a-z0-9]+/g, () => params[next++] ?? '');
    return { method, path, query, sender, contentType, gzip, body } as HostileRequest;
  });

/** The Request to send for a generated one, with the sender's credentials. */
function requestOf(hostile: HostileRequest, identities: FuzzIdentities): Request {
  const url = new URL(`http://localhost${hostile.path}`);
  for (const [key, value] of hostile.query) url.searchParams.append(key, value);
  const headers: Record<string, string> = {};
  if (hostile.sender === 'staff') {
    headers.Cookie = identities.staffCookie;
    headers['X-LoaXa-CSRF'] = '1';
  }
  if (hostile.sender === 'device') headers.Authorization = `Bearer ${identities.deviceToken}`;
  if (hostile.contentType !== null) headers['Content-Type'] = hostile.contentType;
  const canHaveBody = hostile.method !== 'GET' && hostile.method !== 'HEAD';
  let payload: Blob | undefined;
  if (canHaveBody && hostile.body !== null) {
    const bytes = new TextEncoder().encode(hostile.body);
    payload = new Blob([hostile.gzip ? gzipSync(bytes) : bytes]);
    if (hostile.gzip) headers['Content-Encoding'] = 'gzip';
  }
  return new Request(url, { method: hostile.method, headers, body: payload });
}

/** The app on a migrated store, ready to be sent hostile requests by a staff member and a device. */
export interface FuzzTarget {
  /** Sends one request as its sender; answers its status once the body is read. */
  send: (hostile: HostileRequest) => Promise<number>;
  /** Removes the attachments directory (the store is the caller's). */
  close: () => Promise<void>;
}

/** Seeds the demo accounts into `store`, enrols a device and serves the app with attachments in a temporary directory. */
export async function openFuzzTarget(store: Store): Promise<FuzzTarget> {
  await store.migrate();
  await seedAccounts(store);
  const attachmentsDir = await mkdtemp(join(tmpdir(), 'loaxa-fuzz-'));
  const app = createApp({ store, version: 'fuzz', attachmentsDir });
  const identities: FuzzIdentities = {
    staffCookie: await adminSession(store),
    deviceToken: (await enrolTestDevice(app, DEMO_UNIT_IDS.taPhin)).token,
  };
  return {
    send: async (hostile) => {
      const answer = await app.request(requestOf(hostile, identities));
      await answer.arrayBuffer();
      // A logout ended the session the next requests would use.
      if (hostile.path === '/api/auth/logout' && answer.status === 204) {
        identities.staffCookie = await adminSession(store);
      }
      return answer.status;
    },
    close: () => rm(attachmentsDir, { recursive: true, force: true }),
  };
}
