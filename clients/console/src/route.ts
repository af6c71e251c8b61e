/** The console's place lives in the URL hash (#/inbox?region=…), so any view can be bookmarked and shared. */
import { useEffect, useState } from 'preact/hooks';

export interface Route {
  path: string;
  params: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const text = hash.replace(/^#/, '') || '/inbox';
  const q = text.indexOf('?');
  return q < 0
    ? { path: text, params: new URLSearchParams() }
    : { path: text.slice(0, q), params: new URLSearchParams(text.slice(q + 1)) };
}

export function href(path: string, params?: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) if (v) q.set(k, v);
  const s = q.toString();
  return `#${path}${s ? `?${s}` : ''}`;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const on = () => setRoute(parseHash(location.hash));
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}

/** Calls `load` now and every `ms` while the page is visible (short polling for live updates). */
export function usePolling(load: () => void, ms: number, deps: unknown[]): void {
  useEffect(() => {
    load();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') load();
    }, ms);
    return () => clearInterval(timer);
  }, deps);
}
