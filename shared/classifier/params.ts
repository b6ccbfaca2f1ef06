/**
 * The classifier's constants: each rule's weight (the points its first item adds to its
 * factor; later items of the same rule add weight · (log2(1 + k) − log2(k))) and each
 * factor's base score. The weights were fitted to blind ratings of real sessions by
 * `scripts/classifier-fit.ts` (see docs/classifier.md, "How the constants were fitted"),
 * starting from, and shrunk toward, the hand-set values in PRIOR_PARAMS. Nothing reads
 * ratings at run time: these are plain constants.
 */
import type { FactorId } from './weights';

export interface RuleSpec {
  factor: FactorId;
  /** Hand-set starting weight (points of the first item). */
  prior: number;
  /** Sign the weight must keep: +1 for what a strong orchestrator does, −1 for what counts against. */
  sign: 1 | -1;
  /** Largest weight allowed (bare cue rules stay small so cue words alone earn little). */
  max?: number;
}

export const RULES: Record<string, RuleSpec> = {
  'plan-first': { factor: 'scoping', prior: 10, sign: 1 },
  constraint: { factor: 'scoping', prior: 6, sign: 1 },
  decomposed: { factor: 'scoping', prior: 6, sign: 1 },
  'clarifying-question': { factor: 'scoping', prior: 2, sign: 1 },
  'wrote-plan': { factor: 'scoping', prior: 15, sign: 1 },
  'plan-approved': { factor: 'scoping', prior: 10, sign: 1 },
  'revised-plan': { factor: 'scoping', prior: 10, sign: 1 },
  'decision-before-diff': { factor: 'scoping', prior: 3, sign: 1 },
  'detailed-brief': { factor: 'scoping', prior: 8, sign: 1 },
  'bare-scoping-cue': { factor: 'scoping', prior: 2, sign: 1, max: 3 },
  'terse-start': { factor: 'scoping', prior: -12, sign: -1 },
  'prepared-launch': { factor: 'scoping', prior: 6, sign: 1 },
  'unprepared-launch': { factor: 'scoping', prior: -6, sign: -1 },

  'gave-reason': { factor: 'tradeoffs', prior: 8, sign: 1 },
  'compared-options': { factor: 'tradeoffs', prior: 8, sign: 1 },
  'weighed-alternatives': { factor: 'tradeoffs', prior: 10, sign: 1 },
  'reasoned-decision': { factor: 'tradeoffs', prior: 15, sign: 1 },
  'weighing-question': { factor: 'tradeoffs', prior: 6, sign: 1 },
  deliberated: { factor: 'tradeoffs', prior: 4, sign: 1 },
  'unreasoned-decision': { factor: 'tradeoffs', prior: -3, sign: -1 },
  'bare-tradeoff-cue': { factor: 'tradeoffs', prior: 2, sign: 1, max: 3 },
  'unreasoned-large-change': { factor: 'tradeoffs', prior: -4, sign: -1 },

  challenge: { factor: 'adversarial', prior: 10, sign: 1 },
  'bare-challenge': { factor: 'adversarial', prior: 3, sign: 1, max: 3 },
  'refused-with-reason': { factor: 'adversarial', prior: 10, sign: 1 },
  'refused-tool-use': { factor: 'adversarial', prior: 5, sign: 1 },
  'stopped-and-redirected': { factor: 'adversarial', prior: 6, sign: 1 },
  'reverted-agent-edit': { factor: 'adversarial', prior: 12, sign: 1 },
  'partly-reverted-agent-edit': { factor: 'adversarial', prior: 8, sign: 1 },
  'probing-question': { factor: 'adversarial', prior: 6, sign: 1 },
  'bare-probe': { factor: 'adversarial', prior: 1, sign: 1, max: 2 },
  'rubber-stamp': { factor: 'adversarial', prior: -8, sign: -1 },

  'own-course-change': { factor: 'selfCorrection', prior: 10, sign: 1 },
  'bare-course-change': { factor: 'selfCorrection', prior: 3, sign: 1, max: 3 },
  'weighs-own-view': { factor: 'selfCorrection', prior: 4, sign: 1 },
  'stopped-and-rethought': { factor: 'selfCorrection', prior: 8, sign: 1 },
  'corrected-and-verified': { factor: 'selfCorrection', prior: 12, sign: 1 },
  'changed-direction': { factor: 'selfCorrection', prior: 8, sign: 1 },
  'repeated-failure': { factor: 'selfCorrection', prior: -10, sign: -1 },

  'raised-scenario': { factor: 'edgeCases', prior: 12, sign: 1 },
  'bare-edge-cue': { factor: 'edgeCases', prior: 1, sign: 1, max: 3 },
  'edge-case-raised': { factor: 'edgeCases', prior: 2, sign: 1, max: 3 },
  'edge-case-covered': { factor: 'edgeCases', prior: 3, sign: 1, max: 4 },

  'asked-to-understand-first': { factor: 'sequencing', prior: 8, sign: 1 },
  'asked-to-verify': { factor: 'sequencing', prior: 8, sign: 1 },
  'bare-sequencing-cue': { factor: 'sequencing', prior: 2, sign: 1, max: 3 },
  'ordered-the-work': { factor: 'sequencing', prior: 6, sign: 1 },
  'plan-before-build': { factor: 'sequencing', prior: 8, sign: 1 },
  'checked-themselves': { factor: 'sequencing', prior: 6, sign: 1 },
  'read-before-write': { factor: 'sequencing', prior: 4, sign: 1 },
  'write-without-directed-read': { factor: 'sequencing', prior: -1, sign: -1 },
  'tested-before-commit': { factor: 'sequencing', prior: 4, sign: 1 },
  'committed-untested': { factor: 'sequencing', prior: -4, sign: -1 },
  'tested-after-last-edit': { factor: 'sequencing', prior: 3, sign: 1 },
  'untested-at-end': { factor: 'sequencing', prior: -3, sign: -1 },
  'shipped-unverified': { factor: 'sequencing', prior: -6, sign: -1 },
};

