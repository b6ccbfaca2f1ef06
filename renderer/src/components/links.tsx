import { useCallback, type MouseEvent } from 'react';
import { platform } from '../platform';
import { setUi, useStore } from '../state/store';
import { ConfirmDialog } from './ConfirmDialog';

/**
 * Links inside reviewed content (markdown, terminal output) never navigate the app: an
 * http(s) link asks first, in the app's own dialog, then opens outside; any other link
 * (`#…`, which would change the app's route, `javascript:`, `file:`) does nothing.
 */
export function askToOpen(href: string): void {
  if (/^https?:\/\//i.test(href)) setUi({ pendingLink: href });
}

/** Click handler for a container of untrusted HTML: anchors inside it go through askToOpen. */
export function interceptLinks(ev: MouseEvent): void {
  const a = (ev.target as HTMLElement | null)?.closest?.('a');
  if (!a) return;
  ev.preventDefault();
  ev.stopPropagation();
  askToOpen(a.getAttribute('href') ?? '');
}

/** The confirmation, shown once for the whole app. */
export function LinkConfirm() {
  const link = useStore((s) => s.ui.pendingLink);
  const close = useCallback(() => setUi({ pendingLink: undefined }), []);
  if (!link) return null;
  return (
    <ConfirmDialog
      title="Open link outside Baton?"
      testId="link-confirm"
      stay="Stay here"
      go="Open in browser"
      onClose={close}
      onGo={() => {
        void platform().openExternal(link);
        close();
      }}
    >
      <p>This link comes from the session under review. It will open in your web browser:</p>
      <p className="link-preview">{link}</p>
    </ConfirmDialog>
  );
}
