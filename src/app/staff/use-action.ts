import { useState } from 'preact/hooks';
import { useErrorText } from './staff-i18n.ts';

/** A staff call in flight: `busy` while it runs, its failure in words until the next run. */
export interface Action {
  busy: boolean;
  error: string | null;
  /** Shows a message of the screen's own (a check made before any call). */
  setError: (error: string | null) => void;
  /** Runs `work`, clearing the last error first; resolves false when it failed. */
  run: (work: () => Promise<unknown>) => Promise<boolean>;
}

/** Busy and error state around the staff API calls a screen or row makes. */
export function useAction(): Action {
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      return true;
    } catch (failure) {
      setError(errorText(failure));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}
