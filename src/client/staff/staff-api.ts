/**
 * The staff workspace's calls to the LoaXa API (docs/api.md). Staff data is online-only by design: nothing here
 * is cached in IndexedDB, every call goes to the server with the session cookie. Unsafe methods carry the CSRF
 * header the server demands; every failure becomes a StaffApiError with the API's stable error code.
 */
import type { AuditPage, AuditQuery, AuditVerification } from '../../domain/audit.ts';
import type {
  AccountCreate,
  AccountSummary,
  AccountUpdate,
  SetupRequest,
  TemporaryPasswordIssued,
} from '../../domain/account-admin.ts';
import type { PairingCodeIssued, DeviceSummary, SessionInfo, SessionState } from '../../domain/accounts.ts';
import type { ReportPeriod } from '../../domain/coverage.ts';
import type { ReportFormat, ReportRequest } from '../../domain/report.ts';
import type { BulletinInput, BulletinUpdate } from '../../domain/bulletin-input.ts';
import type { CoverageReport } from '../../domain/coverage-report.ts';
import type { Bulletin, BulletinStatus } from '../../domain/schemas/bulletin.ts';
import type { Unit } from '../../domain/schemas/unit.ts';
import type { ReviewRequest, SlotSubmission, SubmissionStatus } from '../../domain/slot-submission.ts';
import type {
  BulletinList,
  BulletinWritten,
  LogDetail,
  LogPage,
  LogQuery,
  SubmissionForReview,
  SubmissionList,
  SubmissionWritten,
  UnitList,
  UnitWritten,
} from '../../domain/staff-api.ts';
import type { ApiError } from '../../domain/sync.ts';
import type { UnitInput, UnitUpdate } from '../../domain/unit-input.ts';

/** A failed call: `code` is the API's error code, or `network` when the server could not be reached. */
export class StaffApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: readonly { field: string; message: string }[] = [],
    /** Seconds to wait before trying again, from Retry-After (too_many_attempts). */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'StaffApiError';
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'DELETE', 'PATCH']);

function isApiError(body: unknown): body is ApiError {
  return typeof body === 'object' && body !== null && typeof (body as ApiError).error === 'string';
}

async function request(method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = {};
  if (UNSAFE.has(method)) headers['X-LoaXa-CSRF'] = '1';
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new StaffApiError(0, 'network', error instanceof Error ? error.message : String(error));
  }
  if (response.ok) return response;
  const parsed: unknown = await response.json().catch(() => null);
  const retryAfter = Number(response.headers.get('Retry-After'));
  throw new StaffApiError(
    response.status,
    isApiError(parsed) ? parsed.error : 'http_error',
    isApiError(parsed) ? parsed.message : response.statusText,
    isApiError(parsed) ? (parsed.issues ?? []) : [],
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
  );
}

async function json<T>(method: string, path: string, body?: unknown): Promise<T> {
  return (await (await request(method, path, body)).json()) as T;
}

/** Signs in; the server sets the session cookie. */
export function signIn(login: string, password: string): Promise<SessionInfo> {
  return json('POST', '/api/auth/login', { login, password });
}

/** Ends the session on the server. */
export async function signOut(): Promise<void> {
  await request('POST', '/api/auth/logout');
}

/** Sets the signed-in account's own password (the account's other sessions end). */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await request('POST', '/api/auth/password', { currentPassword, newPassword });
}

/** The accounts of the signed-in account's subtree. */
export async function listAccounts(): Promise<AccountSummary[]> {
  return (await json<{ accounts: AccountSummary[] }>('GET', '/api/accounts')).accounts;
}

/** Creates an account; the answer holds its temporary password, shown once. */
export function createAccount(account: AccountCreate): Promise<TemporaryPasswordIssued> {
  return json('POST', '/api/accounts', account);
}

/** Changes an account's unit, role and name. */
export async function updateAccount(id: string, update: AccountUpdate): Promise<AccountSummary> {
  return (await json<{ account: AccountSummary }>('PUT', `/api/accounts/${id}`, update)).account;
}

