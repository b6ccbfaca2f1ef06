import { describe, expect, it } from 'vitest';
import { readRatingsCsv, writeRatingsCsv } from '../../shared/review/csv';
import { readRaterTsv } from '../../shared/review/tsv';
import { reviewerFromId, reviewsToRows, rowsToReviews, UNDATED } from '../../shared/review/convert';
import { BatonReview } from '../../shared/review/schema';
import { mergeReviews } from '../../shared/review/merge';

const H1 = '1'.repeat(64);
const H2 = '2'.repeat(64);
const resolve = (s: string) => (s === 'alpha' ? { hash: H1, title: 'Alpha' } : s === 'beta' ? { hash: H2 } : undefined);

describe('rows to reviews', () => {
  it('turns a rater TSV into a valid review per reviewer, sets aside unknown sessions, and is idempotent to merge', () => {
    const tsv = 'session\tscoping\ttradeoff\tadversarial\tselfcorrection\tedgecase\tsequencing\toverall\n' + 'alpha\t4\t3\tNA\t2\t5\t4\t4\n' + 'beta\t1\t1\t1\t1\t1\t1\t1\n' + 'gamma\t2\t2\t2\t2\t2\t2\t2\n';
    const { ratings } = readRaterTsv(tsv, 'rater-1');
    const { reviews, unmatched } = rowsToReviews(ratings, resolve);
    expect(unmatched).toEqual(['gamma']);
    expect(reviews).toHaveLength(1);
    const r = BatonReview.parse(reviews[0]);
    expect(r.reviewer).toMatchObject({ id: 'rater-1', initials: 'R1' });
    expect(r.ratings.map((x) => x.sessionHash)).toEqual([H1, H2]);
    expect(r.ratings[0]).toMatchObject({ sessionTitle: 'Alpha', submittedAt: UNDATED, scores: { scoping: 4, adversarial: null, overall: 4 } });
    expect(mergeReviews([r, r]).reviews).toEqual([r]);
  });

  it('keeps the latest score per factor from CSV and round-trips history through CSV', () => {
    const csv = 'session,reviewer,factor,score,time\nalpha,ada,overall,2,2026-12-01T10:00:00Z\nalpha,ada,overall,4,2026-12-02T10:00:00Z\nalpha,ada,scoping,3,2026-12-01T10:00:00Z\n';
    const { reviews } = rowsToReviews(readRatingsCsv(csv).ratings, resolve);
    const r = reviews[0]!;
    expect(r.ratings[0]!.scores).toMatchObject({ overall: 4, scoping: 3, tradeoff: null });
    expect(r.ratings[0]!.submittedAt).toBe('2026-12-02T10:00:00.000Z');

    const withHistory = BatonReview.parse({ ...r, ratings: [{ ...r.ratings[0], reason: 'discussed', revisions: [{ scores: { ...r.ratings[0]!.scores, overall: 2 }, submittedAt: '2026-12-01T10:00:00.000Z' }] }] });
    const text = writeRatingsCsv(reviewsToRows([withHistory]));
    const back = readRatingsCsv(text);
    expect(back.problems).toEqual([]);
    expect(back.ratings.filter((x) => x.factor === 'overall').map((x) => [x.phase, x.score, x.note ?? ''])).toEqual([
      ['before discussion', 2, ''],
      ['after discussion', 4, 'discussed'],
    ]);
  });

  it('derives stable initials and a colour from a bare reviewer id', () => {
    expect(reviewerFromId('rater-2')).toEqual(reviewerFromId('rater-2'));
    expect(reviewerFromId('Ada Lovelace').initials).toBe('AL');
    expect(reviewerFromId('rater-2').colour).toMatch(/^#[0-9a-f]{6}$/);
  });
});
