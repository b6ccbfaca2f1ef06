/**
 * The Panel view: import and export reviews, agreement per factor (computed in a worker),
 * disagreement triage, and weights fitted to the panel's overall ratings.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { DEFAULT_WEIGHTS, FACTORS, FACTOR_LABELS, summarize, type ScoreSummary, type Weights } from '../../../../shared/classifier';
import { ANCHORS } from '../../../../shared/review/anchors';
import { REVIEW_FACTORS } from '../../../../shared/review/factors';
import { reviewKey } from '../../../../shared/review/session-key';
import type { Annotation } from '../../../../shared/review/schema';
import type { AgreementResult } from '../../../../shared/stats/agreement';
import type { WeightComparison } from '../../../../shared/stats/weights-fit';
import { db, type RatingRow, type SessionRow } from '../../db/schema';
import { navigate } from '../../app/router';
import { ensureLibrary } from '../../state/actions';
import { addPreset, ensureScores, useScoreStore } from '../../state/scores';
import { setUi, useStore } from '../../state/store';
import { panelClient } from './agreement-client';
import { classifierScores, disagreeingPair, fitData, longRatings, selectVisible, triage, type PanelSelection } from './derive';
import { exportCsv, exportReviewFile, importReviewFiles, type ExchangeResult } from './exchange';
import { AgreementTable, KappaMatrix, ReviewerTable } from './AgreementTables';
import { ReviewerChip } from './ReviewerSwitcher';
import { loadPanel, usePanelStore } from './store';
import { WeightsSection } from './WeightsSection';

interface Loaded {
  selection: PanelSelection;
  byHash: Map<string, SessionRow>;
}

async function load(current: string | undefined): Promise<Loaded> {
  const [ratings, annotations, sessions] = await Promise.all([db().ratings.toArray(), db().annotations.toArray(), db().sessions.toArray()]);
  const byHash = new Map(sessions.map((s) => [reviewKey(s.contentHash), s]));
  return { selection: selectVisible({ ratings: ratings as RatingRow[], annotations: annotations as Annotation[], current }), byHash };
}

function ExportDialog({ hashes, titleOf, onClose }: { hashes: string[]; titleOf: (h: string) => string; onClose: () => void }) {
  const current = usePanelStore((s) => s.current);
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(hashes));
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (ref.current && !ref.current.open) ref.current.showModal();
  }, []);
  if (!current) return null;
  return (
    <dialog ref={ref} className="dialog" aria-label="Export my review" data-testid="export-dialog" onCancel={onClose}>
      <header className="dialog-head">
        <h2>Export my review</h2>
      </header>
      <div className="dialog-body">
        <p className="muted small">Your submitted ratings and your annotations of the chosen sessions, as one .baton-review file for the panel lead.</p>
        <div className="export-pick">
          {hashes.map((h) => (
            <label key={h} className="toggle" style={{ display: 'block' }}>
              <input
                type="checkbox"
                checked={chosen.has(h)}
                onChange={(e) => {
                  const next = new Set(chosen);
                  if (e.target.checked) next.add(h);
                  else next.delete(h);
                  setChosen(next);
                }}
              />{' '}
              {titleOf(h)}
            </label>
          ))}
        </div>
      </div>
      <footer className="dialog-foot">
        <button className="btn" onClick={onClose}>
          Cancel
        </button>
        <button
          className="btn primary"
          disabled={chosen.size === 0}
          onClick={() => {
            void exportReviewFile(current, [...chosen]).then((ok) => ok && setUi({ toast: { text: `Exported ${chosen.size} session${chosen.size > 1 ? 's' : ''}.`, kind: 'info' } }));
            onClose();
          }}
        >
          Export {chosen.size}
        </button>
      </footer>
    </dialog>
  );
}

function Exchange({ onImported, mine, titleOf }: { onImported: () => void; mine: string[]; titleOf: (h: string) => string }) {
  const input = useRef<HTMLInputElement>(null);
  const current = usePanelStore((s) => s.current);
  const [result, setResult] = useState<ExchangeResult | null>(null);
  const [exporting, setExporting] = useState(false);
  const onFiles = async (files: File[]) => {
    if (!files.length) return;
    const r = await importReviewFiles(files);
    setResult(r);
    await loadPanel();
    onImported();
  };
  return (
    <section aria-label="Exchange">
      <div className="panel-actions">
        <button className="btn primary" onClick={() => input.current?.click()}>
          Import reviews…
        </button>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          accept=".baton-review,.json,.csv,.tsv"
          data-testid="review-file-input"
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            void onFiles(files);
          }}
        />
        <button className="btn" disabled={!current || mine.length === 0} onClick={() => setExporting(true)} title={current ? 'Your submitted ratings and annotations' : 'Choose a reviewer first'}>
          Export my review…
        </button>
        <button className="btn" onClick={() => void exportCsv()}>
          Export CSV (long format)
        </button>
        <span className="muted small">.baton-review files, long-format CSV, or a rater&apos;s TSV. Importing the same file again changes nothing.</span>
      </div>
      {result && (
        <div data-testid="import-result" className="small">
          <p>
            Read {result.files} file{result.files === 1 ? '' : 's'}: {result.reviewers.length} reviewer{result.reviewers.length === 1 ? '' : 's'} ({result.reviewers.join(', ')}), {result.ratings} rated sessions, {result.annotations} annotations after merging{result.decisions ? `, ${result.decisions} committee decision${result.decisions > 1 ? 's' : ''}` : ''}.
          </p>
          {result.notes.map((n, i) => (
            <p key={i} className="muted">
              {n}
            </p>
          ))}
          {result.problems.length > 0 && <div className="panel-problems">{result.problems.join('\n')}</div>}
        </div>
      )}
      {exporting && <ExportDialog hashes={mine} titleOf={titleOf} onClose={() => setExporting(false)} />}
    </section>
  );
}

function Triage({ rows, titleOf, idOf, reviewerChip }: { rows: ReturnType<typeof triage>; titleOf: (h: string) => string; idOf: (h: string) => string | undefined; reviewerChip: (id: string) => React.ReactNode }) {
  const shown = rows.filter((r) => r.spread > 0).slice(0, 40);
  if (shown.length === 0) return <p className="muted">The reviewers gave the same score on every session and factor.</p>;
  const open = (h: string, t: number) => {
    const id = idOf(h);
    if (id) navigate({ name: 'session', id, t });
  };
  /** The two reviewers furthest apart, each in a lane of the session, side by side at the first cited moment. */
  const sideBySide = (r: (typeof rows)[number]) => {
    const id = idOf(r.session);
    const pair = disagreeingPair(r);
    if (id && pair) navigate({ name: 'compare', panes: pair.map((lane) => ({ id, lane })), align: 'elapsed', t: r.cited[0]?.t0 ?? 0 });
  };
  return (
    <table className="panel-table" data-testid="triage">
      <thead>
        <tr>
          <th>Session</th>
          <th>Factor</th>
          <th>Spread</th>
          <th>Scores</th>
          <th>Cited moments</th>
        </tr>
      </thead>
      <tbody>
        {shown.map((r) => {
          const id = idOf(r.session);
          return (
            <tr key={`${r.session}-${r.factor}`} className="triage-row" data-testid="triage-row">
              <td>
                <button className="linkish" disabled={!id} title={id ? 'Open at the first cited moment' : 'This session is not in the library'} onClick={() => open(r.session, r.cited[0]?.t0 ?? 0)}>
                  {titleOf(r.session)}
                </button>{' '}
                <button className="btn small link" disabled={!id} data-testid="triage-side-by-side" title="The two reviewers furthest apart, their annotations side by side" onClick={() => sideBySide(r)}>
                  side by side
                </button>
              </td>
              <td>{ANCHORS[r.factor].label}</td>
              <td>
                <span className="spread-bar" style={{ width: `${r.spread * 10}px` }} /> {r.spread}
              </td>
              <td>
                {r.scores.map((s) => (
                  <span key={s.reviewer} style={{ marginRight: 6 }}>
                    {reviewerChip(s.reviewer)} {s.score ?? 'N/A'}
                  </span>
                ))}
              </td>
              <td>
                {r.cited.length === 0 && <span className="muted">none</span>}
                {r.cited.slice(0, 6).map((a) => (
                  <button key={a.id} className={`cite ${a.polarity === '+' ? 'pos' : 'neg'}`} disabled={!id} onClick={() => open(r.session, a.t0)} title={a.note}>
                    {a.polarity === '+' ? '+' : '−'} {Math.floor(a.t0 / 60000)}:{String(Math.floor(a.t0 / 1000) % 60).padStart(2, '0')}
                  </button>
                ))}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function PanelView() {
  const current = usePanelStore((s) => s.current);
  const reviewers = usePanelStore((s) => s.reviewers);
  const libraryLoaded = useStore((s) => s.library.loaded);
  const results = useScoreStore((s) => s.results);
  const weights = useScoreStore((s) => s.weights);
  const [data, setData] = useState<Loaded | null>(null);
  const [factor, setFactor] = useState<string>('overall');

  const reload = useCallback(() => {
    void load(current).then(setData);
  }, [current]);
  useEffect(() => {
    if (!libraryLoaded) void ensureLibrary();
    reload();
  }, [reload, libraryLoaded]);

  // Score the panel's sessions that are in the library (for classifier-vs-panel and the fit).
  const ids = useMemo(() => (data ? data.selection.sessions.map((h) => data.byHash.get(h)?.id).filter((x): x is string => !!x) : []), [data]);
  useEffect(() => {
    if (ids.length) void ensureScores(ids);
  }, [ids]);
  const summaries = useMemo(() => {
    const m = new Map<string, ScoreSummary>();
    if (!data) return m;
    for (const h of data.selection.sessions) {
      const row = data.byHash.get(h);
      const r = row && results[row.id];
      if (r) m.set(h, summarize(r, weights));
    }
    return m;
  }, [data, results, weights]);
  const scoredAll = summaries.size === ids.length;
  // Recompute only when these sessions' scores change, not when other sessions get scored.
  const summaryKey = useMemo(() => [...summaries].map(([h, x]) => `${h}:${x.overall ?? ''}:${FACTORS.map((f) => x.factors[f].score).join('/')}`).join(','), [summaries]);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by content, see summaryKey
  const stable = useMemo(() => summaries, [summaryKey]);
  const [computed, setComputed] = useState<{ data: Loaded; sums: Map<string, ScoreSummary>; agreement: AgreementResult | null; fit: WeightComparison | null; mode: string } | null>(null);

  useEffect(() => {
    if (!data || !scoredAll) return;
    let live = true;
    const ratings = longRatings(data.selection.ratings);
    void panelClient().then(async (c) => {
      const a = ratings.length ? await c.engine.agreement(ratings, { factors: [...REVIEW_FACTORS], classifier: classifierScores(stable) }) : null;
      const fd = fitData(data.selection.ratings, stable);
      const w = fd.length >= 3 ? await c.engine.weights(fd, FACTORS.map((f) => DEFAULT_WEIGHTS[f])) : null;
      if (live) setComputed({ data, sums: stable, agreement: a, fit: w, mode: c.mode });
    });
    return () => {
      live = false;
    };
  }, [data, stable, scoredAll]);
  const fresh = computed !== null && computed.data === data && computed.sums === stable;
  const agreementResult: AgreementResult | null | 'computing' = fresh ? computed.agreement : 'computing';
  const fit: WeightComparison | null | 'computing' = fresh ? computed.fit : 'computing';
  const mode = computed?.mode ?? '';

  const titleOf = (h: string) => data?.byHash.get(h)?.title ?? data?.selection.ratings.find((r) => r.sessionHash === h && r.sessionTitle)?.sessionTitle ?? `${h.slice(0, 12)}…`;
  const idOf = (h: string) => data?.byHash.get(h)?.id;
  const chip = (id: string) => {
    const r = reviewers.find((x) => x.id === id);
    return <ReviewerChip initials={r?.initials ?? '?'} colour={r?.colour ?? '#888888'} name={r?.name ?? id} />;
  };
  const sel = data?.selection;
  const mine = useMemo(() => (sel && current ? sel.ratings.filter((r) => r.reviewer === current).map((r) => r.sessionHash) : []), [sel, current]);
  const triageRows = useMemo(() => (sel ? triage(sel.ratings, sel.annotations) : []), [sel]);
  const savePreset = (w: number[]) => {
    const name = `Panel fit ${new Date().toISOString().slice(0, 10)}`;
    addPreset(name, Object.fromEntries(FACTORS.map((f, i) => [f, w[i]!])) as Weights);
    setUi({ toast: { text: `Saved the preset "${name}" (apply it under Weights or in the Score tab).`, kind: 'info' } });
  };

  return (
    <section className="panel-view" data-testid="panel-view" aria-label="Calibration panel">
      <h1>Calibration panel</h1>
      <p className="muted small" data-testid="panel-summary">
        {sel ? `${sel.sessions.length} ${sel.sessions.length === 1 ? 'session' : 'sessions'} rated by ${sel.reviewers.length} ${sel.reviewers.length === 1 ? 'reviewer' : 'reviewers'}` : 'Loading…'}
        {sel && sel.reviewers.length > 0 && <> ({sel.reviewers.map((r) => <span key={r}>{chip(r)} </span>)})</>}
        {sel && sel.hidden > 0 && <strong> · {sel.hidden} sessions hidden until you submit your own rating of them.</strong>}
      </p>
      <Exchange onImported={reload} mine={mine} titleOf={titleOf} />

      <h2>Agreement</h2>
      {agreementResult === 'computing' && <p className="muted">Computing agreement…</p>}
      {agreementResult === null && <p className="muted">No submitted ratings yet. Rate sessions (the Rate tab of a replay) or import reviewers&apos; files.</p>}
      {agreementResult && agreementResult !== 'computing' && (
        <>
          <AgreementTable result={agreementResult} />
          <p className="muted small" data-testid="agreement-mode">
            95% bootstrap intervals ({agreementResult.resamples} resamples of sessions, seed {agreementResult.seed}) for alpha and Spearman; F intervals for the ICC. Computed {mode === 'worker' ? 'in a background worker' : 'on the main thread'}.
          </p>
          <label>
            Factor for the reviewer tables{' '}
            <select value={factor} onChange={(e) => setFactor(e.target.value)} aria-label="Factor for the reviewer tables">
              {REVIEW_FACTORS.map((f) => (
                <option key={f} value={f}>
                  {ANCHORS[f].label}
                </option>
              ))}
            </select>
          </label>
          <div className="panel-actions" style={{ alignItems: 'flex-start', gap: 24 }}>
            <ReviewerTable result={agreementResult} factor={factor} chip={chip} nameOf={(id) => reviewers.find((r) => r.id === id)?.name ?? id} />
            <KappaMatrix result={agreementResult} factor={factor} chip={chip} />
          </div>
        </>
      )}

      <h2>Disagreements</h2>
      {triageRows.length === 0 ? <p className="muted">Nothing to compare yet: a session needs two reviewers&apos; scores.</p> : <Triage rows={triageRows} titleOf={titleOf} idOf={idOf} reviewerChip={chip} />}

      <h2>Settle the weights</h2>
      <WeightsSection fit={fit} titleOf={titleOf} onSave={savePreset} labels={FACTORS.map((f) => FACTOR_LABELS[f])} defaults={FACTORS.map((f) => DEFAULT_WEIGHTS[f])} />
    </section>
  );
}
