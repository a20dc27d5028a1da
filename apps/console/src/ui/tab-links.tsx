import { Link } from '../router';

/** A row of links between sibling lists, the guide's tabs; the one shown is marked current. */
export function TabLinks({ label, className, tabs, current }: { readonly label: string; readonly className: string; readonly tabs: readonly (readonly [to: string, text: string])[]; readonly current: string }) {
  return (
    <nav aria-label={label} className={className}>
      {tabs.map(([to, text]) => (
        <Link key={to} to={to} current={to === current}>
          {text}
        </Link>
      ))}
    </nav>
  );
}
