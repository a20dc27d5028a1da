import { useEffect } from 'react';

/** Calls `reload` every `everyMs` while `active` (a resource the service is still changing by itself). */
export function usePolling(active: boolean, reload: () => void, everyMs: number): void {
  useEffect(() => {
    if (!active) return undefined;
    const timer = window.setInterval(reload, everyMs);
    return () => window.clearInterval(timer);
  }, [active, reload, everyMs]);
}
