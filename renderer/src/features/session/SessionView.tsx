import { useState } from 'react';
import { EVENT_KINDS } from '../../../../shared/model/kinds';
import { FORMAT_LABELS, formatDate, formatDuration } from '../../components/format';
import { Markdown } from '../../components/Markdown';
import { NAME_MAX, setSessionNames, TASK_TITLE_MAX } from '../../db/rename';
import { db, type SessionRow } from '../../db/schema';
import { openStoredReport, refreshLibrary } from '../../state/actions';
import { setUi } from '../../state/store';
import { candidateWithId } from '../../../../shared/model/candidate';

/** The candidate's name and the task's title, as a small form (Save keeps them with the session). */
function NamesForm({ row, onSaved, onCancel }: { row: SessionRow; onSaved: (row: SessionRow) => void; onCancel: () => void }) {
  const [candidateName, setCandidateName] = useState(row.meta.candidate.displayName ?? '');
  const [taskTitle, setTaskTitle] = useState(row.meta.task.title);
  const [error, setError] = useState('');
  const save = async () => {
    try {
      const saved = await setSessionNames(db(), row.id, { candidateName, taskTitle });
      await refreshLibrary();
      onSaved(saved);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <form
      className="names-form"
      data-testid="names-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label>
        Candidate
        <input autoFocus value={candidateName} maxLength={NAME_MAX} placeholder={`Name (the log says "${row.meta.candidate.id}")`} onChange={(e) => setCandidateName(e.target.value)} />
      </label>
      <label>
        Task
        <input value={taskTitle} maxLength={TASK_TITLE_MAX} placeholder="Task title" onChange={(e) => setTaskTitle(e.target.value)} />
      </label>
      <div className="names-actions">
        <button className="btn small primary" type="submit">
          Save
        </button>
        <button className="btn small" type="button" onClick={onCancel}>
          Cancel
        </button>
        {error && (
          <span className="job-msg error" role="alert">
            {error}
          </span>
        )}
      </div>
    </form>
  );
}

/** A session's facts, event counts and task statement (the replay's "Task & info" tab). */
export function SessionInfo({ row, editing, onEditing, onRenamed }: { row: SessionRow; editing?: boolean; onEditing?: (on: boolean) => void; onRenamed?: (row: SessionRow) => void }) {
  const m = row.meta;
  return (
    <div className="session-info" data-testid="session-info">
      {editing && onEditing && (
        <NamesForm
          row={row}
          onCancel={() => onEditing(false)}
          onSaved={(saved) => {
            onRenamed?.(saved);
            onEditing(false);
          }}
        />
      )}
      <dl className="facts">
        <dt>Candidate</dt>
        <dd data-testid="info-candidate">
          {candidateWithId(m.candidate)}
          {!editing && onEditing && (
            <>
              {' '}
              <button className="btn small link" onClick={() => onEditing(true)}>
                Edit names
              </button>
            </>
          )}
        </dd>
        <dt>Task</dt>
        <dd data-testid="info-task">{m.task.title}</dd>
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
