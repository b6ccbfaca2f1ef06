/**
 * A pane's scores: the classifier's overall and six factor scores, under the current weights;
 * hidden, as in the replay, from a reviewer who has not submitted the session (blind setting).
 */
import { FACTORS, FACTOR_LABELS } from '../../../../shared/classifier';
import { reviewKey } from '../../../../shared/review/session-key';
import { useSessionScores } from '../../state/scores';
import { usePanelStore, visibilityOf } from '../panel/store';
import { useSessionReview } from '../replay/annotations/hooks';
import { FACTOR_COLORS } from '../scoring/WeightControls';

const SHORT: Record<(typeof FACTORS)[number], string> = { scoping: 'Scope', tradeoffs: 'Trade', adversarial: 'Advers', selfCorrection: 'Self-c', edgeCases: 'Edge', sequencing: 'Seq' };

export function PaneScores({ sessionId, contentHash }: { sessionId: string; contentHash: string }) {
  const scores = useSessionScores(sessionId);
  const hash = reviewKey(contentHash);
  useSessionReview(hash);
  const hidden = usePanelStore((s) => visibilityOf(s, hash).hideClassifier);
  if (hidden)
    return (
      <div className="pane-scores muted small" data-testid="pane-scores-hidden">
        Classifier scores hidden until you submit your rating of this session.
      </div>
    );
  if (!scores) return <div className="pane-scores muted small" data-testid="pane-scores">Scoring…</div>;
  return (
    <div className="pane-scores" data-testid="pane-scores">
      <span className="pane-overall" data-testid="pane-overall" title={scores.overall === null ? 'Insufficient evidence for an overall score' : 'Overall orchestration score, of 100'}>
        {scores.overall === null ? '—' : scores.overall.toFixed(0)}
      </span>
      <ul className="pane-factors">
        {FACTORS.map((f) => {
          const fs = scores.factors[f];
          return (
            <li key={f} data-testid="pane-factor" data-factor={f} title={fs.insufficient ? `${FACTOR_LABELS[f]}: insufficient evidence (${fs.opportunities} of 3 opportunities)` : `${FACTOR_LABELS[f]}: ${fs.score.toFixed(0)}`}>
              <span className="swatch" style={{ background: FACTOR_COLORS[f] }} aria-hidden />
              <span className="pane-factor-name">{SHORT[f]}</span> <strong>{fs.insufficient ? '·' : fs.score.toFixed(0)}</strong>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
