import { useMemo } from 'react';
import type { ScoreSummary } from '../../../../shared/classifier/score';
import { reviewKey } from '../../../../shared/review/session-key';
import type { SessionRow } from '../../db/schema';
import { usePanelStore } from './store';

/**
 * The library's scores with the classifier hidden where the current reviewer is still blind:
 * sessions they have not submitted show no score and do not sort by one.
 */
export function useBlindScores(scores: Map<string, ScoreSummary>, rows: readonly SessionRow[]): Map<string, ScoreSummary> {
  const current = usePanelStore((s) => s.current);
  const blind = usePanelStore((s) => s.blindClassifier);
  const submitted = usePanelStore((s) => s.submittedByMe);
  return useMemo(() => {
    if (!current || !blind) return scores;
    const m = new Map(scores);
    for (const r of rows) if (!submitted.has(reviewKey(r.contentHash))) m.delete(r.id);
    return m;
  }, [scores, rows, current, blind, submitted]);
}
