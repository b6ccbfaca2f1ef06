import { useEffect, useMemo } from 'react';
import { reviewKey } from '../../../../../shared/review/session-key';
import type { Annotation } from '../../../../../shared/review/schema';
import { loadSessionReview, usePanelStore, visibilityOf } from '../../panel/store';
import type { LoadedSession } from '../types';

/** The open session's review hash (what ratings and annotations are keyed by). */
export function useReviewHash(session: LoadedSession): string {
  return useMemo(() => reviewKey(session.row.contentHash), [session.row.contentHash]);
}

/** Loads the session's ratings and annotations once per hash. */
export function useSessionReview(hash: string): void {
  useEffect(() => {
    void loadSessionReview(hash);
  }, [hash]);
}

/** The annotations the current reviewer may see (others' hidden until they submit). */
export function useVisibleAnnotations(hash: string): Annotation[] {
  const all = usePanelStore((s) => s.annotations[hash]);
  const current = usePanelStore((s) => s.current);
  const hideOthers = usePanelStore((s) => visibilityOf(s, hash).hideOthers);
  return useMemo(() => (all ?? []).filter((a) => !hideOthers || a.reviewer === current), [all, current, hideOthers]);
}

export function useHideClassifier(hash: string): boolean {
  return usePanelStore((s) => visibilityOf(s, hash).hideClassifier);
}
