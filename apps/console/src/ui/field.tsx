import { useId, type ReactNode } from 'react';

interface Common {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly hint?: ReactNode;
  readonly required?: boolean;
  readonly disabled?: boolean;
}

/** A labelled text input; `hint` is tied to it with aria-describedby so a screen reader reads it too. */
export function TextField(p: Common & { readonly type?: 'text' | 'password' | 'number' | 'datetime-local'; readonly autoComplete?: string; readonly min?: number; readonly max?: number; readonly pattern?: string; readonly maxLength?: number; readonly readOnly?: boolean }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{p.label}</label>
      <input
        id={id}
        type={p.type ?? 'text'}
        value={p.value}
        onChange={(e) => p.onChange(e.target.value)}
        required={p.required}
        disabled={p.disabled}
        readOnly={p.readOnly}
        autoComplete={p.autoComplete ?? 'off'}
        min={p.min}
        max={p.max}
        pattern={p.pattern}
        maxLength={p.maxLength}
        aria-describedby={p.hint ? `${id}-hint` : undefined}
      />
      {p.hint ? <small id={`${id}-hint`}>{p.hint}</small> : null}
    </div>
  );
}

/** `error`: what is wrong with the value (an ErrorNotice, which announces itself), shown right under it and tied to it (aria-invalid, aria-describedby). */
export function TextArea(p: Common & { readonly readOnly?: boolean; readonly rows?: number; readonly error?: ReactNode }) {
  const id = useId();
  const described = [p.hint ? `${id}-hint` : '', p.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{p.label}</label>
      <textarea
        id={id}
        value={p.value}
        onChange={(e) => p.onChange(e.target.value)}
        required={p.required}
        readOnly={p.readOnly}
        disabled={p.disabled}
        rows={p.rows ?? 4}
        spellCheck={false}
        aria-invalid={p.error ? true : undefined}
        aria-describedby={described || undefined}
      />
      {p.hint ? <small id={`${id}-hint`}>{p.hint}</small> : null}
      {p.error ? (
        <div id={`${id}-error`} className="field-error">
          {p.error}
        </div>
      ) : null}
    </div>
  );
}

export interface Option {
  readonly value: string;
  readonly label: string;
}

export function SelectField(p: Common & { readonly options: readonly Option[] }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{p.label}</label>
      <select id={id} value={p.value} onChange={(e) => p.onChange(e.target.value)} disabled={p.disabled} aria-describedby={p.hint ? `${id}-hint` : undefined}>
        {p.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {p.hint ? <small id={`${id}-hint`}>{p.hint}</small> : null}
    </div>
  );
}

export function Checkbox({ label, checked, onChange }: { readonly label: string; readonly checked: boolean; readonly onChange: (checked: boolean) => void }) {
  const id = useId();
  return (
    <div className="field checkbox">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}
