import * as v from 'valibot';
import { IdSchema, labelSchema } from './common.ts';

export const ROLES = ['operator', 'team', 'district', 'province', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** A staff account; it acts on its unit and the units below it. */
export const UserSchema = v.strictObject({
  id: IdSchema,
  unitId: IdSchema,
  role: v.picklist(ROLES),
  login: v.pipe(v.string(), v.trim(), v.toLowerCase(), v.regex(/^[a-z0-9._-]{3,64}$/)),
  displayName: labelSchema(120),
  /** scrypt hash in the form scrypt$N$r$p$salt$hash (base64url). */
  passwordHash: v.pipe(v.string(), v.startsWith('scrypt$')),
});
export type User = v.InferOutput<typeof UserSchema>;
