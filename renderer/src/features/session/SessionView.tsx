import { EVENT_KINDS } from '../../../../shared/model/schema';
import { FORMAT_LABELS, formatDate, formatDuration } from '../../components/format';
import { Markdown } from '../../components/Markdown';
import type { SessionRow } from '../../db/schema';
import { openStoredReport } from '../../state/actions';
import { setUi } from '../../state/store';

/** A session's facts, event counts and task statement (the replay's "Task & info" tab). */
export function SessionInfo({ row }: { row: SessionRow }) {
  const m = row.meta;
  return (
    <div className="session-info" data-testid="session-info">
      <dl className="facts">
        <dt>Candidate</dt>
        <dd>{m.candidate.displayName ? `${m.candidate.displayName} (${m.candidate.id})` : m.candidate.id}</dd>
        <dt>Task</dt>
        <dd>{m.task.title}</dd>
        <dt>Source</dt>
        <dd>
          {FORMAT_LABELS[m.source.format] ?? m.source.format}
          {m.source.version ? ` ${m.source.version}` : ''}
          {m.source.fileName ? ` · ${m.source.fileName}` : ''}
        </dd>
        <dt>Agent</dt>
        <dd>{[m.agent?.name, m.agent?.version, m.model].filter(Boolean).join(' · ') || '—'}</dd>
        <dt>Started</dt>
        <dd>{formatDate(m.startedAt)}</dd>
        <dt>Duration</dt>
        <dd>{formatDuration(m.durationMs)}</dd>
        <dt>Audio</dt>
        <dd>{m.audio ? `narration, ${formatDuration(m.audio.durationMs)}` : 'none'}</dd>
        <dt>Import</dt>
        <dd>
          {row.problemCount > 0 ? (
            <button className="btn link" onClick={() => void openStoredReport(row.reportId)}>
              {row.problemCount} problem{row.problemCount === 1 ? '' : 's'} — open the report
            </button>
          ) : (
            'no problems'
          )}
        </dd>
      </dl>
      <h3>Events ({row.eventCount.toLocaleString()})</h3>
      <ul className="counts" data-testid="event-counts">
        {EVENT_KINDS.filter((k) => row.counts[k]).map((k) => (
          <li key={k}>
            <span className={`ev-kind kind-${k}`}>{k.replace('_', ' ')}</span> {row.counts[k]!.toLocaleString()}
          </li>
        ))}
      </ul>
      {m.task.statement && (
        <>
          <h3>Task statement</h3>
          <Markdown text={m.task.statement} className="task-md" />
        </>
      )}
      <p>
        <button className="btn small danger" onClick={() => setUi({ confirmDelete: row.id })}>
          Delete this session
        </button>
      </p>
    </div>
  );
}