/** Disables an account (ending its sessions) or enables it again. */
export async function setAccountEnabled(id: string, enabled: boolean): Promise<AccountSummary> {
  const path = `/api/accounts/${id}/${enabled ? 'enable' : 'disable'}`;
  return (await json<{ account: AccountSummary }>('POST', path)).account;
}

/** Gives an account a new temporary password (ending its sessions), shown once. */
export function resetAccountPassword(id: string): Promise<TemporaryPasswordIssued> {
  return json('POST', `/api/accounts/${id}/reset-password`);
}

/** Creates the top unit and the first administrator with the server's setup code. */
export async function completeSetup(setup: SetupRequest): Promise<void> {
  await request('POST', '/api/setup', setup);
}

/** Who is signed in (null: nobody), and whether the server waits for its first administrator. */
export function currentSession(): Promise<SessionState> {
  return json('GET', '/api/auth/session');
}

/** The units the account may read: its own, its ancestors and its subtree. */
export async function listUnits(): Promise<Unit[]> {
  return (await json<UnitList>('GET', '/api/units')).units;
}

/** A one-time pairing code for a new device of `unitId`. */
export function createPairingCode(unitId: string): Promise<PairingCodeIssued> {
  return json('POST', '/api/pairing-codes', { unitId });
}

/** Devices of the account's subtree. */
export async function listDevices(): Promise<DeviceSummary[]> {
  return (await json<{ devices: DeviceSummary[] }>('GET', '/api/devices')).devices;
}

/** Revokes a device: the server refuses its token from now on. */
export async function revokeDevice(id: string): Promise<DeviceSummary> {
  return (await json<{ device: DeviceSummary }>('POST', `/api/devices/${encodeURIComponent(id)}/revoke`))
    .device;
}

/** The query string of a list's filters, leaving out those not set (undefined or empty). */
export function queryString(query: Readonly<Record<string, string | number | undefined>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== '') params.set(key, String(value));
  return params.toString();
}

/** One page of logs received from the account's subtree. */
export function listLogs(query: Partial<LogQuery>): Promise<LogPage> {
  return json('GET', `/api/logs?${queryString(query)}`);
}

/** One received log with its verification problem, device and chain; undefined when it is not readable. */
export async function getLog(id: string): Promise<LogDetail | undefined> {
  try {
    return await json<LogDetail>('GET', `/api/logs/${encodeURIComponent(id)}`);
  } catch (error) {
    if (error instanceof StaffApiError && error.status === 404) return undefined;
    throw error;
  }
}

/** Where a photo of a received log is served, to staff who may read the log (an image's src). */
export function logPhotoUrl(logId: string, sha256: string): string {
  return `/api/logs/${encodeURIComponent(logId)}/photos/${encodeURIComponent(sha256)}`;
}

/** One page of the audit trail of the account's subtree (or `unitId`'s), newest first. */
export function listAudit(query: Partial<Record<keyof AuditQuery, string | number>>): Promise<AuditPage> {
  return json('GET', `/api/audit?${queryString(query)}`);
}

/** Checks the whole audit chain on the server. */
export function verifyAudit(): Promise<AuditVerification> {
  return json('GET', '/api/audit/verify');
}

/**
 * Coverage of `unitId`'s subtree over a period (Vietnam calendar days, both included), for the dashboard, with
 * the devices silent for more than `silentDays` (the server's default when absent).
 */
export function getCoverage(query: {
  unitId: string;
  from: string;
  to: string;
  silentDays?: number;
}): Promise<CoverageReport> {
  const { silentDays, ...rest } = query;
  const params = new URLSearchParams(rest);
  if (silentDays !== undefined) params.set('silentDays', String(silentDays));
  return json('GET', `/api/coverage?${params.toString()}`);
}

/** Submitted translations waiting for (or past) review. */
export async function listSubmissions(status: SubmissionStatus): Promise<SubmissionForReview[]> {
  return (await json<SubmissionList>('GET', `/api/slots/submissions?status=${status}`)).submissions;
}

/** Approves or rejects a submitted translation. */
export async function reviewSubmission(id: string, review: ReviewRequest): Promise<SlotSubmission> {
  return (
    await json<SubmissionWritten>('POST', `/api/slots/submissions/${encodeURIComponent(id)}/review`, review)
  ).submission;
}

