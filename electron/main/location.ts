/**
 * Where the renderer is loaded from, and which URLs count as "ours". Pure Node logic (no
 * Electron import) so it is unit-testable.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export type RendererLocation =
  /** Development: the electron-vite dev server (http://localhost or 127.0.0.1 only). */
  | { kind: 'dev'; url: string; origin: string }
  /** Built app: out/renderer/index.html loaded from disk. */
  | { kind: 'file'; file: string; url: string };

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Picks the dev server URL only when the app is not packaged and the URL points at this
 * machine; a packaged app always loads its own files, whatever the environment says.
 */
export function resolveRendererLocation(opts: { devUrl: string | undefined; isPackaged: boolean; mainDir: string }): RendererLocation {
  if (opts.devUrl && !opts.isPackaged) {
    let u: URL | undefined;
    try {
      u = new URL(opts.devUrl);
    } catch {
      u = undefined;
    }
    if (u && (u.protocol === 'http:' || u.protocol === 'https:') && LOCAL_HOSTS.has(u.hostname)) {
      return { kind: 'dev', url: u.href, origin: u.origin };
    }
  }
  const file = join(opts.mainDir, '..', 'renderer', 'index.html');
  return { kind: 'file', file, url: pathToFileURL(file).href };
}

/** The URL without its fragment and query: what identifies the document. */
function documentOf(u: URL): string {
  return `${u.protocol}//${u.host}${u.pathname}`;
}

/**
 * True when `url` is a document of our renderer: same origin as the dev server, or the very
 * index.html file we loaded (any hash route or query).
 */
export function isRendererUrl(url: string, loc: RendererLocation): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (loc.kind === 'dev') return u.origin === loc.origin;
  if (u.protocol !== 'file:') return false;
  return documentOf(u) === documentOf(new URL(loc.url));
}

/** Navigation is allowed only to our renderer's own entry document (a reload). */
export function isAllowedNavigation(url: string, loc: RendererLocation): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (loc.kind === 'dev') return u.origin === loc.origin && u.pathname === new URL(loc.url).pathname;
  return isRendererUrl(url, loc);
}
