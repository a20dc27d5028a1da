import { useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { Checkbox } from './field';
import { ErrorNotice } from './error-notice';
import { restoreFocus } from './restore-focus';
import { useAction } from './use-action';

export interface ConfirmProps {
  readonly title: string;
  readonly children?: ReactNode;
  /** The guide's "I understand the impact of …": OK stays disabled until it is ticked. */
  readonly acknowledgement?: string;
  readonly confirmLabel?: string;
  /** Runs on OK; the dialog stays open showing the API's error if it throws. */
  readonly onConfirm: () => Promise<void>;
  readonly onClose: () => void;
  /** False while the dialog's own fields are not valid yet. */
  readonly ready?: boolean;
  /** The dialog stays open after OK (its owner shows the next step in it). */
  readonly keepOpen?: boolean;
}

/**
 * A modal confirmation on the native <dialog>: showModal() makes the rest of the page inert,
 * keeps focus inside, and Escape cancels, so it is keyboard-usable without a focus trap of ours.
 * When it closes, focus goes back to what opened it (src/ui/restore-focus.ts).
 */
export function ConfirmDialog(p: ConfirmProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [acknowledged, setAcknowledged] = useState(false);

  // Layout effects: the opener is read before the dialog takes focus, and given focus back
  // before the dialog leaves the page.
  useLayoutEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      // After React's commit, when the opener's row has re-rendered (or gone).
      window.setTimeout(() => restoreFocus(opener), 0);
    };
  }, []);

  const { busy, error, run } = useAction(async () => {
    await p.onConfirm();
    if (!p.keepOpen) p.onClose();
  });
  const canConfirm = !busy && (p.ready ?? true) && (!p.acknowledgement || acknowledged);
  return (
    <dialog ref={ref} aria-labelledby={titleId} onCancel={(e) => (busy ? e.preventDefault() : p.onClose())}>
      <form onSubmit={run} method="dialog">
        <h2 id={titleId}>{p.title}</h2>
        {p.children}
        {p.acknowledgement ? <Checkbox label={p.acknowledgement} checked={acknowledged} onChange={setAcknowledged} /> : null}
        <ErrorNotice error={error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={!canConfirm}>
            {busy ? 'Working…' : (p.confirmLabel ?? 'OK')}
          </button>
          <button type="button" onClick={p.onClose} disabled={busy}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