/** Bulletins the account may read, optionally of one status. */
export async function listBulletins(status?: BulletinStatus): Promise<Bulletin[]> {
  const query = status ? `?status=${status}` : '';
  return (await json<BulletinList>('GET', `/api/bulletins${query}`)).bulletins;
}

/** One bulletin as the server holds it now, to edit; undefined when there is no such bulletin. */
export async function getBulletin(id: string): Promise<Bulletin | undefined> {
  try {
    return (await json<BulletinWritten>('GET', `/api/bulletins/${encodeURIComponent(id)}`)).bulletin;
  } catch (error) {
    if (error instanceof StaffApiError && error.status === 404) return undefined;
    throw error;
  }
}

/** Creates a bulletin as a draft (version 1). */
export async function createBulletin(input: BulletinInput): Promise<Bulletin> {
  return (await json<BulletinWritten>('POST', '/api/bulletins', input)).bulletin;
}

/** Saves an edit as the next version; 409 version_conflict when `update.version` is no longer the current one. */
export async function updateBulletin(id: string, update: BulletinUpdate): Promise<Bulletin> {
  return (await json<BulletinWritten>('PUT', `/api/bulletins/${encodeURIComponent(id)}`, update)).bulletin;
}

/** Publishes a bulletin: devices of its target units receive it on their next sync. */
export async function publishBulletin(id: string): Promise<Bulletin> {
  return (await json<BulletinWritten>('POST', `/api/bulletins/${encodeURIComponent(id)}/publish`)).bulletin;
}

/** Withdraws a bulletin: devices drop it on their next sync. */
export async function withdrawBulletin(id: string): Promise<Bulletin> {
  return (await json<BulletinWritten>('POST', `/api/bulletins/${encodeURIComponent(id)}/withdraw`)).bulletin;
}

/** The bytes of a stored attachment (a recording to listen to). */
export async function fetchAttachment(sha256: string): Promise<Blob> {
  return (await request('GET', `/api/attachments/${encodeURIComponent(sha256)}`)).blob();
}

/** The report to start from for `unitId` and the period: header suggested, narrative drafted from the figures. */
export function reportDraft(unitId: string, period: ReportPeriod): Promise<ReportRequest> {
  const params = new URLSearchParams({ unitId, from: period.from, to: period.to });
  return json('GET', `/api/reports/draft?${params.toString()}`);
}

/** A generated report file, named as the server's Content-Disposition names it. */
export interface ReportFile {
  blob: Blob;
  fileName: string;
}

/**
 * Generates the report in `format` on the server and reads the streamed answer, calling `onBytes` with the
 * bytes received so far (the server streams large exports without a length, so there is no total to show).
 */
export async function downloadReport(
  format: ReportFormat,
  report: ReportRequest,
  onBytes: (received: number) => void,
): Promise<ReportFile> {
  const response = await request('POST', `/api/reports/${format}`, report);
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `bao-cao.${format}`;
  const type = response.headers.get('Content-Type') ?? 'application/octet-stream';
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  try {
    const reader = response.body?.getReader();
    for (let next = await reader?.read(); next && !next.done; next = await reader?.read()) {
      chunks.push(next.value);
      received += next.value.byteLength;
      onBytes(received);
    }
  } catch (error) {
    // The connection dropped half-way: a cut-short file is worse than none.
    throw new StaffApiError(0, 'network', error instanceof Error ? error.message : String(error));
  }
  return { blob: new Blob(chunks, { type }), fileName };
}

/** Creates a unit under its parent. */
export async function createUnit(input: UnitInput): Promise<Unit> {
  return (await json<UnitWritten>('POST', '/api/units', input)).unit;
}

/**
 * Saves an edit or a move of a unit; 409 version_conflict when it changed since `update.updatedAt`, 409
 * unit_cycle when the new parent is the unit itself or below it.
 */
export async function updateUnit(id: string, update: UnitUpdate): Promise<Unit> {
  return (await json<UnitWritten>('PUT', `/api/units/${encodeURIComponent(id)}`, update)).unit;
}
