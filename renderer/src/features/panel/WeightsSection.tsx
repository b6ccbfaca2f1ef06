/** Weights fitted to the panel: leave-one-session-out error beside default and equal weights, a preset only when it beats both. */
import type { FitError, WeightComparison } from '../../../../shared/stats/weights-fit';

const fmt = (e: FitError) => (e.rmse === null ? '—' : `${e.rmse.toFixed(2)} (MAE ${e.mae!.toFixed(2)}, n=${e.n})`);

export function WeightsSection({ fit, titleOf, onSave, labels, defaults }: { fit: WeightComparison | null | 'computing'; titleOf: (h: string) => string; onSave: (w: number[]) => void; labels: string[]; defaults: number[] }) {
  if (fit === 'computing') return <p className="muted">Fitting…</p>;
  if (fit === null) return <p className="muted">Needs at least three sessions with a panel overall rating and classifier scores in this library.</p>;
  const equal = defaults.map(() => (100 / defaults.length).toFixed(1));
  return (
    <div data-testid="weights-fit">
      <p className="small muted">
        Six weights (≥ 0, summing to 100) fitted so the classifier&apos;s overall score, on the 1–5 scale as 1 + 4 × score / 100, best matches the panel&apos;s mean overall rating. The fit&apos;s error is leave-one-session-out: each session predicted by weights fitted without it.
      </p>
      <table className="panel-table">
        <thead>
          <tr>
            <th>Weights</th>
            {labels.map((l) => (
              <th key={l}>{l}</th>
            ))}
            <th>Error (RMSE on 1–5)</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>Default</td>
            {defaults.map((w, i) => (
              <td key={i}>{w}</td>
            ))}
            <td data-testid="error-default">{fmt(fit.defaultError)}</td>
          </tr>
          <tr>
            <td>Equal</td>
            {equal.map((w, i) => (
              <td key={i}>{w}</td>
            ))}
            <td data-testid="error-equal">{fmt(fit.equalError)}</td>
          </tr>
          <tr>
            <td>Fitted to the panel</td>
            {fit.fitted.map((w, i) => (
              <td key={i} data-testid="fitted-weight">
                {w}
              </td>
            ))}
            <td data-testid="error-fitted">
              {fmt(fit.fittedError)} {fit.validation}
            </td>
          </tr>
        </tbody>
      </table>
      {fit.beatsBoth ? (
        <button className="btn primary" onClick={() => onSave(fit.fitted)} data-testid="save-fit-preset">
          Save the fitted weights as a preset
        </button>
      ) : (
        <p className="small" data-testid="fit-not-better">
          The fit does not beat both the default and equal weights out of sample, so it is not offered as a preset.
        </p>
      )}
      <h3 className="small">Sessions whose rank the fitted weights change ({fit.rankChanges.length})</h3>
      {fit.rankChanges.length === 0 ? (
        <p className="muted small">None.</p>
      ) : (
        <ol className="small" data-testid="rank-changes">
          {fit.rankChanges.slice(0, 30).map((c) => (
            <li key={c.id}>
              {titleOf(c.id)}: {c.before} → {c.after}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
