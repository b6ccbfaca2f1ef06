/** Agreement figures: per factor (alpha ×3, ICC ×2, classifier vs panel), reviewers' bias, pairwise kappa. */
import type { ReactNode } from 'react';
import { ANCHORS } from '../../../../shared/review/anchors';
import { isReviewFactor } from '../../../../shared/review/factors';
import type { AgreementResult, FactorAgreement, NullableInterval } from '../../../../shared/stats/agreement';

const f2 = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toFixed(2));
const ci = (iv: NullableInterval | undefined) => (iv && iv.lo !== null && iv.hi !== null ? `[${iv.lo.toFixed(2)}, ${iv.hi.toFixed(2)}]` : '');
const labelOf = (f: string) => (isReviewFactor(f) ? ANCHORS[f].label : 'All six factors');

function Cell({ v, iv }: { v: number | null; iv?: NullableInterval }) {
  return (
    <td>
      {f2(v)} <span className="ci">{ci(iv)}</span>
    </td>
  );
}

function Row({ a }: { a: FactorAgreement }) {
  return (
    <tr data-testid="agreement-row" data-factor={a.factor}>
      <td>{labelOf(a.factor)}</td>
      <td>{a.nSessions}</td>
      <Cell v={a.alphaNominal} iv={a.alphaNominalInterval} />
      <Cell v={a.alphaOrdinal} iv={a.alphaOrdinalInterval} />
      <Cell v={a.alphaInterval} iv={a.alphaIntervalInterval} />
      <Cell v={a.icc21} iv={a.icc21Interval} />
      <Cell v={a.icc2k} iv={a.icc2kInterval} />
      <Cell v={a.classifier?.spearman ?? null} iv={a.classifier?.spearmanInterval} />
      <td>{a.classifier?.meanBias === null || a.classifier?.meanBias === undefined ? '—' : `${a.classifier.meanBias >= 0 ? '+' : ''}${a.classifier.meanBias.toFixed(2)}`}</td>
    </tr>
  );
}

export function AgreementTable({ result }: { result: AgreementResult }) {
  return (
    <table className="panel-table" data-testid="agreement-table">
      <thead>
        <tr>
          <th>Factor</th>
          <th>Sessions</th>
          <th>α nominal</th>
          <th>α ordinal</th>
          <th>α interval</th>
          <th>ICC(2,1)</th>
          <th>ICC(2,k)</th>
          <th title="Spearman's rho between the classifier's score and the panel mean">Classifier ρ</th>
          <th title="Classifier (as 1 + 4 × score/100) minus the panel mean">Classifier bias</th>
        </tr>
      </thead>
      <tbody>
        {result.factors.map((a) => (
          <Row key={a.factor} a={a} />
        ))}
        <Row a={result.allFactors} />
      </tbody>
    </table>
  );
}

export function ReviewerTable({ result, factor, chip, nameOf }: { result: AgreementResult; factor: string; chip: (id: string) => ReactNode; nameOf: (id: string) => string }) {
  const a = result.factors.find((x) => x.factor === factor);
  if (!a) return null;
  return (
    <table className="panel-table" data-testid="reviewer-table">
      <thead>
        <tr>
          <th>Reviewer</th>
          <th title="Mean of (their score − the others' mean) on the same sessions">Bias</th>
          <th title="Share of their score pairs with another reviewer within one point">Within one</th>
          <th>n</th>
        </tr>
      </thead>
      <tbody>
        {a.reviewers.map((r) => (
          <tr key={r.reviewer}>
            <td>
              {chip(r.reviewer)} {nameOf(r.reviewer)}
            </td>
            <td>{r.meanBias === null ? '—' : `${r.meanBias >= 0 ? '+' : ''}${r.meanBias.toFixed(2)}`}</td>
            <td>{r.withinOne === null ? '—' : `${Math.round(r.withinOne * 100)}%`}</td>
            <td>{r.n}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function KappaMatrix({ result, factor, chip }: { result: AgreementResult; factor: string; chip: (id: string) => ReactNode }) {
  const a = result.factors.find((x) => x.factor === factor);
  if (!a) return null;
  const { reviewers, kappa } = a.kappa;
  return (
    <table className="panel-table" data-testid="kappa-matrix">
      <caption className="small muted">Quadratic-weighted kappa</caption>
      <thead>
        <tr>
          <th />
          {reviewers.map((r) => (
            <th key={r}>{chip(r)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {reviewers.map((r, i) => (
          <tr key={r}>
            <th>{chip(r)}</th>
            {reviewers.map((c, j) => (
              <td key={c}>{i === j ? '·' : f2(kappa[i]![j])}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
