import type { ReactNode } from 'react';

/**
 * A table that scrolls sideways on a narrow window. The scrolling box is a named region in the
 * tab order, so a keyboard user can scroll it too; the caption names the table for screen readers.
 */
export function ScrollTable({ label, children }: { readonly label: string; readonly children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      <table>
        <caption className="visually-hidden">{label}</caption>
        {children}
      </table>
    </div>
  );
}
