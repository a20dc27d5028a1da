import { useId, useState } from 'react';

/** The most a text file read into a form may hold (a PEM key, a public key, a backup blob). */
const MAX_BYTES = 1024 * 1024;

/**
 * A labelled file picker ("Select File" in the guide) that hands the chosen file's text to
 * `onText`, for a form that also takes the same text pasted into a text area.
 */
export function FileField({ label, accept, onText, hint }: { readonly label: string; readonly accept?: string; readonly onText: (text: string, fileName: string) => void; readonly hint?: string }) {
  const id = useId();
  const [problem, setProblem] = useState<string | null>(null);
  const read = async (file: File | undefined) => {
    setProblem(null);
    if (!file) return;
    if (file.size > MAX_BYTES) return setProblem(`${file.name} is larger than 1 MiB.`);
    onText(await file.text(), file.name);
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="file" accept={accept} onChange={(e) => void read(e.target.files?.[0])} aria-describedby={hint || problem ? `${id}-hint` : undefined} />
      {hint || problem ? (
        <small id={`${id}-hint`} role={problem ? 'alert' : undefined}>
          {problem ?? hint}
        </small>
      ) : null}
    </div>
  );
}
