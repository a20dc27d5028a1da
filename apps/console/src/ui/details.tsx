import type { ReactNode } from 'react';

/** A screen's facts as a description list: term, then value. */
export function Details({ items }: { readonly items: ReadonlyArray<readonly [term: string, value: ReactNode]> }) {
  return (
    <dl className="details">
      {items.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value === '' || value === null || value === undefined ? '—' : value}</dd>
        </div>
      ))}
    </dl>
  );
}
