/**
 * Review ratings as CSV (long) and the raters' TSV (wide): round trip, quoting, N/A, and
 * every bad line reported with its number while the good lines are kept.
 */
import { describe, expect, it } from 'vitest';
import { CsvError, parseCsvRecords, readRatingsCsv, writeRatingsCsv } from '../../shared/review/csv';
import { latestRatings, reviewRatings } from '../../shared/review/ratings';
import { readRaterTsv, reviewerFromFileName } from '../../shared/review/tsv';
import type { BatonReview } from '../../shared/review/schema';

describe('parseCsvRecords', () => {
  it('handles quotes, doubled quotes, commas and line breaks inside quotes, CRLF and a BOM', () => {
    const text = '\ufeffa,b\r\n"x, y","say ""hi"""\r\n"two\nlines",z\n\nlast,1';
    expect(parseCsvRecords(text)).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'say "hi"'] },
      { line: 3, fields: ['two\nlines', 'z'] },
      { line: 6, fields: ['last', '1'] },
    ]);
  });

  it('refuses an unclosed quote, naming file and line', () => {
    expect(() => parseCsvRecords('a,b\n1,"open\n2,3\n', 'r.csv')).toThrow(new CsvError('r.csv', 2, 'a quoted field is never closed'));
  });
});

describe('readRatingsCsv', () => {
  it('reads the four columns, any order, empty score as N/A, plus phase, time and note', () => {
    const text = 'reviewer,session,factor,score,note,time,phase\nada,s1,scoping,4,"good, scoped",2026-12-01T10:00:00Z,before\nada,s1,overall,,,,\nbob,s1,Overall,NA,,,\n';
    const { ratings, problems } = readRatingsCsv(text);
    expect(problems).toEqual([]);
    expect(ratings).toEqual([
      { session: 's1', reviewer: 'ada', factor: 'scoping', score: 4, note: 'good, scoped', time: '2026-12-01T10:00:00Z', phase: 'before', line: 2 },
      { session: 's1', reviewer: 'ada', factor: 'overall', score: null, line: 3 },
      { session: 's1', reviewer: 'bob', factor: 'overall', score: null, line: 4 },
    ]);
  });

  it('reports each bad line by number and keeps the good ones', () => {
    const text = ['session,reviewer,factor,score,time', 's1,ada,scoping,3,', 's1,ada,vibes,3,', 's1,ada,tradeoff,7,', 's1,ada,edgecase,2.5,', ',ada,overall,3,', 's1,ada,overall', 's2,bob,overall,5,last tuesday', 's2,bob,sequencing,1,2026-12-01'].join('\n');
    const { ratings, problems } = readRatingsCsv(text, 'panel.csv');
    expect(ratings.map((r) => r.line)).toEqual([2, 9]);
    expect(problems).toEqual([
      { line: 3, message: 'unknown factor "vibes"' },
      { line: 4, message: 'score "7" is not a whole number 1-5 (leave it empty for N/A)' },
      { line: 5, message: 'score "2.5" is not a whole number 1-5 (leave it empty for N/A)' },
      { line: 6, message: 'empty session' },
      { line: 7, message: '3 fields, the header has 5' },
      { line: 8, message: 'time "last tuesday" is not an ISO 8601 date or time' },
    ]);
  });

  it('refuses a header without the required columns or with unknown ones', () => {
    expect(() => readRatingsCsv('session,reviewer,score\n', 'x.csv')).toThrow('x.csv:1: the header lacks factor');
    expect(() => readRatingsCsv('session,reviewer,factor,score,mood\n', 'x.csv')).toThrow('x.csv:1: unknown column "mood"');
    expect(() => readRatingsCsv('', 'x.csv')).toThrow('x.csv:1: empty');
  });

  it('round-trips through writeRatingsCsv, quoting what needs it', () => {
    const rows = [
      { session: 's,1', reviewer: 'ada', factor: 'scoping' as const, score: 4, note: 'said "why?"\nthen tested' },
      { session: 's2', reviewer: 'bob', factor: 'overall' as const, score: null },
    ];
    const csv = writeRatingsCsv(rows);
    expect(csv.split('\r\n')[0]).toBe('session,reviewer,factor,score,note');
    expect(readRatingsCsv(csv).ratings.map(({ line: _l, ...r }) => r)).toEqual(rows);
    expect(writeRatingsCsv([rows[1]!])).toBe('session,reviewer,factor,score\r\ns2,bob,overall,\r\n');
  });
});

