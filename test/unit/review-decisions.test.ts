/**
 * Committee decisions in .baton-review files: optional (older files still parse and are
 * written back without them), validated with the field's path, merged one per session (the
 * one decided last) whatever the order and however often; exported with a reviewer's file
 * and imported by the panel lead into the library, idempotently and deterministically.
 */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { decisionsForReview, importDecisions } from '../../renderer/src/db/decision-exchange';
import { buildReview } from '../../renderer/src/db/review-store';
import { BatonDB, type SessionRow } from '../../renderer/src/db/schema';
import { loadCommittee, saveDecision } from '../../renderer/src/features/committee/store';
import { Decision } from '../../shared/committee/decision';
import { canonical } from '../../shared/review/canonical';
import { mergeDecisions } from '../../shared/review/decisions';
import { sessionHash } from '../../shared/review/hash';
import { mergeReviews } from '../../shared/review/merge';
import { parseReview, ReviewParseError, stringifyReview } from '../../shared/review/parse';
import type { BatonReview, SessionDecision } from '../../shared/review/schema';
import { generateSample } from '../../shared/samples';

const H1 = sessionHash('session one\n');
const H2 = sessionHash('session two\n');

const old: BatonReview = {
  format: 'baton-review',
  version: 1,
  reviewer: { id: 'ada', name: 'Ada', initials: 'AL', colour: '#1f77b4' },
  ratings: [{ sessionHash: H1, scores: { scoping: 3, tradeoff: 3, adversarial: 3, selfcorrection: null, edgecase: 3, sequencing: 3, overall: 3 }, submittedAt: '2026-12-01T10:00:00Z', revisions: [] }],
  annotations: [],
};
const hire: SessionDecision = { sessionHash: H1, sessionTitle: 'one', outcome: 'hire', rationale: 'Scoped first.', votes: [{ member: 'Ana', vote: 'hire' }, { member: 'Bo', vote: 'no-hire', note: 'slow' }], decidedAt: '2026-12-02T10:00:00Z' };
const later: SessionDecision = { ...hire, outcome: 'more-evidence', rationale: 'Second session first.', votes: [], decidedAt: '2026-12-03T10:00:00Z' };

function problems(text: string): string[] {
  try {
    parseReview(text, 'lead/ada.baton-review');
  } catch (e) {
    expect(e).toBeInstanceOf(ReviewParseError);
    return (e as ReviewParseError).message.split('\n');
  }
  throw new Error('expected a parse error');
}

describe('decisions in the .baton-review format', () => {
  it('an older file without decisions still parses, and is written back without them', () => {
    const text = stringifyReview(old);
    const r = parseReview(text);
    expect(r.decisions).toBeUndefined();
    expect(stringifyReview(r)).toBe(text);
    expect(stringifyReview(mergeReviews([r]).reviews[0]!)).toBe(text);
  });

  it('round-trips decisions with their votes and rationale', () => {
    const r = parseReview(stringifyReview({ ...old, decisions: [hire] }));
    expect(r.decisions).toEqual([hire]);
    const { votes: _v, ...noVotes } = hire;
    expect(parseReview(JSON.stringify({ ...old, decisions: [noVotes] })).decisions![0]!.votes).toEqual([]);
  });

  it('names the field of a bad decision, and refuses two decisions on one session', () => {
    expect(problems(JSON.stringify({ ...old, decisions: [{ ...hire, outcome: 'maybe' }] }))[0]).toMatch(/^lead\/ada\.baton-review: decisions\[0\]\.outcome: /);
    expect(problems(JSON.stringify({ ...old, decisions: [{ ...hire, votes: [{ member: '', vote: 'hire' }] }] }))[0]).toMatch(/decisions\[0\]\.votes\[0\]\.member/);
    expect(problems(JSON.stringify({ ...old, decisions: [{ ...hire, sessionHash: 'abc' }] }))[0]).toMatch(/decisions\[0\]\.sessionHash: must be the lowercase hex SHA-256/);
    expect(problems(JSON.stringify({ ...old, decisions: [hire, later] }))[0]).toMatch(/decisions\[1\]\.sessionHash: session [0-9a-f]{12}… has two decisions/);
  });

  it('merging keeps the decision decided last per session and says when files differ', () => {
    const a = { ...old, decisions: [hire] };
    const b = { ...old, reviewer: { ...old.reviewer, id: 'bob' }, decisions: [later, { ...hire, sessionHash: H2 }] };
    const m = mergeReviews([b, a]);
    expect(m.decisions.map((d) => [d.sessionHash, d.outcome])).toEqual([[H1, 'more-evidence'], [H2, 'hire']].sort((x, y) => (x[0]! < y[0]! ? -1 : 1)));
    expect(m.notes.join('\n')).toMatch(/session [0-9a-f]{12}… has different decisions across files; kept the one decided last/);
    expect(m.reviews.find((r) => r.reviewer.id === 'ada')!.decisions).toEqual([hire]);
  });

  it('is order-independent and idempotent on random sets of decisions', () => {
    const decision = fc.record({
      hash: fc.constantFrom(H1, H2),
      outcome: fc.constantFrom('hire' as const, 'no-hire' as const, 'more-evidence' as const),
      day: fc.integer({ min: 1, max: 3 }),
      why: fc.constantFrom('a', 'b'),
    }).map((x): SessionDecision => ({ sessionHash: x.hash, outcome: x.outcome, rationale: x.why, votes: [], decidedAt: `2026-12-0${x.day}T10:00:00Z` }));
    fc.assert(
      fc.property(fc.array(decision, { maxLength: 8 }), (ds) => {
        const m = mergeDecisions(ds).decisions;
        expect(canonical(mergeDecisions([...ds].reverse()).decisions)).toBe(canonical(m));
        expect(canonical(mergeDecisions([...m, ...ds]).decisions)).toBe(canonical(m));
        expect(new Set(m.map((d) => d.sessionHash)).size).toBe(m.length);
      }),
      { numRuns: 200, seed: 19 },
    );
  });
});

