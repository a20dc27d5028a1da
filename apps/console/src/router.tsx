import { useEffect, useState, type ReactNode } from 'react';

/**
 * Routing in the URL's fragment (`/console/#/kms/keys/…`): the gateway serves one page and never
 * sees the fragment, so a screen needs no server route, and a reload lands on the same screen
 * (after sign-in, since the token is not kept).
 */
export function currentPath(): string {
  return window.location.hash.replace(/^#/, '') || '/';
}

export function navigate(path: string): void {
  window.location.hash = path;
}

export function useCurrentPath(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const update = () => setPath(currentPath());
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return path;
}

export function Link({ to, children, current }: { readonly to: string; readonly children: ReactNode; readonly current?: boolean }) {
  return (
    <a href={`#${to}`} aria-current={current ? 'page' : undefined}>
      {children}
    </a>
  );
}