export interface Params {
  /** Per rule: the points of its first item. */
  weights: Record<string, number>;
  /** Per factor: the score with no evidence at all. */
  base: Record<FactorId, number>;
}

export const PRIOR_PARAMS: Params = {
  weights: Object.fromEntries(Object.entries(RULES).map(([r, s]) => [r, s.prior])),
  base: { scoping: 35, tradeoffs: 30, adversarial: 30, selfCorrection: 35, edgeCases: 25, sequencing: 40 },
};

/** The constants in use. */
/** Fitted by `npm run classifier:fit` on 20 rated sessions (λ = 1), 2026-12-07. */
export const PARAMS: Params = {
  weights: {
    'plan-first': 4.52,
    constraint: 0.9,
    decomposed: 4.97,
    'clarifying-question': 0,
    'wrote-plan': 14.08,
    'plan-approved': 9.4,
    'revised-plan': 10,
    'decision-before-diff': 0.96,
    'detailed-brief': 5.82,
    'bare-scoping-cue': 2.36,
    'terse-start': -13.17,
    'prepared-launch': 5,
    'unprepared-launch': -4.92,
    'gave-reason': 9.01,
    'compared-options': 6.11,
    'weighed-alternatives': 10,
    'reasoned-decision': 15,
    'weighing-question': 5.19,
    deliberated: 5.61,
    'unreasoned-decision': -3.27,
    'bare-tradeoff-cue': 0,
    'unreasoned-large-change': -4.96,
    challenge: 13.21,
    'bare-challenge': 2.06,
    'refused-with-reason': 9.31,
    'refused-tool-use': 7.02,
    'stopped-and-redirected': 6.55,
    'reverted-agent-edit': 10.97,
    'partly-reverted-agent-edit': 3.79,
    'probing-question': 3.14,
    'bare-probe': 0,
    'rubber-stamp': -8.52,
    'own-course-change': 11.27,
    'bare-course-change': 3,
    'weighs-own-view': 3.3,
    'stopped-and-rethought': 4.88,
    'corrected-and-verified': 12,
    'changed-direction': 8,
    'repeated-failure': -10,
    'raised-scenario': 17.83,
    'bare-edge-cue': 2.27,
    'edge-case-raised': 1.76,
    'edge-case-covered': 3.67,
    'asked-to-understand-first': 8.09,
    'asked-to-verify': 7.14,
    'bare-sequencing-cue': 3,
    'ordered-the-work': 9.01,
    'plan-before-build': 6.8,
    'checked-themselves': 6,
    'read-before-write': 1.24,
    'write-without-directed-read': -2.59,
    'tested-before-commit': 2.24,
    'committed-untested': -2.39,
    'tested-after-last-edit': 4.1,
    'untested-at-end': -3.06,
    'shipped-unverified': -4.05,
  },
  base: { scoping: 35, tradeoffs: 30, adversarial: 30, selfCorrection: 35, edgeCases: 25, sequencing: 40 },
};
