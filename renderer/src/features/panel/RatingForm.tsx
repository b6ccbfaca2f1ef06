/**
 * The rating form (the replay's Rate tab): the six factors and overall, each 1-5 or N/A, with
 * the behavioural anchor of every level in view, and under each factor the reviewer's own
 * annotations tagged with it (its citations; a warning when a rated factor cites none).
 * Submitting locks the rating; a later change is a revision with a reason, and the history
 * is shown. Other reviewers' ratings appear once you have submitted.
 */
import { useState } from 'react';
import { ANCHORS } from '../../../../shared/review/anchors';
import { REVIEW_FACTORS, type ReviewFactor } from '../../../../shared/review/factors';
import type { Annotation, Scores, Submission } from '../../../../shared/review/schema';
import { completeScores } from '../../db/review-store';
import type { DraftScores } from '../../db/review-rows';
import { setUi } from '../../state/store';
import { formatClock } from '../session/summary';
import type { PaneProps } from '../replay/types';
import { annotationTargetText } from '../replay/annotations/annotation-text';
import { useReviewHash, useVisibleAnnotations } from '../replay/annotations/hooks';
import { openAnnotation } from '../replay/annotations/open-annotation';
import { ReviewerChip } from './ReviewerSwitcher';
import { removeAnnotation, submit, updateDraft, usePanelStore, useVisibility } from './store';

const LEVELS = [1, 2, 3, 4, 5] as const;

function scoreText(v: number | null | undefined): string {
  return v === undefined ? '·' : v === null ? 'N/A' : String(v);
}

function FactorField({ factor, value, onChange, cites, disabled, onOpen }: { factor: ReviewFactor; value: number | null | undefined; onChange: (v: number | null) => void; cites: Annotation[]; disabled: boolean; onOpen: (a: Annotation) => void }) {
  const a = ANCHORS[factor];
  const rated = typeof value === 'number';
  return (
    <fieldset className="rate-factor" data-testid="rate-factor" data-factor={factor}>
      <legend>
        <strong>{a.label}</strong> <span className="muted small">{a.question}</span>
      </legend>
      <div className="rate-levels" role="radiogroup" aria-label={a.label}>
        {LEVELS.map((l) => (
          <label key={l} className={`rate-level ${value === l ? 'on' : ''}`}>
            <input type="radio" name={`rate-${factor}`} checked={value === l} onChange={() => onChange(l)} aria-label={`${a.label} ${l}`} disabled={disabled} />
            <span className="rate-num">{l}</span>
            <span className="rate-anchor">{a.levels[l - 1]}</span>
          </label>
        ))}
        <label className={`rate-level na ${value === null ? 'on' : ''}`}>
          <input type="radio" name={`rate-${factor}`} checked={value === null} onChange={() => onChange(null)} aria-label={`${a.label} N/A`} disabled={disabled} />
          <span className="rate-num">N/A</span>
          <span className="rate-anchor">No opportunity in this session.</span>
        </label>
      </div>
      <div className="rate-cites small">
        {cites.length > 0 ? (
          <>
            Cites:{' '}
            {cites.map((c) => (
              <span key={c.id} className={`cite ${c.polarity === '+' ? 'pos' : 'neg'}`}>
                <button type="button" className="cite-jump" onClick={() => onOpen(c)} title={c.note}>
                  {c.polarity === '+' ? '+' : '−'} {formatClock(c.t0)}
                  {c.hunk && <span className="cite-target"> · {annotationTargetText(c)}</span>}
                </button>
                <button type="button" className="cite-delete" onClick={() => void removeAnnotation(c)} aria-label={`Delete annotation at ${formatClock(c.t0)}`} title="Delete this annotation">
                  ×
                </button>
              </span>
            ))}
          </>
        ) : (
          rated &&
          factor !== 'overall' && (
            <span className="warn" data-testid="no-cite-warning">
              No annotation cites this factor: press <kbd>a</kbd> in the replay to mark the moment behind your score.
            </span>
          )
        )}
      </div>
    </fieldset>
  );
}

