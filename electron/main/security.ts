/**
 * Hardening of sessions and web contents: Content-Security-Policy on every response,
 * no permissions, no navigation away from the renderer, no new windows, no webviews.
 * Only Electron types are imported, so tests can pass plain fakes.
 */
import type { Event, Session, WebContents } from 'electron';

/** Sets our Content-Security-Policy (replacing any the response had) on every response. */
export function installCsp(session: Pick<Session, 'webRequest'>, policy: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      const lower = name.toLowerCase();
      if (lower === 'content-security-policy' || lower === 'content-security-policy-report-only') continue;
      headers[name] = value;
    }
    headers['Content-Security-Policy'] = [policy];
    headers['X-Content-Type-Options'] = ['nosniff'];
    callback({ responseHeaders: headers });
  });
}

/** Denies every permission request and check (camera, microphone, notifications, HID…). */
export function denyAllPermissions(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>,
): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

type GuardableContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * Guards one web contents: new windows are denied (links open through the
 * shell:open-external channel after the reviewer agrees), navigation and redirects are
 * allowed only to our own document, and <webview> can never be attached.
 */
export function guardWebContents(contents: GuardableContents, isAllowedNavigation: (url: string) => boolean): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const stopUnlessOurs = (event: Event, url: string) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  };
  contents.on('will-navigate', (event) => stopUnlessOurs(event, event.url));
  contents.on('will-frame-navigate', (event) => stopUnlessOurs(event, event.url));
  contents.on('will-redirect', (event) => stopUnlessOurs(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
