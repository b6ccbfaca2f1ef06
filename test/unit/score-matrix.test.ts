import { describe, expect, it } from 'vitest';
import { extractEvidence, summarize } from '../../shared/classifier';
import { overallScores, scoreMatrix } from '../../shared/classifier/score-matrix';
import type { ClassifierResult } from '../../shared/classifier/types';
import { DEFAULT_WEIGHTS, FACTORS, setWeight, type Weights } from '../../shared/classifier/weights';
import { generateSample, SAMPLE_STYLES } from '../../shared/samples';

const results: Record<string, ClassifierResult> = Object.fromEntries(SAMPLE_STYLES.flatMap((style) => [1, 2].map((seed) => [`${style}-${seed}`, extractEvidence(generateSample(style, seed))])));
/** A session whose candidate had no chance to show any factor: no overall score. */
const thin: ClassifierResult = { ...Object.values(results)[0]!, opportunities: Object.fromEntries(FACTORS.map((f) => [f, 1])) as ClassifierResult['opportunities'] };
results['thin'] = thin;

const weightings: Weights[] = [DEFAULT_WEIGHTS, setWeight(DEFAULT_WEIGHTS, 'adversarial', 70), setWeight(DEFAULT_WEIGHTS, 'scoping', 0), setWeight(DEFAULT_WEIGHTS, 'sequencing', 100)];

describe('overall scores of a library from a factor-score matrix', () => {
  it('gives each session exactly the overall score summarize gives, under any weights', () => {
    const m = scoreMatrix(results);
    for (const w of weightings) {
      const overall = overallScores(m, w);
      for (const id of Object.keys(results)) {
        const expected = summarize(results[id]!, w).overall;
        const got = overall[m.row.get(id)!]!;
        if (expected === null) expect(got).toBeNaN();
        else expect(got).toBe(expected);
      }
    }
    // The samples differ, so the test compares more than one number.
    expect(new Set(overallScores(m, DEFAULT_WEIGHTS)).size).toBeGreaterThan(4);
  });

  it('has no overall score for a session without a factor of enough evidence', () => {
    const m = scoreMatrix({ thin });
    expect(overallScores(m, DEFAULT_WEIGHTS)[0]).toBeNaN();
    expect(m.factors[0]!.scoping.insufficient).toBe(true);
  });

  it("keeps each session's factor scores as the cells show them, the same objects under every weight", () => {
    const m = scoreMatrix(results);
    for (const [id, r] of Object.entries(results)) {
      const s = summarize(r);
      for (const f of FACTORS) expect(m.factors[m.row.get(id)!]![f]).toEqual({ score: s.factors[f].score, opportunities: s.factors[f].opportunities, insufficient: s.factors[f].insufficient });
    }
  });

  it('counts only the factors with enough evidence, whatever the others hold, and has no score when those weigh nothing', () => {
    const base = Object.values(results)[0]!;
    const opportunities = Object.fromEntries(FACTORS.map((f) => [f, f === 'scoping' || f === 'edgeCases' ? 5 : 0])) as ClassifierResult['opportunities'];
    const two: ClassifierResult = { ...base, opportunities };
    const m = scoreMatrix({ two });
    // An insufficient factor's score is never read, even when it is not a number.
    const i = m.row.get('two')! * FACTORS.length + FACTORS.indexOf('tradeoffs');
    (m.scores as Float64Array)[i] = NaN;
    for (const w of [DEFAULT_WEIGHTS, setWeight(DEFAULT_WEIGHTS, 'scoping', 0), { ...DEFAULT_WEIGHTS, scoping: 0, edgeCases: 0 }]) {
      const expected = summarize(two, w).overall;
      const got = overallScores(m, w)[0]!;
      if (expected === null) expect(got).toBeNaN();
      else expect(got).toBe(expected);
    }
    expect(overallScores(m, { ...DEFAULT_WEIGHTS, scoping: 0, edgeCases: 0 })[0]).toBeNaN();
    expect(overallScores(m, DEFAULT_WEIGHTS)[0]).not.toBeNaN();
  });

  it('writes into a given array when it is long enough', () => {
    const m = scoreMatrix(results);
    const out = new Float64Array(m.ids.length);
    expect(overallScores(m, DEFAULT_WEIGHTS, out)).toBe(out);
    expect(overallScores(m, DEFAULT_WEIGHTS, new Float64Array(1))).not.toBe(out);
  });
});

describe('factor summaries across rebuilds', () => {
  it('are the same objects for the same result when more results arrive', () => {
    const first = scoreMatrix({ a: results['scoper-1']! });
    const again = scoreMatrix({ a: results['scoper-1']!, b: results['accepter-1']! });
    expect(again.factors[again.row.get('a')!]).toBe(first.factors[0]);
  });
});
