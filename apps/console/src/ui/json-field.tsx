import type { ReactNode } from 'react';
import { ErrorNotice } from './error-notice';
import { TextArea } from './field';

/**
 * A policy document's JSON editor: a syntax error found here, or the API's refusal of the content
 * (which names the place), shows right under the text and is tied to it (TextArea's `error`).
 */
export function JsonField(p: {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly hint: ReactNode;
  readonly syntax: string | null;
  readonly refusal: unknown;
  readonly rows: number;
}) {
  const problem = p.syntax ? <p className="notice error" role="alert">{p.syntax}</p> : p.refusal ? <ErrorNotice error={p.refusal} /> : null;
  return <TextArea label={p.label} value={p.value} onChange={p.onChange} required rows={p.rows} hint={p.hint} error={problem} />;
}
