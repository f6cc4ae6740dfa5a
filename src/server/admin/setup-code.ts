/**
 * The first-run setup code: while no staff account exists, the server keeps a one-time code in
 * DATA_DIR/setup-code (readable by the server's user only) and prints it, and the first-run screen asks for it,
 * so whoever reaches a fresh server over the network first cannot make themselves its administrator. Several
 * processes sharing DATA_DIR share one code: the first writes it, the others read it. The code is removed once
 * the first administrator exists.
 */
import { timingSafeEqual } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { normalizePairingCode } from '../../domain/accounts.ts';
import { newPairingCode } from '../auth/tokens.ts';

/** Where the code of the server using `dataDir` is kept. */
export function setupCodePath(dataDir: string): string {
  return join(dataDir, 'setup-code');
}

/** The setup code kept at `path`, or undefined when there is none. */
async function readSetupCode(path: string): Promise<string | undefined> {
  try {
    const code = (await readFile(path, 'utf8')).trim();
    return code === '' ? undefined : code;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The code kept at `path`, made now when there is none yet. */
export async function ensureSetupCode(path: string): Promise<string> {
  try {
    await writeFile(path, `${newPairingCode()}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    // Another process (or an earlier start) made it first: use that one.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const code = await readSetupCode(path);
  if (code === undefined) throw new Error(`The setup code file ${path} is empty`);
  return code;
}

/** Whether `typed` is the code kept at `path` (typed as a pairing code is: any case, with or without a dash). */
export async function matchesSetupCode(path: string, typed: string): Promise<boolean> {
  const [kept, normal] = [await readSetupCode(path), normalizePairingCode(typed)];
  if (kept === undefined || normal === undefined) return false;
  const [a, b] = [Buffer.from(kept), Buffer.from(normal)];
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Removes the code once the first administrator exists. */
export async function removeSetupCode(path: string): Promise<void> {
  await rm(path, { force: true });
}
