import * as v from 'valibot';
import { IdSchema, TimestampSchema, labelSchema } from './common.ts';

/** The public half of a device's ECDSA P-256 signing key, as a JWK. */
export const PublicKeyJwkSchema = v.object({
  kty: v.literal('EC'),
  crv: v.literal('P-256'),
  x: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/)),
  y: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/)),
});
export type PublicKeyJwk = v.InferOutput<typeof PublicKeyJwkSchema>;

/** A phone or station PC enrolled to a unit; its logs are signed with its key. */
export const DeviceSchema = v.strictObject({
  id: IdSchema,
  unitId: IdSchema,
  label: labelSchema(120),
  publicKey: PublicKeyJwkSchema,
  /** SHA-256 of the bearer token; the token itself is never stored. */
  tokenHash: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
  enrolledAt: TimestampSchema,
  lastSeenAt: v.nullable(TimestampSchema),
  revokedAt: v.nullable(TimestampSchema),
});
export type Device = v.InferOutput<typeof DeviceSchema>;
