/**
 * The server's admin command line (src/server/admin/cli.ts) run as an administrator runs it: `npm run admin -- …`,
 * `npm run backup -- …` and `npm run restore -- …` are this with the command first.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './app-server.ts';

/** What a run of the command line printed and how it exited. */
export interface CliRun {
  code: number | null;
  out: string;
  err: string;
}

/** Runs `cli.ts <args>` on the data directory `dataDir` (PGlite unless `env` names a database), `stdin` as input. */
export function runAdminCli(
  dataDir: string,
  args: readonly string[],
  { stdin = '', env = {} }: { stdin?: string; env?: Record<string, string> } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['src/server/admin/cli.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', ...env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, out, err }));
    child.stdin.end(stdin);
  });
}
