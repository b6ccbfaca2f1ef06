/**
 * The library's search, filters and sorts (state/library.ts visibleRows): sort values are
 * computed once per row (text keys as ranks collated once per listing), and the order must be
 * what the reviewer expects: natural order of numbers in titles, case ignored, equal values
 * by id, descending the exact reverse of the keys (ties still by id), scores with the
 * unscored last when descending.
 */
import { describe, expect, it } from 'vitest';
import type { SessionRow } from '../../renderer/src/db/schema';
import { visibleRows } from '../../renderer/src/state/library';
import type { SortKey } from '../../renderer/src/state/store';

function row(i: number, title: string, over: Partial<SessionRow> = {}): SessionRow {
  return {
    id: `id-${String(i).padStart(3, '0')}`,
    meta: { candidate: { id: `c${i % 3}` }, model: i % 2 ? 'claude-sonnet-4' : undefined } as never,
    contentHash: `h${i}`,
    eventCount: (i * 37) % 11,
    counts: {},
    importedAt: 0,
    problemCount: 0,
    title,
    startedAt: `2026-01-${String(1 + ((i * 7) % 28)).padStart(2, '0')}T00:00:00.000Z`,
    format: i % 2 ? 'codex' : 'baton',
    taskTitle: i % 3 ? 'LRU cache' : 'Rate limiter',
    candidateId: `c${i % 3}`,
    durationMs: (i * 13) % 7,
    ...over,
  };
}

const rows = [row(0, 'Session 10'), row(1, 'session 2'), row(2, 'Session 1'), row(3, 'Ärger'), row(4, 'Session 2'), row(5, 'zeta'), row(6, 'alpha'), row(7, 'Session 2')];
const lib = (key: SortKey, dir: 'asc' | 'desc' = 'asc', over = {}) => ({ query: '', formatFilter: '', taskFilter: '', sort: { key, dir }, ...over });
const titles = (rs: SessionRow[]) => rs.map((r) => `${r.title}#${r.id.slice(-1)}`);

describe('the library order', () => {
  it('sorts titles in natural order ignoring case and accents, equal titles by id, and reverses for descending', () => {
    expect(titles(visibleRows(rows, lib('title')))).toEqual(['alpha#6', 'Ärger#3', 'Session 1#2', 'session 2#1', 'Session 2#4', 'Session 2#7', 'Session 10#0', 'zeta#5']);
    expect(titles(visibleRows(rows, lib('title', 'desc')))).toEqual(['zeta#5', 'Session 10#0', 'session 2#1', 'Session 2#4', 'Session 2#7', 'Session 1#2', 'Ärger#3', 'alpha#6']);
  });

  it('sorts numbers by value and scores with the unscored as lowest', () => {
    const byDuration = visibleRows(rows, lib('durationMs'));
    for (let i = 1; i < byDuration.length; i++) expect(byDuration[i]!.durationMs).toBeGreaterThanOrEqual(byDuration[i - 1]!.durationMs);
    const score = (id: string) => (id.endsWith('3') ? undefined : Number(id.slice(-1)) * 10);
    const ranked = visibleRows(rows, lib('score', 'desc'), (id) => score(id));
    expect(ranked.map((r) => r.id.slice(-1))).toEqual(['7', '6', '5', '4', '2', '1', '0', '3']);
  });

  it('filters by source, task and every search word', () => {
    expect(visibleRows(rows, lib('title', 'asc', { formatFilter: 'codex', taskFilter: 'LRU cache' })).map((r) => r.id)).toEqual(['id-001', 'id-007', 'id-005']);
    expect(visibleRows(rows, lib('title', 'asc', { query: '  SESSION  sonnet ' })).map((r) => r.id)).toEqual(['id-001', 'id-007']);
  });
});
