import { useEffect, useState, type Inputs } from 'preact/hooks';
import { useErrorText } from './staff-i18n.ts';

/** A page of a list read newest first: its items and where the following page starts (null at the end). */
export interface ListPage<T, C> {
  items: T[];
  next: C | null;
}

/** A list read page by page: what has been read, and how to read more or try again. */
export interface Pages<T> {
  items: T[];
  /** loading: the first page of the current filters; more: a following page. */
  state: 'loading' | 'idle' | 'more';
  /** The last failure, in the user's words. */
  error: string | null;
  hasMore: boolean;
  more: () => Promise<void>;
  retry: () => void;
}

/**
 * Reads the first page again whenever `inputs` (the filters) change, and following pages on `more`; only the
 * latest first read may fill the list, so a slow answer for old filters never replaces a newer one.
 */
export function usePages<T, C>(
  read: (before: C | undefined) => Promise<ListPage<T, C>>,
  inputs: Inputs,
): Pages<T> {
  const errorText = useErrorText();
  const [items, setItems] = useState<T[]>([]);
  const [next, setNext] = useState<C | null>(null);
  const [state, setState] = useState<Pages<T>['state']>('loading');
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setState('loading');
    setError(null);
    read(undefined).then(
      (page) => {
        if (!live) return;
        setItems(page.items);
        setNext(page.next);
        setState('idle');
      },
      (failure: unknown) => {
        if (!live) return;
        setError(errorText(failure));
        setState('idle');
      },
    );
    return () => {
      live = false;
    };
  }, [...inputs, attempt]);
  const more = async () => {
    if (next === null) return;
    setState('more');
    setError(null);
    try {
      const page = await read(next);
      setItems((shown) => [...shown, ...page.items]);
      setNext(page.next);
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setState('idle');
    }
  };
  return { items, state, error, hasMore: next !== null, more, retry: () => setAttempt((n) => n + 1) };
}
