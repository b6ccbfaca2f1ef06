import { describe, expect, it } from 'vitest';
import { disagreeingPair, fitData, longRatings, selectVisible, triage } from '../../renderer/src/features/panel/derive';
import type { RatingRow } from '../../renderer/src/db/schema';
import type { Annotation, Scores } from '../../shared/review/schema';
import type { ScoreSummary } from '../../shared/classifier';
import { FACTORS } from '../../shared/classifier';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const sc = (o: Partial<Scores>): Scores => ({ scoping: 3, tradeoff: 3, adversarial: 3, selfcorrection: 3, edgecase: 3, sequencing: 3, overall: 3, ...o });
const row = (sessionHash: string, reviewer: string, scores: Scores | undefined): RatingRow => ({ sessionHash, reviewer, revisions: [], ...(scores ? { current: { scores, submittedAt: '2026-12-01T10:00:00Z' } } : { draft: {} }) });
const ann = (id: string, sessionHash: string, reviewer: string, t0: number, factor: Annotation['factor']): Annotation => ({ id, sessionHash, reviewer, t0, factor, polarity: '+', note: '' });

describe('panel view data', () => {
  const ratings = [row(A, 'r1', sc({ scoping: 1 })), row(A, 'r2', sc({ scoping: 5 })), row(B, 'r2', sc({})), row(B, 'r1', undefined)];
  const annotations = [ann('x', A, 'r2', 9000, 'scoping'), ann('y', A, 'r1', 3000, 'scoping'), ann('z', B, 'r2', 1, 'overall')];

  it('a reviewer sees only the sessions they submitted; the panel lead sees all', () => {
    const asR1 = selectVisible({ ratings, annotations, current: 'r1' });
    expect(asR1.sessions).toEqual([A]);
    expect(asR1.hidden).toBe(1);
    expect(asR1.annotations.map((a) => a.id).sort()).toEqual(['x', 'y']);
    const lead = selectVisible({ ratings, annotations });
    expect(lead.sessions).toEqual([A, B]);
    expect(lead.reviewers).toEqual(['r1', 'r2']);
    expect(longRatings(lead.ratings)).toHaveLength(3 * 7);
  });

  it('triage puts the widest spread first with the cited moments in time order', () => {
    const rows = triage(selectVisible({ ratings, annotations }).ratings, annotations);
    expect(rows[0]).toMatchObject({ session: A, factor: 'scoping', spread: 4 });
    expect(rows[0]!.cited.map((a) => a.t0)).toEqual([3000, 9000]);
    expect(rows.every((r) => r.scores.filter((s) => s.score !== null).length >= 2)).toBe(true);
    expect(rows.filter((r) => r.session === B)).toHaveLength(0);
  });

  it('names the two reviewers furthest apart in a triage row, lowest first', () => {
    expect(disagreeingPair({ scores: [{ reviewer: 'r2', score: 5 }, { reviewer: 'r1', score: 1 }, { reviewer: 'r3', score: 3 }] })).toEqual(['r1', 'r2']);
    expect(disagreeingPair({ scores: [{ reviewer: 'r2', score: 4 }, { reviewer: 'r1', score: null }, { reviewer: 'r3', score: 4 }] })).toEqual(['r2', 'r3']);
    expect(disagreeingPair({ scores: [{ reviewer: 'r1', score: 4 }, { reviewer: 'r2', score: null }] })).toBeUndefined();
  });

  it('fits on the panel mean overall with insufficient factors as missing', () => {
    const summary = (score: number, thin: boolean): ScoreSummary => ({ overall: score, factors: Object.fromEntries(FACTORS.map((f, i) => [f, { factor: f, score, opportunities: 5, insufficient: thin && i === 0, effectiveWeight: 0 }])) as ScoreSummary['factors'] });
    const data = fitData(selectVisible({ ratings: [row(A, 'r1', sc({ overall: 2 })), row(A, 'r2', sc({ overall: 5 }))], annotations: [] }).ratings, new Map([[A, summary(60, true)]]));
    expect(data).toEqual([{ id: A, factors: [null, 60, 60, 60, 60, 60], target: 3.5 }]);
  });
});
