import { useState } from 'react';
import { TextField } from './field';

export interface TagCriterion {
  readonly key: string;
  readonly value: string;
}

/** The API's tag filter: one entry per tag key, any of its values (guide 1.6.2 / 2.4.2: every result meets all the criteria). */
export function tagFilter(criteria: readonly TagCriterion[]): { key: string; values: string[] }[] {
  const byKey = new Map<string, string[]>();
  for (const c of criteria) byKey.set(c.key, [...(byKey.get(c.key) ?? []), c.value]);
  return [...byKey].map(([key, values]) => ({ key, values }));
}

/**
 * Search by Tag (guide 1.6.2, 2.4.2): enter a tag key and value, Add them to the criteria (Remove
 * drops one), then Search; Reset clears the criteria and shows the whole list again.
 */
export function TagSearch({ max, onSearch }: { readonly max: number; readonly onSearch: (criteria: readonly TagCriterion[] | null) => void }) {
  const [open, setOpen] = useState(false);
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const [criteria, setCriteria] = useState<readonly TagCriterion[]>([]);
  const add = () => {
    const c = { key: key.trim(), value: value.trim() };
    if (!criteria.some((x) => x.key === c.key && x.value === c.value)) setCriteria([...criteria, c]);
    setKey('');
    setValue('');
  };
  const reset = () => (setCriteria([]), setKey(''), setValue(''), onSearch(null));
  if (!open) {
    return (
      <div className="actions">
        <button type="button" onClick={() => setOpen(true)}>
          Search by Tag
        </button>
      </div>
    );
  }
  return (
    <section className="tag-search" aria-label="Search by Tag">
      <div className="tag-search-input">
        <TextField label="Tag key" value={key} onChange={setKey} maxLength={36} />
        <TextField label="Tag value" value={value} onChange={setValue} maxLength={43} />
        <button type="button" onClick={add} disabled={key.trim() === '' || criteria.length >= max}>
          Add
        </button>
      </div>
      <p className="hint">At most {max} tags; each result has every tag listed.</p>
      {criteria.length > 0 ? (
        <ul className="tag-criteria" aria-label="Search criteria">
          {criteria.map((c) => (
            <li key={`${c.key}=${c.value}`} className="tag">
              {c.key}={c.value}{' '}
              <button type="button" aria-label={`Remove ${c.key}=${c.value}`} onClick={() => setCriteria(criteria.filter((x) => x !== c))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="actions">
        <button type="button" className="primary" disabled={criteria.length === 0} onClick={() => onSearch(criteria)}>
          Search
        </button>
        <button type="button" onClick={reset}>
          Reset
        </button>
      </div>
    </section>
  );
}