let n = 0;
const dbs: BatonDB[] = [];
afterEach(async () => {
  for (const d of dbs.splice(0)) await d.delete();
});

async function library(): Promise<BatonDB> {
  const d = new BatonDB(`baton-decisions-${++n}`);
  dbs.push(d);
  await d.open();
  const s = generateSample('scoper');
  const row = (id: string, contentHash: string, title: string): SessionRow => ({ id, meta: { ...s.meta, id, title }, contentHash, eventCount: 0, counts: {} as SessionRow['counts'], importedAt: 1, problemCount: 0, title, startedAt: s.meta.startedAt, format: 'baton', taskTitle: '', candidateId: '', durationMs: 1 });
  await d.sessions.bulkPut([row('s1', H1, 'one'), row('s2', H2, 'two')]);
  return d;
}

describe('decisions exported with a review and imported by the panel lead', () => {
  it('a reviewer exports the library decision with the review; the lead imports it, and again, and in another order, with the same result', async () => {
    const reviewer = await library();
    await reviewer.reviewers.put({ id: 'ada', name: 'Ada', initials: 'AL', colour: '#1f77b4', createdAt: 1 });
    await saveDecision('s1', Decision.parse({ outcome: 'no-hire', rationale: 'Never tested.', decidedAt: '2026-12-02T10:00:00Z', votes: [{ member: 'Ana', vote: 'no-hire' }], sessions: [H1] }), reviewer);
    const review = await buildReview(reviewer, 'ada');
    review.decisions = await decisionsForReview(reviewer);
    const file = parseReview(stringifyReview(review), 'ada.baton-review');
    expect(file.decisions).toEqual([{ sessionHash: H1, sessionTitle: 'one', outcome: 'no-hire', rationale: 'Never tested.', votes: [{ member: 'Ana', vote: 'no-hire' }], decidedAt: '2026-12-02T10:00:00Z' }]);
    // Only the sessions chosen for the export.
    expect(await decisionsForReview(reviewer, [H2])).toEqual([]);

    const other: BatonReview = { ...file, reviewer: { ...file.reviewer, id: 'bob' }, decisions: [{ ...later, sessionHash: H1 }, { ...hire, sessionHash: 'f'.repeat(64) }] };
    const lead1 = await library();
    const first = await importDecisions(lead1, [...file.decisions!, ...other.decisions!]);
    expect(first).toMatchObject({ matched: 1, changed: 1, unmatched: ['f'.repeat(64)] });
    const again = await importDecisions(lead1, [...other.decisions!, ...file.decisions!]);
    expect(again).toMatchObject({ matched: 1, changed: 0 });
    const lead2 = await library();
    await importDecisions(lead2, other.decisions!);
    await importDecisions(lead2, file.decisions!);
    const [d1, d2] = [(await loadCommittee('s1', lead1)).decision, (await loadCommittee('s1', lead2)).decision];
    expect(d1).toMatchObject({ outcome: 'more-evidence', rationale: 'Second session first.', decidedAt: later.decidedAt, sessions: [H1] });
    expect(canonical(d2)).toBe(canonical(d1));
    expect((await lead1.committee.get('s1'))?.outcome).toBe('more-evidence');
    expect(await lead1.committee.get('s2')).toBeUndefined();
  });

  it("keeps the library's own decision when it was decided later, and notes the difference", async () => {
    const lead = await library();
    const own = Decision.parse({ outcome: 'hire', rationale: 'Decided in the room.', decidedAt: '2026-12-09T10:00:00Z', sessions: [H1] });
    await saveDecision('s1', own, lead);
    await lead.committee.update('s1', { notes: 'kept' });
    const r = await importDecisions(lead, [later]);
    expect(r).toMatchObject({ matched: 1, changed: 0 });
    expect(r.notes.join('\n')).toMatch(/"one": the library's decision and the file's differ; kept the one decided last/);
    const stored = await loadCommittee('s1', lead);
    expect(stored.decision).toEqual(own);
    expect(stored.notes).toBe('kept');
  });
});
