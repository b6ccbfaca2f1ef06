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
    'plan-first': 4.57,
    constraint: 0.86,
    decomposed: 4.98,
    'clarifying-question': 0,
    'wrote-plan': 14.11,
    'plan-approved': 9.39,
    'revised-plan': 10,
    'decision-before-diff': 0.95,
    'detailed-brief': 5.82,
    'bare-scoping-cue': 2.49,
    'terse-start': -13.18,
    'prepared-launch': 5.03,
    'unprepared-launch': -4.92,
    'gave-reason': 8.97,
    'compared-options': 6.12,
    'weighed-alternatives': 10,
    'reasoned-decision': 15,
    'weighing-question': 5.14,
    deliberated: 5.56,
    'unreasoned-decision': -3.26,
    'bare-tradeoff-cue': 0,
    'unreasoned-large-change': -4.95,
    challenge: 13.24,
    'bare-challenge': 2.07,
    'refused-with-reason': 9.29,
    'refused-tool-use': 7.01,
    'stopped-and-redirected': 6.57,
    'reverted-agent-edit': 10.98,
    'partly-reverted-agent-edit': 3.77,
    'probing-question': 3.1,
    'bare-probe': 0,
    'rubber-stamp': -8.51,
    'own-course-change': 11.23,
    'bare-course-change': 3,
    'weighs-own-view': 3.37,
    'stopped-and-rethought': 4.87,
    'corrected-and-verified': 12,
    'changed-direction': 8,
    'repeated-failure': -10,
    'raised-scenario': 16.89,
    'bare-edge-cue': 1.72,
    'edge-case-raised': 1.84,
    'edge-case-covered': 2.92,
    'asked-to-understand-first': 8.05,
    'asked-to-verify': 7.15,
    'bare-sequencing-cue': 3,
    'ordered-the-work': 8.98,
    'plan-before-build': 6.81,
    'checked-themselves': 6,
    'read-before-write': 1.26,
    'write-without-directed-read': -2.6,
    'tested-before-commit': 2.17,
    'committed-untested': -2.38,
    'tested-after-last-edit': 4.11,
    'untested-at-end': -3.04,
    'shipped-unverified': -4.03,
  },
  base: { scoping: 35, tradeoffs: 30, adversarial: 30, selfCorrection: 35, edgeCases: 25, sequencing: 40 },
};
