import { useEffect, useRef, type ReactNode } from 'react';
import { Link } from './router';
import { SECTIONS } from './routes';
import { useSession, useSignedIn } from './session';
import { SelectField } from './ui/field';

/** The frame around every signed-in screen: who is signed in, the project, navigation, sign-out. */
export function Layout({ section, path, children }: { readonly section: string; readonly path: string; readonly children: ReactNode }) {
  const { userName, domainName, projects, projectId } = useSignedIn();
  const { signOut, selectProject } = useSession();
  const main = useRef<HTMLElement>(null);
  // A new screen moves focus to its content, so keyboard and screen-reader users start there.
  useEffect(() => main.current?.focus(), [path]);
  return (
    <div className="shell">
      <a className="skip" href="#main" onClick={(e) => (e.preventDefault(), main.current?.focus())}>
        Skip to content
      </a>
      <header className="top">
        <span className="brand">DEW console</span>
        <div className="who">
          {projects.length > 1 ? (
            <SelectField label="Project" value={projectId} onChange={selectProject} options={projects.map((p) => ({ value: p.id, label: p.name }))} />
          ) : (
            <span>
              Project <strong>{projects[0]?.name}</strong>
            </span>
          )}
          <span>
            Signed in as <strong>{userName}</strong> ({domainName})
          </span>
          <button type="button" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <nav aria-label="Services" className="side">
        <ul>
          {SECTIONS.map((s) => (
            <li key={s.to}>
              <Link to={s.to} current={s.to === section}>
                {s.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" ref={main} tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
