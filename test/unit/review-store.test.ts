import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { BatonDB } from '../../renderer/src/db/schema';
import { buildReview, completeScores, getRating, importReviews, putAnnotation, putReviewer, saveDraft, sessionAnnotations, submitRating } from '../../renderer/src/db/review-store';
import { parseReview, stringifyReview } from '../../shared/review/parse';
import { reviewKey } from '../../shared/review/session-key';
import type { Scores } from '../../shared/review/schema';
import { eachFreshDb, uniqueDbName } from './helpers/fresh-db';

let database: BatonDB;
const H = 'b'.repeat(64);
const s = (overall: number): Scores => ({ scoping: 4, tradeoff: 3, adversarial: null, selfcorrection: 2, edgecase: 5, sequencing: 4, overall });

eachFreshDb('baton-review', async (d) => {
  database = d;
  await putReviewer(database, { id: 'r-ada', name: 'Ada', initials: 'AL', colour: '#1f77b4', createdAt: 1 });
});

describe('review key', () => {
  it('keeps a file hash and hashes a multi-session or grouped key to 64 hex characters', () => {
    expect(reviewKey(H)).toBe(H);
    const k = reviewKey(`${H}#1`);
    expect(k).toMatch(/^[0-9a-f]{64}$/);
    expect(k).not.toBe(reviewKey(`${H}#2`));
    expect(reviewKey(`${H}#1`)).toBe(k);
  });
});

describe('ratings', () => {
  it('a draft is complete only when every factor has a score or N/A', () => {
    expect(completeScores({ scoping: 3 })).toBeUndefined();
    expect(completeScores(s(3))).toEqual(s(3));
  });

  it('locks a submission; a later change needs a reason and keeps the first as a revision', async () => {
    await saveDraft(database, H, 'r-ada', { scoping: 2 }, 'Title');
    await submitRating(database, H, 'r-ada', s(3), new Date('2026-12-01T10:00:00Z'));
    await expect(submitRating(database, H, 'r-ada', s(4), new Date('2026-12-02T10:00:00Z'))).rejects.toThrow(/reason/);
    const row = await submitRating(database, H, 'r-ada', s(4), new Date('2026-12-02T10:00:00Z'), 'after the panel');
    expect(row.current).toEqual({ scores: s(4), submittedAt: '2026-12-02T10:00:00.000Z', reason: 'after the panel' });
    expect(row.revisions).toEqual([{ scores: s(3), submittedAt: '2026-12-01T10:00:00.000Z' }]);
    expect((await getRating(database, H, 'r-ada'))?.sessionTitle).toBe('Title');
  });
});

describe('exchange', () => {
  it('exports a valid .baton-review with only submitted ratings, and imports it back idempotently on another machine', async () => {
    await submitRating(database, H, 'r-ada', s(3), new Date('2026-12-01T10:00:00Z'));
    await saveDraft(database, 'c'.repeat(64), 'r-ada', { scoping: 1 });
    await putAnnotation(database, { id: 'a1', sessionHash: H, reviewer: 'r-ada', t0: 1000, factor: 'scoping', polarity: '+', note: 'asks for a plan', createdAt: '2026-12-01T09:00:00Z' });
    const text = stringifyReview(await buildReview(database, 'r-ada'));
    const file = parseReview(text, 'ada.baton-review');
    expect(file.ratings.map((r) => r.sessionHash)).toEqual([H]);
    expect(file.annotations).toHaveLength(1);

    const other = new BatonDB(uniqueDbName('baton-review-other'));
    await other.open();
    await importReviews(other, [file]);
    await importReviews(other, [file, file]);
    const back = await buildReview(other, 'r-ada');
    expect(back).toEqual(file);
    expect((await other.reviewers.get('r-ada'))?.imported).toBe(true);
    expect(await sessionAnnotations(other, H)).toHaveLength(1);
    await other.delete();
  });

  it('merges a revision from another file into the history, whatever the import order', async () => {
    const base = { format: 'baton-review', version: 1, reviewer: { id: 'r-bo', name: 'Bo', initials: 'B', colour: '#ff7f0e' }, annotations: [] };
    const first = parseReview(JSON.stringify({ ...base, ratings: [{ sessionHash: H, scores: s(2), submittedAt: '2026-12-01T10:00:00Z' }] }));
    const second = parseReview(JSON.stringify({ ...base, ratings: [{ sessionHash: H, scores: s(4), submittedAt: '2026-12-02T10:00:00Z', reason: 'talked it over' }] }));
    await importReviews(database, [second]);
    await importReviews(database, [first]);
    const a = await buildReview(database, 'r-bo');
    const other = new BatonDB(uniqueDbName('baton-review-order'));
    await other.open();
    await importReviews(other, [first]);
    await importReviews(other, [second]);
    expect(await buildReview(other, 'r-bo')).toEqual(a);
    expect(a.ratings[0]).toMatchObject({ scores: s(4), reason: 'talked it over', revisions: [{ scores: s(2) }] });
    await other.delete();
  });

  it('keeps a local draft when the same reviewer imports their submitted file', async () => {
    await saveDraft(database, H, 'r-ada', { scoping: 5 });
    const file = parseReview(JSON.stringify({ format: 'baton-review', version: 1, reviewer: { id: 'r-ada', name: 'Ada', initials: 'AL', colour: '#1f77b4' }, ratings: [{ sessionHash: H, scores: s(3), submittedAt: '2026-12-01T10:00:00Z' }] }));
    await importReviews(database, [file]);
    const row = await getRating(database, H, 'r-ada');
    expect(row?.draft).toEqual({ scoping: 5 });
    expect(row?.current?.scores).toEqual(s(3));
    expect((await database.reviewers.get('r-ada'))?.imported).toBeUndefined();
  });
});
