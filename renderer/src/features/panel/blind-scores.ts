import { useMemo } from 'react';
import { reviewKey } from '../../../../shared/review/session-key';
import type { SessionRow } from '../../db/schema';
import { usePanelStore } from './store';

/**
 * The library's sessions whose classifier scores the current reviewer may not see yet (null:
 * none hidden): while they are blind, those they have not submitted show no score and do not
 * sort by one.
 */
export function useBlindHidden(rows: readonly SessionRow[]): ReadonlySet<string> | null {
  const current = usePanelStore((s) => s.current);
  const blind = usePanelStore((s) => s.blindClassifier);
  const submitted = usePanelStore((s) => s.submittedByMe);
  return useMemo(() => {
    if (!current || !blind) return null;
    return new Set(rows.filter((r) => !submitted.has(reviewKey(r.contentHash))).map((r) => r.id));
  }, [rows, current, blind, submitted]);
}
