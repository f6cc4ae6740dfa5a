import { useEffect, useState, type Inputs } from 'preact/hooks';

/** What an async read has produced so far: data stays at its last value while a newer read runs. */
export interface Loaded<T> {
  data: T | undefined;
  done: boolean;
  failed: boolean;
}

/** Runs an async read whenever `inputs` change; only the latest read may update the state. */
export function useLoad<T>(read: () => Promise<T>, inputs: Inputs): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ data: undefined, done: false, failed: false });
  useEffect(() => {
    let latest = true;
    read().then(
      (data) => {
        if (latest) setState({ data, done: true, failed: false });
      },
      (error: unknown) => {
        console.error(error);
        if (latest) setState((s) => ({ ...s, done: true, failed: true }));
      },
    );
    return () => {
      latest = false;
    };
  }, inputs);
  return state;
}
