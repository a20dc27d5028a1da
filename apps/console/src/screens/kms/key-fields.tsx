import { useState } from 'react';
import { SelectField, TextArea, TextField } from '../../ui/field';
import { usagesOf } from './key-format';

export interface KeyFieldValues {
  readonly key_alias: string;
  readonly key_spec: string;
  readonly key_usage: string;
  readonly key_description: string;
}

export interface KeyFieldsState {
  readonly values: KeyFieldValues;
  readonly set: (change: Partial<KeyFieldValues>) => void;
}

/** A new key's fields, the usage following the algorithm's default (guide 1.2, "Usage"). */
export function useKeyFields(firstSpec: string): KeyFieldsState {
  const [values, setValues] = useState<KeyFieldValues>({ key_alias: '', key_spec: firstSpec, key_usage: usagesOf(firstSpec)[0] ?? 'ENCRYPT_DECRYPT', key_description: '' });
  const set = (change: Partial<KeyFieldValues>) =>
    setValues((v) => ({ ...v, ...change, ...(change.key_spec ? { key_usage: usagesOf(change.key_spec)[0] ?? 'ENCRYPT_DECRYPT' } : {}) }));
  return { values, set };
}

/** Alias, algorithm, usage and description, as Create Key and Import Key's first step ask them. */
export function KeyFields({ state, specs }: { readonly state: KeyFieldsState; readonly specs: readonly string[] }) {
  const { values: v, set } = state;
  return (
    <>
      <TextField
        label="Alias"
        value={v.key_alias}
        onChange={(key_alias) => set({ key_alias })}
        required
        maxLength={255}
        hint="Letters, digits, underscores (_), hyphens (-), colons (:) and slashes (/); up to 255 characters."
      />
      <SelectField label="Key algorithm" value={v.key_spec} onChange={(key_spec) => set({ key_spec })} options={specs.map((s) => ({ value: s, label: s }))} />
      <SelectField
        label="Usage"
        value={v.key_usage}
        onChange={(key_usage) => set({ key_usage })}
        options={usagesOf(v.key_spec).map((u) => ({ value: u, label: u }))}
        hint="The usage is set when the key is created and cannot be changed afterwards."
      />
      <TextArea label="Description (optional)" value={v.key_description} onChange={(key_description) => set({ key_description })} rows={2} />
    </>
  );
}
