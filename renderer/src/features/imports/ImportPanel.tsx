import { memo, useState } from 'react';
import { formatBytes } from '../../../../shared/import/limits';
import { cancelImport } from '../../state/actions';
import { removeFinishedJobs, setUi, useStore, type ImportJob } from '../../state/store';

const STATUS_LABEL: Record<ImportJob['status'], string> = {
  queued: 'Waiting',
  running: 'Importing',
  imported: 'Imported',
  duplicate: 'Already in library',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/**
 * One job's row. Memoised: a progress report replaces only its own job's object, so while a
 * folder of hundreds imports, each report renders one row, not the whole list.
 */
const JobRow = memo(function JobRow({ job }: { job: ImportJob }) {
  const pct = job.size > 0 ? Math.min(100, Math.round((job.bytesRead / job.size) * 100)) : 0;
  const active = job.status === 'running' || job.status === 'queued';
  const problems = job.report ? job.report.problems.length + job.report.problemsOmitted : 0;
  return (
    <li className={`job ${job.status}`} data-testid="import-job" data-status={job.status}>
      <div className="job-head">
        <span className="job-file" title={job.file}>
          {job.file}
        </span>
        <span className={`job-status ${job.status}`}>{STATUS_LABEL[job.status]}</span>
      </div>
      {active && (
        <div className="job-progress">
          <progress max={100} value={pct} aria-label={`Import progress for ${job.file}`} data-testid="import-progress" />
          <span className="muted small">
            {formatBytes(job.bytesRead)} / {formatBytes(job.size)} · {job.events.toLocaleString()} events
          </span>
          <button className="btn small" onClick={() => void cancelImport(job.id)}>
            Cancel
          </button>
        </div>
      )}
      {job.message && job.status !== 'imported' && (
        <p className={job.status === 'failed' ? 'job-msg error' : 'job-msg'} role={job.status === 'failed' ? 'alert' : undefined} data-testid="import-message">
          {job.message}
        </p>
      )}
      {job.report && (job.status === 'imported' || problems > 0) && (
        <div className="job-foot">
          <span className="muted small">
            {job.report.sessions.reduce((n, s) => n + s.eventCount, 0).toLocaleString()} events
            {problems > 0 ? ` · ${problems} problem${problems === 1 ? '' : 's'}` : ''}
          </span>
          <button className="btn small link" onClick={() => setUi({ openReport: job.report })}>
            View report
          </button>
        </div>
      )}
    </li>
  );
});

/**
 * The imports strip, docked under the page in the layout's flow (never over it), so it cannot
 * hide the pane a reviewer is looking at. While anything runs, or when something went wrong,
 * it lists every job; once every job landed cleanly it folds to one line ("4 imported") that
 * stays until Clear, or opens again with Details. Nothing here changes on a timer.
 */
export function ImportPanel() {
  const jobs = useStore((s) => s.imports.jobs);
  const [opened, setOpened] = useState(false);
  const busy = jobs.some((j) => j.status === 'running' || j.status === 'queued');
  const allGood = jobs.length > 0 && jobs.every((j) => j.status === 'imported' && (j.report?.problems.length ?? 0) === 0);
  if (jobs.length === 0) return null;
  const folded = !busy && allGood && !opened;
  const done = jobs.filter((j) => j.status !== 'running' && j.status !== 'queued').length;
  const summary = busy ? `Importing ${done + 1} of ${jobs.length}` : allGood ? `✓ ${jobs.length} imported` : `${done} done`;
  return (
    <aside className={`import-panel${folded ? ' folded' : ''}`} aria-label="Imports" data-testid="import-panel" data-folded={folded}>
      <header>
        <h2>Imports</h2>
        <span className="muted small" data-testid="import-summary">
          {summary}
        </span>
        <span className="spacer" />
        {!busy && allGood && (
          <button className="btn small link" aria-expanded={!folded} onClick={() => setOpened(!opened)}>
            {folded ? 'Details' : 'Hide details'}
          </button>
        )}
        {!busy && (
          <button
            className="btn small"
            onClick={() => {
              setOpened(false);
              removeFinishedJobs();
            }}
          >
            Clear
          </button>
        )}
      </header>
      <ul hidden={folded}>
        {jobs.map((j) => (
          <JobRow key={j.id} job={j} />
        ))}
      </ul>
    </aside>
  );
}
