import { useCallback } from 'react';
import { Dialog } from '../../components/Dialog';
import { formatBytes } from '../../../../shared/import/limits';
import { FORMAT_LABELS } from '../../components/format';
import { setUi, useStore } from '../../state/store';

/** The import report: what was read, what was stored, and every problem with file and line. */
export function ReportDialog() {
  const report = useStore((s) => s.ui.openReport);
  const close = useCallback(() => setUi({ openReport: undefined }), []);
  if (!report) return null;
  return (
    <Dialog title={`Import report — ${report.file}`} onClose={close} wide testId="report-dialog">
      <dl className="facts">
        <dt>Status</dt>
        <dd>{report.status}</dd>
        <dt>Format</dt>
        <dd>{FORMAT_LABELS[report.format] ?? report.format}</dd>
        <dt>Size</dt>
        <dd>{formatBytes(report.bytes)}</dd>
        <dt>Time</dt>
        <dd>{(report.durationMs / 1000).toFixed(2)} s</dd>
        <dt>Sessions</dt>
        <dd>
          {report.sessions.length === 0
            ? 'none'
            : report.sessions.map((s) => `${s.title} (${s.eventCount.toLocaleString()} events${s.status === 'duplicate' ? ', already present' : ''})`).join('; ')}
        </dd>
      </dl>
      {report.message && <p className="job-msg error">{report.message}</p>}
      <h3>
        Problems ({(report.problems.length + report.problemsOmitted).toLocaleString()})
      </h3>
      {report.problems.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <div className="problems-wrap">
          <table className="problems">
            <thead>
              <tr>
                <th>File</th>
                <th className="num">Line</th>
                <th>Problem</th>
              </tr>
            </thead>
            <tbody>
              {report.problems.map((p, i) => (
                <tr key={i} className={p.severity}>
                  <td>{p.file}</td>
                  <td className="num">{p.line ?? ''}</td>
                  <td>{p.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.problemsOmitted > 0 && <p className="muted">…and {report.problemsOmitted.toLocaleString()} more not listed.</p>}
        </div>
      )}
    </Dialog>
  );
}
