/** What the commands of `npm run admin` (cli.ts) share. */
import type { Env } from '../env.ts';

/** A command: runs with the arguments after its name and the server's environment; resolves to the exit code. */
export type AdminCommand = (argv: readonly string[], env: Env) => Promise<number>;

/** A wrong command line or input: shown with the usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
