/**
 * Fits the classifier's rule weights and factor bases to ratings (scripts only: the app
 * never reads ratings). Per factor, a least-squares fit of
 *
 *     score(s) = base + Σ_rules weight · log2(1 + items of the rule in session s)
 *
 * to the raters' mean on the 0–100 scale ((mean − 1) · 25), with each weight kept to its
 * rule's sign (and cap), and shrunk toward its hand-set prior by a ridge penalty
 * λ · n · (weight − prior)², so a rule the ratings say little about keeps its prior. The
 * bases are not fitted (see below). Solved by coordinate descent (a small convex problem:
 * a few rules per factor, tens of sessions).
 */
import { FACTORS, g, PRIOR_PARAMS, RULES, type FactorId, type Params } from '../../shared/classifier';

export interface FitSession {
  id: string;
  /** Items per rule. */
  counts: Record<string, number>;
  /** Raters' mean per factor (1–5), null where neither rated it. */
  target: Record<FactorId, number | null>;
}

/** Ridge strength (per session, in squared score points). */
export const LAMBDA = 1;
const ITERATIONS = 300;

export const toScore = (rating: number) => (rating - 1) * 25;

export function fit(sessions: readonly FitSession[], prior: Params = PRIOR_PARAMS, lambda = LAMBDA): Params {
  const weights = { ...prior.weights };
  const base = { ...prior.base };
  for (const f of FACTORS) {
    const rules = Object.keys(RULES).filter((r) => RULES[r]!.factor === f);
    const rows = sessions.filter((s) => s.target[f] !== null);
    if (rows.length < 3) continue;
    const y = rows.map((s) => toScore(s.target[f]!));
    const X = rows.map((s) => rules.map((r) => g(s.counts[r] ?? 0)));
    const w = rules.map((r) => weights[r]!);
    const w0 = rules.map((r) => prior.weights[r]!);
    const n = rows.length;
    const lam = lambda * n;
    // The base (a session with no evidence) stays as set by hand: fitting it would let a
    // held-out session's own rating move the score it is compared with.
    const b = base[f];
    const pred = (i: number) => X[i]!.reduce((a, x, j) => a + x * w[j]!, b);
    for (let it = 0; it < ITERATIONS; it++) {
      for (let j = 0; j < rules.length; j++) {
        let xy = 0;
        let xx = 0;
        for (let i = 0; i < n; i++) {
          const x = X[i]![j]!;
          if (x === 0) continue;
          const rest = pred(i) - x * w[j]!;
          xy += x * (y[i]! - rest);
          xx += x * x;
        }
        let v = (xy + lam * w0[j]!) / (xx + lam);
        const spec = RULES[rules[j]!]!;
        v = spec.sign > 0 ? Math.max(0, v) : Math.min(0, v);
        if (spec.max !== undefined) v = Math.min(spec.max, v);
        w[j] = v;
      }
    }
    rules.forEach((r, j) => (weights[r] = Math.round(w[j]! * 100) / 100));
  }
  return { weights, base };
}
