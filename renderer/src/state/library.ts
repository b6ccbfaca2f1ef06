import type { SessionRow } from '../db/schema';
import type { LibrarySlice, SortKey } from './store';
import { candidateLabel } from '../../../shared/model/candidate';

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** A session's score for a sort key ('score' or 'factor:…'); undefined when not scored or insufficient. */
export type ScoreOf = (id: string, key: SortKey) => number | undefined;

function sortValue(r: SessionRow, key: SortKey, scoreOf?: ScoreOf): string | number {
  if (key === 'score' || key.startsWith('factor:')) return scoreOf?.(r.id, key) ?? -1;
  switch (key) {
    case 'title':
      return r.title;
    case 'candidate':
      return candidateLabel(r.meta.candidate);
    case 'task':
      return r.taskTitle;
    case 'format':
      return r.format;
    case 'startedAt':
      return r.startedAt;
    case 'durationMs':
      return r.durationMs;
    case 'eventCount':
      return r.eventCount;
    default:
      return 0;
  }
}

/** Text sort keys as ranks (collated once per library listing and key), so a re-sort compares numbers. */
const rankCache = new WeakMap<readonly SessionRow[], Map<SortKey, Map<SessionRow, number>>>();

function ranks(rows: readonly SessionRow[], key: SortKey): Map<SessionRow, number> {
  let byKey = rankCache.get(rows);
  if (!byKey) rankCache.set(rows, (byKey = new Map()));
  let rank = byKey.get(key);
  if (!rank) {
    const keyed = rows.map((r) => ({ r, v: String(sortValue(r, key)) }));
    keyed.sort((a, b) => collator.compare(a.v, b.v));
    rank = new Map();
    let k = 0;
    keyed.forEach((x, i) => {
      // Equal texts share a rank, so the id decides between them as before.
      if (i > 0 && collator.compare(keyed[i - 1]!.v, x.v) !== 0) k = i;
      rank!.set(x.r, k);
    });
    byKey.set(key, rank);
  }
  return rank;
}

/** What a search looks in, lower-cased once per row. */
const haystacks = new WeakMap<SessionRow, string>();

function haystack(r: SessionRow): string {
  let hay = haystacks.get(r);
  if (hay === undefined) {
    hay = `${r.title} ${r.taskTitle} ${r.candidateId} ${candidateLabel(r.meta.candidate)} ${r.format} ${r.meta.model ?? ''}`.toLowerCase();
    haystacks.set(r, hay);
  }
  return hay;
}

const NUMERIC_KEYS = new Set<SortKey>(['durationMs', 'eventCount']);

/**
 * Search, filter and sort the library. Pure, so it is unit-tested and cheap to memoise. Each
 * row's sort value is computed once per call (a number: the value, a score, or the rank of
 * its text among the library's), so sorting 1,000 rows compares numbers only.
 */
export function visibleRows(rows: readonly SessionRow[], lib: Pick<LibrarySlice, 'query' | 'sort' | 'formatFilter' | 'taskFilter'>, scoreOf?: ScoreOf): SessionRow[] {
  const q = lib.query.trim().toLowerCase();
  const terms = q ? q.split(/\s+/) : [];
  const out = rows.filter((r) => {
    if (lib.formatFilter && r.format !== lib.formatFilter) return false;
    if (lib.taskFilter && r.taskTitle !== lib.taskFilter) return false;
    if (!terms.length) return true;
    const hay = haystack(r);
    return terms.every((t) => hay.includes(t));
  });
  const { key, dir } = lib.sort;
  const sign = dir === 'asc' ? 1 : -1;
  const scored = key === 'score' || key.startsWith('factor:');
  const rank = scored || NUMERIC_KEYS.has(key) ? undefined : ranks(rows, key);
  const keyed = out.map((r) => ({ r, v: rank ? rank.get(r)! : (sortValue(r, key, scoreOf) as number) }));
  keyed.sort((a, b) => {
    const c = a.v - b.v;
    return c !== 0 ? sign * c : a.r.id < b.r.id ? -1 : a.r.id > b.r.id ? 1 : 0;
  });
  return keyed.map((x) => x.r);
}

export function distinct(rows: readonly SessionRow[], pick: (r: SessionRow) => string): string[] {
  return [...new Set(rows.map(pick))].sort((a, b) => collator.compare(a, b));
}
