/**
 * The .baton-review format: valid files parse, bad ones are refused with the field's path
 * or the JSON line; merging is order-independent, idempotent and keeps every revision.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sessionHash } from '../../shared/review/hash';
import { canonical, mergeReviews } from '../../shared/review/merge';
import { parseReview, ReviewParseError, stringifyReview } from '../../shared/review/parse';
import type { BatonReview, Scores } from '../../shared/review/schema';

const H1 = sessionHash('session one\n');
const H2 = sessionHash(new TextEncoder().encode('session two\n'));
const scores = (x: number | null, overall: number | null = x): Scores => ({ scoping: x, tradeoff: x, adversarial: x, selfcorrection: null, edgecase: x, sequencing: x, overall });

function review(id: string, over: Partial<BatonReview> = {}): BatonReview {
  return {
    format: 'baton-review',
    version: 1,
    reviewer: { id, name: `Reviewer ${id}`, initials: id.toUpperCase().slice(0, 2), colour: '#1f77b4' },
    ratings: [{ sessionHash: H1, scores: scores(3), submittedAt: '2026-12-01T10:00:00Z', revisions: [] }],
    annotations: [{ id: `${id}-1`, sessionHash: H1, reviewer: id, t0: 1000, t1: 4000, factor: 'adversarial', polarity: '+', note: 'pushes back with a failing test' }],
    ...over,
  };
}

function problems(text: string): string[] {
  try {
    parseReview(text, 'panel/r1.baton-review');
  } catch (e) {
    expect(e).toBeInstanceOf(ReviewParseError);
    return (e as ReviewParseError).message.split('\n');
  }
  throw new Error('expected a parse error');
}

describe('sessionHash', () => {
  it('is the hex SHA-256 of the source bytes', () => {
    expect(sessionHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('parseReview', () => {
  it('round-trips a valid file, filling defaults', () => {
    const r = review('ada');
    expect(parseReview(stringifyReview(r))).toEqual(r);
    const { annotations: _a, ...minimal } = r;
    expect(parseReview(JSON.stringify(minimal)).annotations).toEqual([]);
  });

  it('names the JSON line and column of a syntax error', () => {
    const [msg] = problems('{\n  "format": "baton-review",\n  "version": 1,,\n}');
    expect(msg).toMatch(/^panel\/r1\.baton-review: not valid JSON at line 3, column \d+/);
  });

  it('refuses another format and a newer version with a sentence', () => {
    expect(problems('{"format":"baton"}')[0]).toContain('not a .baton-review file: "format" is "baton", expected "baton-review"');
    expect(problems('[]')[0]).toContain('expected a JSON object');
    expect(problems(JSON.stringify({ ...review('a'), version: 7 }))[0]).toContain('version 7 is newer than this Baton reads (up to 1)');
  });

  it('points at the bad field: score off the scale, bad hash, bad colour, t1 before t0, wrong author', () => {
    const bad = review('ada');
    (bad.ratings[0]!.scores as Record<string, unknown>).overall = 6;
    bad.ratings.push({ sessionHash: 'ABC', scores: scores(2), submittedAt: 'yesterday', revisions: [] });
    bad.reviewer.colour = 'blue';
    bad.annotations.push({ ...bad.annotations[0]!, id: 'x', t0: 5000, t1: 10, reviewer: 'bob' });
    const out = problems(JSON.stringify(bad));
    expect(out).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/: ratings\[0\]\.scores\.overall: .*5/),
        expect.stringMatching(/: ratings\[1\]\.sessionHash: must be the lowercase hex SHA-256/),
        expect.stringMatching(/: ratings\[1\]\.submittedAt: /),
        expect.stringMatching(/: reviewer\.colour: must be a colour/),
        expect.stringMatching(/: annotations\[1\]\.t1: t1 must not be before t0/),
      ]),
    );
    expect(problems(JSON.stringify({ ...review('ada'), annotations: [{ ...review('ada').annotations[0]!, reviewer: 'bob' }] }))[0]).toContain('annotations[0].reviewer: "bob" is not this file\'s reviewer "ada"');
  });

  it('refuses a session rated twice and unknown fields', () => {
    const twice = review('ada', { ratings: [...review('ada').ratings, ...review('ada').ratings] });
    expect(problems(JSON.stringify(twice))[0]).toContain('ratings[1].sessionHash: session');
    expect(problems(JSON.stringify({ ...review('ada'), extra: 1 }))[0]).toMatch(/extra/);
  });

  it('lists at most ten problems', () => {
    const many = review('ada', { ratings: Array.from({ length: 30 }, (_, i) => ({ sessionHash: `${i}`, scores: scores(3), submittedAt: '2026-12-01T10:00:00Z', revisions: [] })) });
    const out = problems(JSON.stringify(many));
    expect(out).toHaveLength(11);
    expect(out[10]).toContain('and 20 more problems');
  });
});

describe('docs/review-format.md', () => {
  it('its example file is a valid .baton-review', () => {
    const doc = readFileSync(new URL('../../docs/review-format.md', import.meta.url), 'utf8');
    const example = /```json\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(example).toBeDefined();
    const r = parseReview(example!, 'docs/review-format.md');
    expect(r.ratings[0]!.revisions).toHaveLength(1);
    expect(r.annotations[0]!.polarity).toBe('+');
    expect(r.decisions?.[0]?.outcome).toBe('hire');
    expect(r.annotations[1]!.hunk?.header).toBe('@@ -40,3 +40,7 @@');
  });
});

describe('mergeReviews', () => {
  const first = review('ada');
  const revised = review('ada', {
    ratings: [
      { sessionHash: H1, scores: scores(4), submittedAt: '2026-12-02T09:00:00Z', reason: 'after the panel discussion', revisions: [{ scores: scores(3), submittedAt: '2026-12-01T10:00:00Z' }] },
      { sessionHash: H2, sessionTitle: 'second', scores: scores(null, 2), submittedAt: '2026-12-02T09:05:00Z', revisions: [] },
    ],
    annotations: [],
  });
  const other = review('bob');

  it('groups by reviewer, keeps the latest submission current and the rest as revisions', () => {
    const { reviews, notes } = mergeReviews([revised, other, first]);
    expect(reviews.map((r) => r.reviewer.id)).toEqual(['ada', 'bob']);
    const ada = reviews[0]!;
    expect(ada.ratings.map((r) => r.sessionHash)).toEqual([H1, H2].sort());
    const r1 = ada.ratings.find((r) => r.sessionHash === H1)!;
    expect(r1).toMatchObject({ scores: scores(4), reason: 'after the panel discussion', revisions: [{ scores: scores(3), submittedAt: '2026-12-01T10:00:00Z' }] });
    expect(ada.annotations.map((a) => a.id)).toEqual(['ada-1']);
    expect(notes).toEqual([]);
  });

  it('notes and resolves conflicting annotations and reviewer details', () => {
    const a = review('ada', { annotations: [{ ...first.annotations[0]!, note: 'v1', createdAt: '2026-12-01T00:00:00Z' }] });
    const b = review('ada', { reviewer: { ...first.reviewer, colour: '#ff0000' }, annotations: [{ ...first.annotations[0]!, note: 'v2', createdAt: '2026-12-03T00:00:00Z' }] });
    const { reviews, notes } = mergeReviews([b, a]);
    expect(reviews[0]!.annotations[0]!.note).toBe('v2');
    expect(notes.join('\n')).toMatch(/annotation "ada-1".*differs/);
    expect(notes.join('\n')).toMatch(/reviewer "ada" has different names, initials or colours/);
  });

  it('is order-independent and idempotent on random sets of files', () => {
    const when = fc.integer({ min: 0, max: 5 }).map((d) => `2026-12-0${d + 1}T10:00:00Z`);
    const sub = fc.record({ score: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }), at: when, hash: fc.constantFrom(H1, H2), who: fc.constantFrom('ada', 'bob') });
    const files = fc.array(fc.array(sub, { maxLength: 4 }), { minLength: 1, maxLength: 4 }).map((groups) =>
      groups.flatMap((subs) => {
        const byWho = new Map<string, BatonReview>();
        for (const s of subs) {
          const r = byWho.get(s.who) ?? review(s.who, { ratings: [], annotations: [] });
          if (!r.ratings.some((x) => x.sessionHash === s.hash)) r.ratings.push({ sessionHash: s.hash, scores: scores(s.score), submittedAt: s.at, revisions: [] });
          byWho.set(s.who, r);
        }
        return [...byWho.values()];
      }),
    );
    fc.assert(
      fc.property(files, (fs) => {
        const merged = mergeReviews(fs).reviews;
        expect(canonical(mergeReviews([...fs].reverse()).reviews)).toBe(canonical(merged));
        expect(canonical(mergeReviews([...merged, ...fs]).reviews)).toBe(canonical(merged));
        expect(canonical(mergeReviews(merged).reviews)).toBe(canonical(merged));
        for (const r of merged) expect(() => parseReview(stringifyReview(r))).not.toThrow();
      }),
      { numRuns: 200, seed: 18 },
    );
  });
});
