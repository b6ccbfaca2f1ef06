/**
 * The Content-Security-Policy of the Baton renderer, shared by the Electron main process
 * (sent as a response header) and the web build (a <meta> tag). Pure constants only.
 *
 * Nothing loads from the network: scripts, styles, fonts and workers come from the app
 * itself; blob: and data: are allowed where the app creates them (workers, audio, images).
 * Monaco needs inline styles, so style-src allows 'unsafe-inline'; scripts never do.
 */

export type CspDirectives = Readonly<Record<string, readonly string[]>>;

export const CSP_DIRECTIVES: CspDirectives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'worker-src': ["'self'", 'blob:'],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'media-src': ["'self'", 'blob:', 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'", 'blob:', 'data:'],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'none'"],
};

/** Directives a browser ignores (and warns about) when they come from a <meta> tag. */
export const HEADER_ONLY_DIRECTIVES: readonly string[] = ['frame-ancestors', 'report-uri', 'sandbox'];

export function serializeCsp(directives: CspDirectives): string {
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/** The production policy, as sent in the Content-Security-Policy response header. */
export const CONTENT_SECURITY_POLICY = serializeCsp(CSP_DIRECTIVES);

/** The same policy for `<meta http-equiv="Content-Security-Policy">` (header-only directives removed). */
export const CONTENT_SECURITY_POLICY_META = serializeCsp(
  Object.fromEntries(Object.entries(CSP_DIRECTIVES).filter(([name]) => !HEADER_ONLY_DIRECTIVES.includes(name))),
);

/**
 * The policy while developing against the Vite dev server: React Fast Refresh injects an
 * inline module script and the HMR client talks over a WebSocket to the dev server. Never
 * used for a built app.
 */
export function devContentSecurityPolicy(devServerOrigin: string): string {
  const ws = devServerOrigin.replace(/^http/i, 'ws');
  return serializeCsp({
    ...CSP_DIRECTIVES,
    'script-src': ["'self'", "'unsafe-inline'"],
    'connect-src': [...(CSP_DIRECTIVES['connect-src'] ?? []), devServerOrigin, ws],
  });
}
