import * as v from 'valibot';

/** One problem found in input: the dotted path of the field and what is wrong with it. */
export interface FieldIssue {
  field: string;
  message: string;
}

/** The outcome of validating untrusted input against a domain schema. */
export type Validated<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

/** Validates input against a schema and names each offending field by its dotted path. */
export function validate<S extends v.GenericSchema>(schema: S, input: unknown): Validated<v.InferOutput<S>> {
  const result = v.safeParse(schema, input);
  if (result.success) return { ok: true, value: result.output };
  return {
    ok: false,
    issues: result.issues.map((issue) => ({
      field: v.getDotPath(issue) ?? '(root)',
      message: issue.message,
    })),
  };
}
