/** Hides the classifier's scores from a reviewer who has not yet submitted this session. */
import { useMemo, type ReactNode } from 'react';
import { reviewKey } from '../../../../../shared/review/session-key';
import type { LoadedSession, TimelineOverlay } from '../types';
import { useHideClassifier, useReviewHash } from './hooks';

export function BlindGate({ session, children }: { session: LoadedSession; children: ReactNode }) {
  const hidden = useHideClassifier(useReviewHash(session));
  if (!hidden) return <>{children}</>;
  return (
    <p className="pane-empty muted" data-testid="blind-notice">
      The classifier&apos;s scores are hidden until you submit your rating of this session (the <strong>Rate</strong> tab). Turn this off under the reviewer button.
    </p>
  );
}

/** The timeline overlays, without the classifier's evidence while it is hidden. */
export function useBlindOverlays(session: LoadedSession | null | undefined, overlays: readonly TimelineOverlay[]): readonly TimelineOverlay[] {
  const contentHash = session?.row.contentHash;
  const hash = useMemo(() => (contentHash ? reviewKey(contentHash) : ''), [contentHash]);
  const hidden = useHideClassifier(hash) && hash !== '';
  return hidden ? overlays.filter((o) => o.id !== 'score-evidence') : overlays;
}
