import { useSyncExternalStore } from 'react';
import { compareHash, parseCompare, type CompareRoute } from '../features/compare/route';

export type Route = { name: 'library' } | { name: 'panel' } | { name: 'session'; id: string; t?: number } | CompareRoute;

export function parseHash(hash: string): Route {
  const c = /^#\/compare(?:\?(.*))?$/.exec(hash);
  if (c) return parseCompare(c[1] ?? '');
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
