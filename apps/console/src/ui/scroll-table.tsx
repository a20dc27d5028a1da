import type { ReactNode } from 'react';

/**
 * A table with its column headings that scrolls sideways on a narrow window. The scrolling box is
 * a named region in the tab order, so a keyboard user can scroll it too; the caption names the
 * table for screen readers. `children` are the body's rows.
 */
export function ScrollTable({ label, columns, children }: { readonly label: string; readonly columns: readonly string[]; readonly children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      <table>
        <caption className="visually-hidden">{label}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" key={c}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
