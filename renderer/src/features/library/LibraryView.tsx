import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { FACTORS, FACTOR_LABELS } from '../../../../shared/classifier/weights';
import { overallScores, scoreMatrix, type FactorSummary } from '../../../../shared/classifier/score-matrix';
import { ensureScores, useScoreStore } from '../../state/scores';
import { useBlindHidden } from '../panel/blind-scores';
import { WeightPanel } from '../scoring/WeightControls';
import { CompareDialog } from '../compare/CompareDialog';
import { StorageUsage } from './StorageUsage';
import { FORMAT_LABELS, formatCount, formatDate, formatDuration } from '../../components/format';
import type { SessionRow } from '../../db/schema';
import { navigate } from '../../app/router';
import { ensureLibrary, exportToFile, openStoredReport } from '../../state/actions';
import { distinct, visibleRows } from '../../state/library';
import { setLibrary, setUi, useStore, type SortKey } from '../../state/store';
import { blindRow, outcomeLabel, useLibraryCommittee } from '../committee/library';
import { candidateLabel } from '../../../../shared/model/candidate';

/** A row's scores: undefined until scored (or while the reviewer is blind to them); overall null with no factor of enough evidence. */
interface RowScores {
  overall: number | null | undefined;
  factors: FactorSummary | undefined;
}

interface Column {
  key: SortKey;
  label: string;
  cell: (r: SessionRow, score: RowScores) => string;
  numeric?: boolean;
  title?: string;
}

const fmtScore = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n.toFixed(0));

const SHORT: Record<(typeof FACTORS)[number], string> = { scoping: 'Scope', tradeoffs: 'Trade', adversarial: 'Advers', selfCorrection: 'Self-c', edgeCases: 'Edge', sequencing: 'Seq' };

const FACTOR_COLUMNS: Column[] = FACTORS.map((f) => ({
  key: `factor:${f}` as SortKey,
  label: SHORT[f],
  title: FACTOR_LABELS[f],
  numeric: true,
  cell: (_r, sc) => (sc.factors ? (sc.factors[f].insufficient ? '·' : fmtScore(sc.factors[f].score)) : '—'),
}));

const BASE_COLUMNS: Column[] = [
  { key: 'title', label: 'Session', cell: (r) => r.title },
  { key: 'candidate', label: 'Candidate', cell: (r) => candidateLabel(r.meta.candidate) },
  { key: 'task', label: 'Task', cell: (r) => r.taskTitle },
  { key: 'format', label: 'Source', cell: (r) => FORMAT_LABELS[r.format] ?? r.format },
  { key: 'startedAt', label: 'Date', cell: (r) => formatDate(r.startedAt) },
  { key: 'durationMs', label: 'Duration', cell: (r) => formatDuration(r.durationMs), numeric: true },
  { key: 'eventCount', label: 'Events', cell: (r) => formatCount(r.eventCount), numeric: true },
  { key: 'score', label: 'Score', cell: (_r, sc) => fmtScore(sc.overall), numeric: true, title: 'Overall orchestration score under the current weights' },
];

/** Text columns that take two lines rather than cut their text (the rows are tall enough). */
const WRAPPING = new Set<SortKey>(['title', 'candidate', 'task', 'startedAt']);

const FACTOR_MODE_HIDDEN = new Set<SortKey>(['format', 'durationMs', 'eventCount']);

const ROW_HEIGHT = 44;
/**
 * Rows rendered beyond each edge of the view. Each is laid out and painted again when a weight
 * change re-ranks the library, so a few (about 180 px each side), not a second screenful.
 */
const OVERSCAN = 4;

function factorTitle(c: Column, factors: FactorSummary | undefined): string {
  if (!factors) return `${c.title}: not scored yet`;
  const f = factors[c.key.slice('factor:'.length) as (typeof FACTORS)[number]];
  return f.insufficient ? `${c.title}: insufficient evidence (${f.opportunities} of 3 opportunities)` : `${c.title}: ${f.score.toFixed(0)}`;
}

