import * as v from 'valibot';
import { validate } from '../domain/validation.ts';

const nonEmpty = v.pipe(v.string(), v.nonEmpty());

/** A yes/no setting: true, false, 1 or 0. */
function booleanSetting(fallback: 'true' | 'false') {
  return v.optional(
    v.pipe(
      v.picklist(['true', 'false', '1', '0'], 'must be true or false'),
      v.transform((value) => value === 'true' || value === '1'),
    ),
    fallback,
  );
}

const EnvSchema = v.object({
  PORT: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,5}$/, 'must be a port number'),
      v.transform(Number),
      v.minValue(1),
      v.maxValue(65535),
    ),
    '8080',
  ),
  HOST: v.optional(nonEmpty, '0.0.0.0'),
  DATA_DIR: v.optional(nonEmpty, './data'),
  DATABASE_URL: v.optional(
    v.pipe(v.string(), v.regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// URL')),
  ),
  STATIC_DIR: v.optional(nonEmpty, './dist'),
  /** A reverse proxy stands in front: trust its X-Forwarded-For and X-Forwarded-Proto. */
  TRUST_PROXY: booleanSetting('false'),
  /** Bearer token of GET /metrics (Prometheus); unset, no metrics are served. */
  METRICS_TOKEN: v.optional(v.pipe(v.string(), v.minLength(16, 'must be at least 16 characters'))),
  /** Seed the demo province, units, bulletins and accounts into an empty database (0 for a real deployment). */
  LOAXA_DEMO: booleanSetting('true'),
});

/** The server's settings, read once at start from the environment. */
export type Env = v.InferOutput<typeof EnvSchema>;

/** Thrown when the environment holds a setting LoaXa cannot use; the message names each variable. */
export class EnvError extends Error {
  override readonly name = 'EnvError';
}

/** Reads and checks the settings; an empty variable counts as unset, so `DATABASE_URL=` means PGlite. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const present = Object.fromEntries(
    Object.keys(EnvSchema.entries).flatMap((name) => (source[name] ? [[name, source[name]]] : [])),
  );
  const result = validate(EnvSchema, present);
  if (result.ok) return result.value;
  const lines = result.issues.map((issue) => `  ${issue.field}: ${issue.message}`);
  throw new EnvError(`Invalid environment:\n${lines.join('\n')}`);
}
