import { useState } from 'react';
import { useSignedIn } from '../../session';
import { ScrollTable } from '../../ui/scroll-table';
import { describeOutcome, runBatch, summarise, type BatchOutcome, type BatchTarget } from './batch';
import { KeyActionDialog, runKeyAction, type KeyAction } from './key-action-dialog';

const BUTTONS: ReadonlyArray<readonly [KeyAction, string, string]> = [
  ['enable', 'Enable', 'enabled'],
  ['disable', 'Disable', 'disabled'],
  ['delete', 'Delete', 'scheduled for deletion'],
  ['cancel', 'Cancel Deletion', 'no longer scheduled for deletion'],
];

export interface BatchReport {
  readonly summary: string;
  readonly outcomes: readonly BatchOutcome[];
}

/** The buttons above the key list that act on every selected key, each behind the guide's dialog. */
export function BatchActions({ targets, onDone }: { readonly targets: readonly BatchTarget[]; readonly onDone: (report: BatchReport) => void }) {
  const { api } = useSignedIn();
  const [open, setOpen] = useState<KeyAction | null>(null);
  const count = targets.length;
  const subject = `${count} selected ${count === 1 ? 'key' : 'keys'}`;
  return (
    <div className="row-actions batch" role="group" aria-label="Batch operations">
      <span aria-live="polite">{count === 0 ? 'Select keys to act on several at once.' : `${count} selected.`}</span>
      {BUTTONS.map(([action, label]) => (
        <button key={action} type="button" disabled={count === 0} onClick={() => setOpen(action)}>
          {label}
        </button>
      ))}
      {open ? (
        <KeyActionDialog
          action={open}
          subject={subject}
          onClose={() => setOpen(null)}
          onConfirm={async (days) => {
            const outcomes = await runBatch(targets, (keyId) => runKeyAction(api, open, keyId, days));
            const done = BUTTONS.find(([a]) => a === open)?.[2] ?? open;
            onDone({ summary: summarise(outcomes, done), outcomes });
          }}
        />
      ) : null}
    </div>
  );
}

/** Which keys of the last batch succeeded, and why each other one failed (the API's code and message). */
export function BatchResults({ report }: { readonly report: BatchReport | null }) {
  if (!report) return null;
  return (
    <section aria-labelledby="batch-results" className="panel">
      <h2 id="batch-results">{report.summary}</h2>
      <ScrollTable label="Batch results" columns={['Key', 'Result']}>
        {report.outcomes.map((o) => {
          const d = describeOutcome(o);
          return (
            <tr key={o.keyId}>
              <th scope="row">{o.name}</th>
              <td className={d.ok ? 'ok' : 'failed'}>
                {d.ok ? d.message : `Failed: ${d.message}`}
                {d.code ? (
                  <div className="sub">
                    Error code: <code>{d.code}</code>
                  </div>
                ) : null}
              </td>
            </tr>
          );
        })}
      </ScrollTable>
    </section>
  );
}