function SortHeader({ col }: { col: Column }) {
  const sort = useStore((s) => s.library.sort);
  const active = sort.key === col.key;
  const next = () => setLibrary({ sort: { key: col.key, dir: active && sort.dir === 'asc' ? 'desc' : 'asc' } });
  return (
    <div role="columnheader" aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'} className={col.numeric ? 'num' : ''}>
      <button className="th-btn" onClick={next} title={`Sort by ${col.title ?? col.label}`}>
        {col.label}
        <span className="sort-mark" aria-hidden>
          {active ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
        </span>
      </button>
    </div>
  );
}

/** Memoised: the task list can run to hundreds of options, and a weight move re-renders the view. */
const Filters = memo(function Filters({ rows }: { rows: SessionRow[] }) {
  const query = useStore((s) => s.library.query);
  const formatFilter = useStore((s) => s.library.formatFilter);
  const taskFilter = useStore((s) => s.library.taskFilter);
  const formats = useMemo(() => distinct(rows, (r) => r.format), [rows]);
  const tasks = useMemo(() => distinct(rows, (r) => r.taskTitle), [rows]);
  return (
    <div className="filters">
      <input
        type="search"
        className="search"
        placeholder="Search sessions, candidates, tasks…"
        aria-label="Search sessions"
        value={query}
        onChange={(e) => setLibrary({ query: e.target.value })}
      />
      <select aria-label="Filter by source" value={formatFilter} onChange={(e) => setLibrary({ formatFilter: e.target.value })}>
        <option value="">All sources</option>
        {formats.map((f) => (
          <option key={f} value={f}>
            {FORMAT_LABELS[f] ?? f}
          </option>
        ))}
      </select>
      <select aria-label="Filter by task" value={taskFilter} onChange={(e) => setLibrary({ taskFilter: e.target.value })}>
        <option value="">All tasks</option>
        {tasks.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
    </div>
  );
});

function onRowKey(e: KeyboardEvent, r: SessionRow) {
  if (e.key === 'Enter') navigate({ name: 'session', id: r.id });
  if (e.key === 'Delete') setUi({ confirmDelete: r.id });
}

/**
 * One session's row; memoised, so a change that leaves a row's session, place, columns,
 * scores and decision alone (a filter or sort that keeps it in view, a weight change that
 * keeps its overall score) does not render it again. Factor scores are the same objects
 * under every weight.
 */
const LibraryRow = memo(function LibraryRow({ r, top, columns, overall, factors, outcome }: { r: SessionRow; top: number; columns: Column[]; overall: number | null | undefined; factors: FactorSummary | undefined; outcome: string | undefined }) {
  const score: RowScores = { overall, factors };
  return (
    <div
      className="tr"
      role="row"
      data-testid="session-row"
      data-session-id={r.id}
      tabIndex={0}
      onKeyDown={(e) => onRowKey(e, r)}
      onDoubleClick={() => navigate({ name: 'session', id: r.id })}
      style={{ position: 'absolute', top, left: 0, right: 0, height: ROW_HEIGHT }}
    >
      {columns.map((c) => {
        const text = c.cell(r, score);
        return (
          <div key={c.key} role="cell" className={c.numeric ? 'num' : WRAPPING.has(c.key) ? 'wrap' : ''} title={c.key.startsWith('factor:') ? factorTitle(c, factors) : text} data-col={c.key}>
            {c.key === 'title' ? (
              <a href={`#/session/${encodeURIComponent(r.id)}`} className="row-link">
                {r.title}
              </a>
            ) : (
              text
            )}
            {c.key === 'title' && outcome !== undefined && (
              <span className="badge" data-testid="decision-badge" title="The hiring committee's decision">
                {outcomeLabel(outcome)}
              </span>
            )}
            {c.key === 'title' && r.problemCount > 0 && (
              <button
                className="badge warn"
                title={`${r.problemCount} problems in the import report — open it`}
                aria-label={`Open the import report: ${r.problemCount} problems`}
                onClick={() => void openStoredReport(r.reportId)}
              >
                {r.problemCount}
              </button>
            )}
          </div>
        );
      })}
      <div role="cell" className="actions-col">
        <button className="btn small" onClick={() => void exportToFile(r.id)} aria-label={`Export ${r.title}`}>
          Export
        </button>
        <button className="btn small danger" onClick={() => setUi({ confirmDelete: r.id })} aria-label={`Delete ${r.title}`}>
          Delete
        </button>
      </div>
    </div>
  );
});

export function LibraryView() {
  const storedRows = useStore((s) => s.library.rows);
  const committee = useLibraryCommittee(storedRows);
  const rows = useMemo(() => (committee.blind ? storedRows.map(blindRow) : storedRows), [storedRows, committee.blind]);
  const loaded = useStore((s) => s.library.loaded);
  // Opened from a replay link before the app read the library (it reads it after the replay's first screen).
  useEffect(() => {
    if (!loaded) void ensureLibrary();
  }, [loaded]);
  const query = useStore((s) => s.library.query);
  const sort = useStore((s) => s.library.sort);
  const formatFilter = useStore((s) => s.library.formatFilter);
  const taskFilter = useStore((s) => s.library.taskFilter);
  // Scores for ranking: every session's factor scores laid out once per set of results, the
  // overall scores one typed-array pass per weight change (no object per session).
  const results = useScoreStore((s) => s.results);
  const weights = useScoreStore((s) => s.weights);
  const matrix = useMemo(() => scoreMatrix(results), [results]);
  const overall = useMemo(() => overallScores(matrix, weights), [matrix, weights]);
  const hidden = useBlindHidden(rows);
  /** Where a session's scores are in the matrix; undefined when not scored or hidden from this reviewer. */
  const scoreRow = (id: string) => (hidden?.has(id) ? undefined : matrix.row.get(id));
  const overallOf = (i: number | undefined) => (i === undefined ? undefined : Number.isNaN(overall[i]!) ? null : overall[i]!);
  const scoring = useScoreStore((s) => Object.keys(s.pending).length);
  const [showWeights, setShowWeights] = useState(false);
  const [comparing, setComparing] = useState(false);
  const [showFactors, setShowFactors] = useState(() => localStorage.getItem('baton.library.factors') === '1');
  // With the factor columns on, source, duration and event count make room for them.
  const columns = useMemo(() => (showFactors ? [...BASE_COLUMNS.filter((c) => !FACTOR_MODE_HIDDEN.has(c.key)), ...FACTOR_COLUMNS] : BASE_COLUMNS), [showFactors]);
  // Score every session in the background (cached: only new sessions are extracted).
  useEffect(() => {
    if (rows.length) void ensureScores(rows.map((r) => r.id));
  }, [rows]);
  const scoreKey = sort.key === 'score' || sort.key.startsWith('factor:');
  const visible = useMemo(
    () =>
      visibleRows(rows, { query, sort, formatFilter, taskFilter }, (id, key) => {
        const i = scoreRow(id);
        if (i === undefined) return undefined;
        if (key === 'score') return overallOf(i) ?? undefined;
        const f = matrix.factors[i]![key.slice('factor:'.length) as (typeof FACTORS)[number]];
        return f && !f.insufficient ? f.score : undefined;
      }),
    // Scores matter to the order only when sorting by one (the overall ones only when sorting by it).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [rows, query, sort, formatFilter, taskFilter, scoreKey ? matrix : null, scoreKey ? hidden : null, sort.key === 'score' ? overall : null],
  );
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer returns fresh functions by design
  const virtual = useVirtualizer({ count: visible.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: OVERSCAN });

  return (
    <section className="library" aria-label="Session library">
      <div className="library-bar">
        <h1>Sessions</h1>
        <span className="muted" data-testid="library-count">
          {visible.length === rows.length ? `${formatCount(rows.length)} sessions` : `${formatCount(visible.length)} of ${formatCount(rows.length)} sessions`}
        </span>
        <StorageUsage sessions={rows.length} />
        {scoring > 0 && (
          <span className="muted small" data-testid="scoring-status" role="status">
            Scoring {formatCount(scoring)} session{scoring === 1 ? '' : 's'}…
          </span>
        )}
        <Filters rows={rows} />
        <label className="toggle" title="Show a column per orchestration factor">
          <input
            type="checkbox"
            checked={showFactors}
            onChange={(e) => {
              setShowFactors(e.target.checked);
              localStorage.setItem('baton.library.factors', e.target.checked ? '1' : '0');
            }}
          />{' '}
          Factor columns
        </label>
        <label className="toggle" title="Show every candidate under a pseudonym: names, e-mail addresses, user names and home folders hidden">
          <input type="checkbox" checked={committee.blind} onChange={(e) => committee.setBlind(e.target.checked)} /> Candidate-blind
        </label>
        <button className={`btn ${showWeights ? 'active' : ''}`} aria-expanded={showWeights} onClick={() => setShowWeights(!showWeights)} title="Change the factor weights; scores and ranking follow live">
          Weights
        </button>
        <button className="btn" onClick={() => setComparing(true)} disabled={rows.length < 2} title="Open two to four sessions side by side, on one clock">
          Compare…
        </button>
      </div>
      {comparing && <CompareDialog rows={visible} onClose={() => setComparing(false)} />}
      {showWeights && <WeightPanel />}
      <div className={`table ${showFactors ? 'with-factors' : ''}`} role="table" aria-rowcount={visible.length + 1}>
        <div className="tr thead" role="row">
          {columns.map((c) => (
            <SortHeader key={c.key} col={c} />
          ))}
          <div role="columnheader" className="actions-col">
            <span className="sr-only">Actions</span>
          </div>
        </div>
        <div className="tbody" ref={scrollRef} data-testid="library-scroll">
          {loaded && rows.length === 0 && (
            <div className="empty">
              <p>No sessions yet.</p>
              <p className="muted">Import a .baton archive or an agent log with “Import files…”, or drop files anywhere on this window.</p>
            </div>
          )}
          <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
            {virtual.getVirtualItems().map((vi) => {
              const r = visible[vi.index]!;
              const i = scoreRow(r.id);
              return <LibraryRow key={r.id} r={r} top={vi.start} columns={columns} overall={overallOf(i)} factors={i === undefined ? undefined : matrix.factors[i]} outcome={committee.outcomes.get(r.id)} />;
            })}
          </div>
        </div>
      </div>
    </section>
  );
}
