import type { ReactNode } from 'react';
import { Link } from '../router';

export interface Crumb {
  readonly label: string;
  readonly to?: string;
}

/** A screen: its breadcrumbs, its one h1, the buttons beside it, its content. */
export function Page({ title, crumbs, actions, children }: { readonly title: string; readonly crumbs?: readonly Crumb[]; readonly actions?: ReactNode; readonly children: ReactNode }) {
  return (
    <section className="page" aria-labelledby="page-title">
      {crumbs?.length ? (
        <nav aria-label="Breadcrumb" className="crumbs">
          <ol>
            {crumbs.map((c) => (
              <li key={c.label}>{c.to ? <Link to={c.to}>{c.label}</Link> : c.label}</li>
            ))}
          </ol>
        </nav>
      ) : null}
      <header className="page-header">
        <h1 id="page-title">{title}</h1>
        {actions ? <div className="actions">{actions}</div> : null}
      </header>
      {children}
    </section>
  );
}
