import { useEffect, useSyncExternalStore } from 'react';
import { compareHash, parseCompare, type CompareRoute } from '../features/compare/route';

export type Route =
  | { name: 'library' }
  | { name: 'panel' }
  | { name: 'session'; id: string; t?: number }
  | { name: 'committee'; id: string }
  | { name: 'audience'; id: string }
  /** A deep link from a decision record: the session by content hash. */
  | { name: 'open'; hash: string; t?: number }
  | CompareRoute;

export function parseHash(hash: string): Route {
  const cmp = /^#\/compare(?:\?(.*))?$/.exec(hash);
  if (cmp) return parseCompare(cmp[1] ?? '');
  const c = /^#\/(committee|audience)\/([^?]+)$/.exec(hash);
  if (c) return { name: c[1] as 'committee' | 'audience', id: decodeURIComponent(c[2]!) };
  const o = /^#\/open\/([^?]+)(?:\?(.*))?$/.exec(hash);
  if (o) {
    const t = Number(new URLSearchParams(o[2] ?? '').get('t'));
    return { name: 'open', hash: decodeURIComponent(o[1]!), ...(Number.isFinite(t) && t > 0 ? { t } : {}) };
  }
  const m = /^#\/session\/([^?]+)(?:\?(.*))?$/.exec(hash);
  if (m) {
    const params = new URLSearchParams(m[2] ?? '');
    const t = Number(params.get('t'));
    return { name: 'session', id: decodeURIComponent(m[1]!), ...(params.has('t') && Number.isFinite(t) ? { t } : {}) };
  }
  if (/^#\/panel\/?$/.test(hash)) return { name: 'panel' };
  return { name: 'library' };
}

export function routeHash(r: Route): string {
  if (r.name === 'compare') return compareHash(r);
  if (r.name === 'session') return `#/session/${encodeURIComponent(r.id)}${r.t !== undefined ? `?t=${Math.round(r.t)}` : ''}`;
  if (r.name === 'committee' || r.name === 'audience') return `#/${r.name}/${encodeURIComponent(r.id)}`;
  if (r.name === 'open') return `#/open/${encodeURIComponent(r.hash)}${r.t !== undefined ? `?t=${Math.round(r.t)}` : ''}`;
  if (r.name === 'panel') return '#/panel';
  return '#/';
}

export function navigate(r: Route): void {
  window.location.hash = routeHash(r);
}

function subscribe(cb: () => void): () => void {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseHash(hash);
}

/**
 * Calls `onEdit` with the route of each hash change (a hand edit, a pasted link, navigate()).
 * The route comes from the event's newURL, not from location: a view that keeps the URL in
 * step with its clock (history.replaceState) may already have written its older time over
 * the edit before the event is dispatched, which would swallow the edit.
 */
export function useHashEdit(onEdit: (r: Route) => void): void {
  useEffect(() => {
    const on = (e: HashChangeEvent) => onEdit(parseHash(new URL(e.newURL).hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, [onEdit]);
}
