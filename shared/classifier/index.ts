/**
 * The orchestration classifier: session → evidence → factor scores (0–100) → overall.
 *
 * Each factor module (factors/*.ts) reads the candidate's turns and the session's events
 * and records evidence items, each naming the rule that made it and the moments it points
 * at. Each item is worth points (params.ts); a factor's score is its base plus its items'
 * points (score.ts), so every point traces to an item at a moment. Only the candidate's own
 * actions earn positive points; the agent's actions only create opportunities.
 */
import type { SessionEvent, SessionMeta } from '../model/schema';
import type { Ctx } from './context';
import { CHALLENGE, OWN_REVERSAL, PLAN_ASK, CONSTRAINT, REASON, ALTERNATIVE, CRITERION, SCENARIO, READ_ASK, VERIFY_ASK, STEPS } from './cues';
import { uniqueCandidateTexts } from './dedupe';
import { adversarial } from './factors/adversarial';
import { edgeCases } from './factors/edge-cases';
import { scoping } from './factors/scoping';
import { selfCorrection } from './factors/self-correction';
import { sequencing } from './factors/sequencing';
import { tradeoffs } from './factors/tradeoffs';
import { PARAMS, type Params } from './params';
import { itemPoints } from './score';
import { buildIndexes } from './session-index';
import { candidateTurns } from './turns';
import type { ClassifierResult, Evidence } from './types';
import { cueWords, vocabulary } from './vocabulary';
import { FACTORS, type FactorId } from './weights';

export { DEFAULT_WEIGHTS, FACTORS, FACTOR_LABELS, parseWeights, roundToTotal, setWeight, type FactorId, type Weights } from './weights';
export { combine, factorScore, g, itemPoints, MIN_OPPORTUNITIES, scoreFromCounts, summarize, type ScoreSummary } from './score';
export { PARAMS, PRIOR_PARAMS, RULES, type Params, type RuleSpec } from './params';
export type { ClassifierResult, Evidence, FactorScore, Scores, TextSpan } from './types';

export const CLASSIFIER_VERSION = 'baton-classifier-3';

/**
 * Words of the cue families: they never make a sentence "about the session". (Not the edge
 * categories' words: "config", "local", "session" name the work as often as they raise a case.)
 */
const CUE_WORDS = cueWords(CHALLENGE, OWN_REVERSAL, PLAN_ASK, CONSTRAINT, REASON, ALTERNATIVE, CRITERION, SCENARIO, READ_ASK, VERIFY_ASK, STEPS);

/** Runs every rule over a session. Deterministic: the same session gives the same result. */
export function extractEvidence(session: { meta: Pick<SessionMeta, 'task'>; events: readonly SessionEvent[] }, params: Params = PARAMS): ClassifierResult {
  // Sessions come sorted by time from the store and the importers; sort only when one is not.
  let sorted = true;
  for (let i = 1; i < session.events.length && sorted; i++) sorted = session.events[i - 1]!.t <= session.events[i]!.t;
  const events = sorted ? session.events : [...session.events].sort((a, b) => a.t - b.t);
  const ix = buildIndexes(events);
  const words = new Set<string>();
  const vocab = vocabulary(events, session.meta, words);
  const unique = uniqueCandidateTexts(events, ix);
  const turns = candidateTurns(events, { vocab, words, cues: CUE_WORDS, unique });
  const c: Ctx = { events, vocab, task: `${session.meta.task.title}\n${session.meta.task.statement}`, ix, turns, out: [], seen: new Set() };
  scoping(c);
  tradeoffs(c);
  adversarial(c);
  selfCorrection(c);
  edgeCases(c);
  sequencing(c);
  // Points: a rule's k-th item (in time order) adds weight · (g(k) − g(k−1)).
  const raw = c.out.map((e, n) => ({ e, n })).sort((a, b) => a.e.t - b.e.t || a.n - b.n);
  const seenOfRule = new Map<string, number>();
  const points = new Float64Array(c.out.length);
  for (const { e, n } of raw) {
    const k = (seenOfRule.get(e.rule) ?? 0) + 1;
    seenOfRule.set(e.rule, k);
    points[n] = itemPoints(params.weights[e.rule] ?? 0, k);
  }
  const evidence: Evidence[] = c.out.map((e, n) => {
    const p = Math.round(points[n]! * 1000) / 1000;
    return { ...e, points: p, value: Math.min(1, Math.max(0, 0.5 + p / 100)), positive: p >= 0, strength: Math.min(1, Math.round((Math.abs(p) / 50) * 1000) / 1000) };
  });
  const byFactor = Object.fromEntries(FACTORS.map((f) => [f, [] as number[]])) as Record<FactorId, number[]>;
  evidence.forEach((e, i) => byFactor[e.factor].push(i));
  const said = turns.filter((t) => t.unique && (t.sentences.length > 0 || t.kind === 'interrupt' || t.kind === 'plan-approved' || t.kind === 'refusal')).length;
  const opportunities = Object.fromEntries(FACTORS.map((f) => [f, said])) as Record<FactorId, number>;
  opportunities.sequencing += ix.commits.length + (ix.diffs.length ? 1 : 0);
  return { version: CLASSIFIER_VERSION, evidence, byFactor, opportunities };
}
