/**
 * How a candidate is named to a reviewer (shared/model/candidate.ts): real logs do not name the
 * candidate, and their importers record the id `unknown`; the library, the replay header, the
 * side-by-side panes, Task & info and the committee's report show "Unnamed candidate" for it
 * until a reviewer sets a name, and the library sorts and finds sessions by what it shows.
 */
import { describe, expect, it } from 'vitest';
import type { SessionRow } from '../../renderer/src/db/schema';
import { visibleRows } from '../../renderer/src/state/library';
import { candidateLabel, candidateWithId, UNKNOWN_CANDIDATE_ID } from '../../shared/model/candidate';
import { UNKNOWN_CANDIDATE } from '../../shared/importers/text-support';

describe('the candidate as a reviewer reads it', () => {
  it('is the name a reviewer gave, else the id the log carried, else "Unnamed candidate"', () => {
    expect(candidateLabel({ id: 'cand-3f2a', displayName: 'Ada Example' })).toBe('Ada Example');
    expect(candidateLabel({ id: UNKNOWN_CANDIDATE_ID, displayName: 'Ada Example' })).toBe('Ada Example');
    expect(candidateLabel({ id: 'cand-3f2a' })).toBe('cand-3f2a');
    expect(candidateLabel({ id: 'unknown' })).toBe('Unnamed candidate');
    expect(candidateLabel({ id: 'unknown', displayName: '' })).toBe('Unnamed candidate');
  });

  it('is what the importers of real logs record when the log names no one', () => {
    expect(candidateLabel(UNKNOWN_CANDIDATE)).toBe('Unnamed candidate');
  });

  it('adds the id in brackets for Task & info only when the log carried a real one', () => {
    expect(candidateWithId({ id: 'cand-3f2a', displayName: 'Ada Example' })).toBe('Ada Example (cand-3f2a)');
    expect(candidateWithId({ id: 'unknown', displayName: 'Ada Example' })).toBe('Ada Example');
    expect(candidateWithId({ id: 'unknown' })).toBe('Unnamed candidate');
    expect(candidateWithId({ id: 'cand-3f2a' })).toBe('cand-3f2a');
  });
});

describe('the library by candidate', () => {
  const row = (i: number, candidate: { id: string; displayName?: string }): SessionRow => ({
    id: `id-${i}`,
    meta: { candidate } as never,
    contentHash: `h${i}`,
    eventCount: 1,
    counts: {},
    importedAt: 0,
    problemCount: 0,
    title: `Session ${i}`,
    startedAt: '2026-01-01T00:00:00.000Z',
    format: 'claude-code',
    taskTitle: 'Task',
    candidateId: candidate.id,
    durationMs: 1,
  });
  const rows = [row(1, { id: 'unknown' }), row(2, { id: 'unknown', displayName: 'Zoe Zed' }), row(3, { id: 'cand-1', displayName: 'Bea Bee' }), row(4, { id: 'cand-2' }), row(5, { id: 'cand-5', displayName: 'Unless Ong' })];
  const lib = (query = '') => ({ query, formatFilter: '', taskFilter: '', sort: { key: 'candidate' as const, dir: 'asc' as const } });

  it('sorts by the name shown ("Unless" before "Unnamed", where the id "unknown" would come first)', () => {
    expect(visibleRows(rows, lib()).map((r) => candidateLabel(r.meta.candidate))).toEqual(['Bea Bee', 'cand-2', 'Unless Ong', 'Unnamed candidate', 'Zoe Zed']);
  });

  it('finds the unnamed ones by what the column shows', () => {
    expect(visibleRows(rows, lib('unnamed')).map((r) => r.id)).toEqual(['id-1']);
  });
});