function History({ revisions, current }: { revisions: Submission[]; current: Submission }) {
  const all = [...revisions, current];
  return (
    <table className="rate-history" data-testid="rate-history">
      <thead>
        <tr>
          <th>Submitted</th>
          {REVIEW_FACTORS.map((f) => (
            <th key={f} title={ANCHORS[f].label}>
              {ANCHORS[f].label.split(' ')[0]}
            </th>
          ))}
          <th>Reason</th>
        </tr>
      </thead>
      <tbody>
        {all.map((s, i) => (
          <tr key={i} className={i === all.length - 1 ? 'current' : ''}>
            <td>
              {new Date(s.submittedAt).toLocaleString()} {i === all.length - 1 ? (i === 0 ? '(current)' : '(current, post-discussion)') : '(earlier)'}
            </td>
            {REVIEW_FACTORS.map((f) => (
              <td key={f}>{scoreText(s.scores[f])}</td>
            ))}
            <td>{s.reason ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function OthersRatings({ hash }: { hash: string }) {
  const rows = usePanelStore((s) => s.ratings[hash]);
  const reviewers = usePanelStore((s) => s.reviewers);
  const current = usePanelStore((s) => s.current);
  const others = (rows ?? []).filter((r) => r.reviewer !== current && r.current);
  if (others.length === 0) return <p className="muted small">No other reviewer&apos;s rating of this session yet (import their .baton-review files in the Panel view).</p>;
  return (
    <table className="rate-history" data-testid="others-ratings">
      <thead>
        <tr>
          <th>Reviewer</th>
          {REVIEW_FACTORS.map((f) => (
            <th key={f}>{ANCHORS[f].label.split(' ')[0]}</th>
          ))}
          <th>Revisions</th>
        </tr>
      </thead>
      <tbody>
        {others.map((r) => {
          const who = reviewers.find((x) => x.id === r.reviewer);
          return (
            <tr key={r.reviewer}>
              <td>
                <ReviewerChip initials={who?.initials ?? '?'} colour={who?.colour ?? '#888888'} /> {who?.name ?? r.reviewer}
              </td>
              {REVIEW_FACTORS.map((f) => (
                <td key={f}>{scoreText(r.current!.scores[f])}</td>
              ))}
              <td>{r.revisions.length ? `${r.revisions.length} earlier${r.current!.reason ? `; why: ${r.current!.reason}` : ''}` : '—'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function RatingForm(props: PaneProps) {
  const current = usePanelStore((s) => s.current);
  return <RatingFormFor key={current ?? ''} {...props} />;
}

function RatingFormFor({ session, clock }: PaneProps) {
  const hash = useReviewHash(session);
  const v = useVisibility(hash);
  // Edits show at once; the stored draft catches up (saved as you go).
  const [pending, setPending] = useState<DraftScores>({});
  /** Draft saves not yet stored: the status says so until they are (a reload right after a click would lose one). */
  const [saving, setSaving] = useState(0);
  const mine = useVisibleAnnotations(hash).filter((a) => a.reviewer === v.reviewer?.id);
  const [revising, setRevising] = useState<DraftScores | null>(null);
  const [reason, setReason] = useState('');
  const title = session.meta.title;

  if (!v.reviewer) {
    return (
      <p className="pane-empty muted" data-testid="rate-no-reviewer">
        Choose who you are with the reviewer button (top right) to rate this session.
      </p>
    );
  }
  const current = v.own?.current;
  const locked = current !== undefined && revising === null;
  const draft: DraftScores = revising ?? (current ? current.scores : { ...(v.own?.draft ?? {}), ...pending });
  const complete = completeScores(draft);
  const set = (f: ReviewFactor, value: number | null) => {
    const next = { ...draft, [f]: value };
    if (revising) setRevising(next);
    else {
      setPending(next);
      setSaving((n) => n + 1);
      void updateDraft(hash, next, title).finally(() => setSaving((n) => n - 1));
    }
  };
  const doSubmit = async (scores: Scores) => {
    try {
      await submit(hash, scores, title, revising ? reason : undefined);
      setRevising(null);
      setReason('');
    } catch (e) {
      setUi({ toast: { text: (e as Error).message, kind: 'error' } });
    }
  };
  const uncited = complete ? REVIEW_FACTORS.filter((f) => f !== 'overall' && typeof complete[f] === 'number' && !mine.some((a) => a.factor === f)) : [];

  return (
    <div className="rating-form" data-testid="rating-form">
      <div className="rate-head">
        <ReviewerChip initials={v.reviewer.initials} colour={v.reviewer.colour} /> <strong>{v.reviewer.name}</strong>
        <span className="muted small" data-testid="rate-status">
          {locked ? ' · submitted and locked' : revising ? ' · revising after discussion' : saving > 0 ? ' · draft (saving…)' : ' · draft (saved as you go; others cannot see it)'}
        </span>
      </div>
      {REVIEW_FACTORS.map((f) => (
        <FactorField key={f} factor={f} value={draft[f]} onChange={(x) => set(f, x)} cites={mine.filter((a) => a.factor === f)} disabled={locked} onOpen={(a) => openAnnotation(a, clock)} />
      ))}
      {!locked && (
        <div className="rate-submit">
          {revising && (
            <label className="note">
              Reason for the change (required)
              <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={4000} aria-label="Reason for the change" />
            </label>
          )}
          {uncited.length > 0 && <p className="warn small">{uncited.length} rated {uncited.length === 1 ? 'factor cites' : 'factors cite'} no annotation.</p>}
          <button className="btn primary" disabled={!complete || (revising !== null && !reason.trim())} onClick={() => complete && void doSubmit(complete)}>
            {revising ? 'Submit revision' : 'Submit rating'}
          </button>
          {revising && (
            <button className="btn" onClick={() => setRevising(null)}>
              Cancel
            </button>
          )}
          {!complete && <span className="muted small"> Give every factor a score or N/A to submit.</span>}
        </div>
      )}
      {locked && current && (
        <div className="rate-locked">
          <button className="btn" onClick={() => setRevising({ ...current.scores })}>
            Revise after discussion…
          </button>
          <History revisions={v.own!.revisions} current={current} />
          <h3>Other reviewers</h3>
          <OthersRatings hash={hash} />
        </div>
      )}
    </div>
  );
}
