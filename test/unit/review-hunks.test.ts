/**
 * Annotations on a diff hunk: the hunks named from a diff editor's line changes, the hunk at a
 * cursor, an annotated hunk found again, and the target carried through a .baton-review file
 * (valid with it, still valid without it, refused when it is malformed) and through
 * IndexedDB export and import on another machine.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BatonDB } from '../../renderer/src/db/schema';
import { buildReview, importReviews, putAnnotation, putReviewer, sessionAnnotations, submitRating } from '../../renderer/src/db/review-store';
import { findHunk, hunkAtLine, hunkLabel, hunksOf, hunkTarget, type LineChange } from '../../shared/review/hunks';
import { parseReview, stringifyReview } from '../../shared/review/parse';
import type { Annotation, BatonReview } from '../../shared/review/schema';

// A replaced line 3, two lines added after line 10 (now 11-12), line 20 removed (after 21 now).
const CHANGES: LineChange[] = [
  { originalStartLineNumber: 3, originalEndLineNumber: 3, modifiedStartLineNumber: 3, modifiedEndLineNumber: 3 },
  { originalStartLineNumber: 10, originalEndLineNumber: 0, modifiedStartLineNumber: 11, modifiedEndLineNumber: 12 },
  { originalStartLineNumber: 20, originalEndLineNumber: 20, modifiedStartLineNumber: 21, modifiedEndLineNumber: 0 },
];

describe('hunksOf', () => {
  it('numbers the hunks and writes their unified-diff headers and lines after the change', () => {
    const hunks = hunksOf(CHANGES);
    expect(hunks.map((h) => h.header)).toEqual(['@@ -3 +3 @@', '@@ -10,0 +11,2 @@', '@@ -20 +21,0 @@']);
    expect(hunks.map((h) => [h.index, h.startLine, h.endLine])).toEqual([
      [0, 3, 3],
      [1, 11, 12],
      [2, 21, 21],
    ]);
    expect(hunks[1]!.originalEnd).toBe(0);
    expect(hunks[2]!.originalStart).toBe(20);
  });
});

describe('hunkAtLine', () => {
  const hunks = hunksOf(CHANGES);
  it('finds the hunk under the cursor, else the nearest, on either side', () => {
    expect(hunkAtLine(hunks, 12, 'modified')?.index).toBe(1);
    expect(hunkAtLine(hunks, 1, 'modified')?.index).toBe(0);
    expect(hunkAtLine(hunks, 19, 'modified')?.index).toBe(2);
    expect(hunkAtLine(hunks, 20, 'original')?.index).toBe(2);
    expect(hunkAtLine([], 3, 'modified')).toBeUndefined();
  });
});

describe('findHunk', () => {
  it('finds an annotated hunk by header, then by lines, then by number', () => {
    const hunks = hunksOf(CHANGES);
    const target = hunkTarget(hunks[1]!, 'src/a.ts');
    expect(findHunk(hunks, target)?.index).toBe(1);
    // The diff cut differently (an extra hunk in front): the header still finds it.
    const shifted = hunksOf([{ originalStartLineNumber: 1, originalEndLineNumber: 1, modifiedStartLineNumber: 1, modifiedEndLineNumber: 1 }, ...CHANGES]);
    expect(findHunk(shifted, target)?.index).toBe(2);
    expect(findHunk(hunks, { ...target, header: '@@ -99 +99 @@' })?.index).toBe(1);
    expect(findHunk(hunks, { index: 2, header: '@@ -99 +99 @@', startLine: 98, endLine: 98 })?.index).toBe(2);
    expect(hunkLabel(target)).toBe('hunk 2 of src/a.ts');
  });
});

const H = 'd'.repeat(64);
const onHunk: Annotation = { id: 'a-h', sessionHash: H, reviewer: 'r-ada', t0: 5000, eventId: 'e7', hunk: { file: 'src/a.ts', index: 1, header: '@@ -10,0 +11,2 @@', startLine: 11, endLine: 12 }, factor: 'edgecase', polarity: '-', note: 'no test for the empty list', createdAt: '2026-12-01T09:00:00Z' };
const file = (annotations: unknown[]): string =>
  JSON.stringify({ format: 'baton-review', version: 1, reviewer: { id: 'r-ada', name: 'Ada', initials: 'AL', colour: '#1f77b4' }, ratings: [], annotations });

describe('.baton-review hunk target', () => {
  it('parses with a hunk and without one (older files)', () => {
    expect(parseReview(file([onHunk])).annotations[0]!.hunk).toEqual(onHunk.hunk);
    const { hunk: _h, ...plain } = onHunk;
    expect(parseReview(file([plain])).annotations[0]!.hunk).toBeUndefined();
  });

  it('refuses a hunk without its event, a bad header and lines out of order', () => {
    const { eventId: _e, ...noEvent } = onHunk;
    expect(() => parseReview(file([noEvent]), 'r.baton-review')).toThrow(/annotations\[0\]\.hunk: a hunk needs the eventId/);
    expect(() => parseReview(file([{ ...onHunk, hunk: { ...onHunk.hunk, header: 'lines 11-12' } }]))).toThrow(/hunk\.header/);
    expect(() => parseReview(file([{ ...onHunk, hunk: { ...onHunk.hunk, startLine: 12, endLine: 11 } }]))).toThrow(/hunk\.endLine/);
  });
});

describe('IndexedDB and exchange', () => {
  let database: BatonDB;
  beforeEach(async () => {
    database = new BatonDB(`baton-hunks-${Math.random()}`);
    await database.open();
    await putReviewer(database, { id: 'r-ada', name: 'Ada', initials: 'AL', colour: '#1f77b4', createdAt: 1 });
  });
  afterEach(async () => {
    await database.delete();
  });

  it('keeps the hunk target in the annotations table and through export and import elsewhere', async () => {
    await putAnnotation(database, onHunk);
    expect((await sessionAnnotations(database, H))[0]!.hunk).toEqual(onHunk.hunk);
    await submitRating(database, H, 'r-ada', { scoping: 3, tradeoff: 3, adversarial: null, selfcorrection: 3, edgecase: 2, sequencing: 3, overall: 3 }, new Date('2026-12-01T10:00:00Z'));
    const text = stringifyReview(await buildReview(database, 'r-ada'));
    const parsed: BatonReview = parseReview(text, 'ada.baton-review');
    expect(parsed.annotations[0]!.hunk).toEqual(onHunk.hunk);
    const other = new BatonDB(`baton-hunks-other-${Math.random()}`);
    await other.open();
    await importReviews(other, [parsed]);
    expect((await sessionAnnotations(other, H))[0]).toEqual(onHunk);
    await other.delete();
  });
});
