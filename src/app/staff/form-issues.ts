/**
 * Which fields of a staff form a validation names: the same issues come from the local check made before
 * sending and from the server's 400 answer, and each form maps issue paths onto its own fields.
 */
import { StaffApiError } from '../../client/staff/staff-api.ts';
import type { FieldIssue } from '../../domain/validation.ts';

/** The field among `fields` that the first segment of an issue path ("languages[2]", "airing.times") names. */
export function topField<F extends string>(fields: readonly F[], path: string): F | undefined {
  const head = path.split(/[.[]/)[0];
  return fields.find((field) => field === head);
}

/** The form fields `issues` name through `fieldOf`, each once; paths the form does not show are left out. */
export function issueFields<F>(issues: readonly FieldIssue[], fieldOf: (path: string) => F | undefined): F[] {
  const found = new Set<F>();
  for (const issue of issues) {
    const field = fieldOf(issue.field);
    if (field !== undefined) found.add(field);
  }
  return [...found];
}

/** The form fields a failed staff call names (none when it failed for another reason than validation). */
export function failedFields<F>(failure: unknown, fieldOf: (path: string) => F | undefined): F[] {
  return failure instanceof StaffApiError ? issueFields(failure.issues, fieldOf) : [];
}
