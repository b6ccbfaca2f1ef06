/**
 * The score panel: overall and six factor scores under the current weights, sliders that
 * always sum to 100 (lock a factor, reset to the locked preset, save named presets), the
 * evidence behind each factor sorted by what it contributed, each item seeking the replay,
 * and a short "why this score". Evidence also shows on the timeline, coloured by factor.
 */
import { useEffect, useMemo, useState } from 'react';
import { promptLanguage } from '../../../../../shared/classifier/language';
import { FACTORS, FACTOR_LABELS, type FactorId } from '../../../../../shared/classifier/weights';
import { ensureScores, useScoreStore, useSessionScores } from '../../../state/scores';
import { FACTOR_COLORS, PresetBar, WeightInput } from '../../scoring/WeightControls';
import { formatClock } from '../../session/summary';
import { removeOverlay, setOverlay } from '../overlays';
import type { PaneProps } from '../types';
import { ReviewerEvidence } from '../annotations/ReviewerEvidence';
import { InlineCode } from '../../../components/InlineCode';


/** Scores the session and draws its evidence on the timeline while the replay is open. */
const AS_IS = (s: string) => s;

/**
 * `blind`: applied to the evidence texts (they quote the candidate) in candidate-blind mode.
 * `ready`: false while the replay is still loading its events, so scoring (which reads them
 * all too) does not compete with the first paint.
 */
export function useScoreOverlay(sessionId: string, blind: (s: string) => string = AS_IS, ready = true): void {
  const result = useScoreStore((s) => s.results[sessionId]);
  useEffect(() => {
    if (ready) void ensureScores([sessionId]);
  }, [sessionId, ready]);
  useEffect(() => {
    if (!result) return;
    setOverlay({
      id: 'score-evidence',
      label: 'Score evidence',
      items: result.evidence
        .filter((e) => e.eventIds.length > 0)
        .map((e) => ({ t: e.t, color: FACTOR_COLORS[e.factor], label: `${FACTOR_LABELS[e.factor]} ${e.positive ? '+' : '−'}: ${blind(e.explanation)}`, eventIds: e.eventIds })),
    });
    return () => removeOverlay('score-evidence');
  }, [result, blind]);
}

function signed(x: number): string {
  return `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(1)}`;
}

export function ScorePanel({ session, clock, blind = AS_IS }: PaneProps & { blind?: (s: string) => string }) {
  const id = session.row.id;
  const scores = useSessionScores(id);
  const result = useScoreStore((s) => s.results[id]);
  const weights = useScoreStore((s) => s.weights);
  const [open, setOpen] = useState<FactorId | null>('scoping');
  // Only the candidate's prompts are read: cheap, and recomputed as a long session's events arrive.
  const language = useMemo(() => promptLanguage(session.events), [session.events]);

  const evidence = useMemo(() => {
    if (!result || !scores || !open) return [];
    return result.byFactor[open].map((i) => ({ e: result.evidence[i]!, c: scores.contribution[i]! })).sort((a, b) => b.c.factor - a.c.factor || b.c.overall - a.c.overall || a.e.t - b.e.t);
  }, [result, scores, open]);

  if (!scores || !result) return <p className="pane-empty muted">Scoring this session…</p>;
  return (
    <div className="score-panel" data-testid="score-panel">
      <div className="score-head">
        <div className="score-overall" data-testid="score-overall">
          <span className="big">{scores.overall === null ? '—' : scores.overall.toFixed(0)}</span>
          <span className="muted small">{scores.overall === null ? 'insufficient evidence' : 'overall, of 100'}</span>
        </div>
        {/* The weight controls first, where a short window or a projector still shows them. */}
        <PresetBar compact />
      </div>
      {!language.english && (
        <p className="score-language-note" role="note" data-testid="score-language-note">
          <strong>The candidate's prompts are not in English.</strong> The classifier reads English phrasing, so it finds little of what it looks for here, and these scores understate the session. Rate it by reading the prompts.
        </p>
      )}
      <div className="score-factors" role="list">
        {FACTORS.map((f) => {
          const fs = scores.factors[f];
          return (
            <div key={f} role="listitem" className={`score-factor ${open === f ? 'open' : ''} ${fs.insufficient ? 'insufficient' : ''}`} data-testid="score-factor" data-factor={f}>
              <button className="score-factor-name" onClick={() => setOpen(open === f ? null : f)} aria-expanded={open === f}>
                <span className="swatch" style={{ background: FACTOR_COLORS[f] }} aria-hidden />
                <span>
                  {FACTOR_LABELS[f]}
                  <span className="muted small score-opp">{fs.insufficient ? `insufficient evidence: ${fs.opportunities} of 3` : `${fs.opportunities} opportunities`}</span>
                </span>
              </button>
              <span className="score-bar" aria-hidden>
                <span style={{ width: `${fs.insufficient ? 0 : fs.score}%`, background: FACTOR_COLORS[f] }} />
              </span>
              <span className="score-num" data-testid="factor-score">
                {fs.insufficient ? '—' : fs.score.toFixed(0)}
              </span>
              <WeightInput factor={f} note={fs.insufficient && weights[f] > 0 ? 'Spread over the other factors: too little evidence' : `Applied: ${fs.effectiveWeight.toFixed(1)}%`} />
            </div>
          );
        })}
      </div>
      <p className="score-why" data-testid="score-why">
        <strong>Why this score. </strong>
        {blind(scores.why)}
      </p>
      {open && (
        <div className="score-evidence">
          <h3>
            {FACTOR_LABELS[open]}: {evidence.length} evidence {evidence.length === 1 ? "item" : "items"}
          </h3>
          {evidence.length === 0 && <p className="muted small">No opportunity for this factor in the session.</p>}
          <ol data-testid="evidence-list">
            {evidence.map(({ e, c }, k) => (
              <li key={k} className={e.positive ? 'pos' : 'neg'} data-testid="evidence-item">
                <span className={`contrib ${c.factor >= 0 ? 'pos' : 'neg'}`} title={`${signed(c.factor)} to ${FACTOR_LABELS[e.factor].toLowerCase()}, ${signed(c.overall)} to the overall score`} data-testid="evidence-contrib">
                  {signed(c.factor)}
                  <span className="contrib-overall">{signed(c.overall)} overall</span>
                </span>
                {e.eventIds.length > 0 ? (
                  <button className="conv-time" onClick={() => clock.seek(e.t)} title="Jump to this moment">
                    {formatClock(e.t)}
                  </button>
                ) : (
                  <span className="conv-time muted">—</span>
                )}
                <span className="evidence-text">
                  <InlineCode text={blind(e.explanation)} />
                </span>
              </li>
            ))}
          </ol>
          <ReviewerEvidence session={session} clock={clock} factor={open} />
        </div>
      )}
    </div>
  );
}
