import { useId, type ReactNode } from 'react';

/** A labelled file picker; the chosen file (or null) goes to `onChange`, read by the caller. */
export function FilePicker({ label, onChange, hint, required }: { readonly label: string; readonly onChange: (file: File | null) => void; readonly hint?: ReactNode; readonly required?: boolean }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="file" required={required} onChange={(e) => onChange(e.target.files?.[0] ?? null)} aria-describedby={hint ? `${id}-hint` : undefined} />
      {hint ? <small id={`${id}-hint`}>{hint}</small> : null}
    </div>
  );
}
