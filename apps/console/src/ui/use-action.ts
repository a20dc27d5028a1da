import { useState, type FormEvent } from 'react';

export interface Action {
  readonly busy: boolean;
  /** What the last run threw (an ApiError shows the API's code), or null. */
  readonly error: unknown;
  /** Runs the action once (a form's submit, a button's click); a second run waits for the first. */
  readonly run: (e?: FormEvent) => Promise<void>;
  /** Forgets the last error (the user cleared the form). */
  readonly reset: () => void;
}

/** One user action against the API with its busy flag and its error, as every form needs them. */
export function useAction(act: () => Promise<void>): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (e?: FormEvent) => {
    e?.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await act();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run, reset: () => setError(null) };
}
