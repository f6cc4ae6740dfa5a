/**
 * The end of a staff form: what is wrong, in words, when something is (announced as an alert), then the wide
 * submit button, which shows `busyLabel` and cannot be pressed twice while the request runs.
 */
export function FormSubmit({
  error,
  errorTestId,
  busy,
  label,
  busyLabel,
  testId,
}: {
  error: string | null;
  errorTestId: string;
  busy: boolean;
  label: string;
  busyLabel: string;
  testId: string;
}) {
  return (
    <>
      {error && (
        <p class="alert alert-strong" role="alert" data-testid={errorTestId}>
          {error}
        </p>
      )}
      <button type="submit" class="btn btn-primary btn-wide" data-testid={testId} disabled={busy}>
        {busy ? busyLabel : label}
      </button>
    </>
  );
}