describe('readRaterTsv', () => {
  const header = 'session\tscoping\ttradeoff\tadversarial\tselfcorrection\tedgecase\tsequencing\toverall\tevidence';
  it('reads one reviewer per file: seven ratings per row, NA as N/A', () => {
    const text = `${header}\ns1\t4\t4\t5\t3\t5\t4\t4\tscoping: plan first\ns2\t2\tNA\t2\t2\t1\t3\t2\tx\n`;
    const { ratings, problems } = readRaterTsv(text, reviewerFromFileName('/data/rater-1.tsv'));
    expect(problems).toEqual([]);
    expect(ratings).toHaveLength(14);
    expect(ratings[0]).toEqual({ session: 's1', reviewer: 'rater-1', factor: 'scoping', score: 4, line: 2 });
    expect(ratings.find((r) => r.session === 's2' && r.factor === 'tradeoff')!.score).toBeNull();
  });

  it('reports bad rows by line and refuses a bad header', () => {
    const text = `${header}\ns1\t4\t4\t5\t3\t5\t4\t4\tok\ns2\t4\t9\t5\t3\t5\t4\t4\tbad\ns3\t4\t4\nsl\t4\t4\t5\t3\t5\t4\t4\tok\ns1\t1\t1\t1\t1\t1\t1\t1\tagain`;
    const { ratings, problems } = readRaterTsv(text, 'r', 'r.tsv');
    expect(ratings).toHaveLength(14);
    expect(problems).toEqual([
      { line: 3, message: 'tradeoff "9" is not a whole number 1-5 or NA' },
      { line: 4, message: '3 columns, the header has 9' },
      { line: 6, message: 'session "s1" already rated on line 2' },
    ]);
    expect(() => readRaterTsv('session\tscoping\n', 'r', 'r.tsv')).toThrow(/r\.tsv:1: the header lacks tradeoff/);
  });
});

describe('ratings from several sources', () => {
  it('latestRatings keeps the latest score per session, reviewer and factor', () => {
    const { ratings, replaced } = latestRatings([
      { session: 's', reviewer: 'a', factor: 'overall', score: 2, time: '2026-12-02T00:00:00Z' },
      { session: 's', reviewer: 'a', factor: 'overall', score: 4, time: '2026-12-01T00:00:00Z' },
      { session: 's', reviewer: 'b', factor: 'overall', score: 1 },
      { session: 's', reviewer: 'b', factor: 'overall', score: 3 },
    ]);
    expect(ratings.map((r) => r.score)).toEqual([2, 3]);
    expect(replaced).toBe(2);
  });

  it('reviewRatings gives seven rows per rated session', () => {
    const review: BatonReview = {
      format: 'baton-review',
      version: 1,
      reviewer: { id: 'ada', name: 'Ada', initials: 'A', colour: '#000000' },
      ratings: [{ sessionHash: 'a'.repeat(64), scores: { scoping: 1, tradeoff: 2, adversarial: 3, selfcorrection: null, edgecase: 4, sequencing: 5, overall: 3 }, submittedAt: '2026-12-01T00:00:00Z', revisions: [] }],
      annotations: [],
    };
    const rows = reviewRatings([review]);
    expect(rows).toHaveLength(7);
    expect(rows.map((r) => r.score)).toEqual([1, 2, 3, null, 4, 5, 3]);
  });
});
