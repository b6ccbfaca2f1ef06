import type { SessionRow } from '../db/schema';
import type { LibrarySlice, SortKey } from './store';

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** A session's score for a sort key ('score' or 'factor:…'); undefined when not scored or insufficient. */
export type ScoreOf = (id: string, key: SortKey) => number | undefined;

function sortValue(r: SessionRow, key: SortKey, scoreOf?: ScoreOf): string | number {
  if (key === 'score' || key.startsWith('factor:')) return scoreOf?.(r.id, key) ?? -1;
  switch (key) {
    case 'title':
      return r.title;
    case 'candidate':
      return r.meta.candidate.displayName ?? r.candidateId;
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

/** Search, filter and sort the library. Pure, so it is unit-tested and cheap to memoise. */
export function visibleRows(rows: readonly SessionRow[], lib: Pick<LibrarySlice, 'query' | 'sort' | 'formatFilter' | 'taskFilter'>, scoreOf?: ScoreOf): SessionRow[] {
  const q = lib.query.trim().toLowerCase();
  const terms = q ? q.split(/\s+/) : [];
  const out = rows.filter((r) => {
    if (lib.formatFilter && r.format !== lib.formatFilter) return false;
    if (lib.taskFilter && r.taskTitle !== lib.taskFilter) return false;
    if (!terms.length) return true;
    const hay = `${r.title} ${r.taskTitle} ${r.candidateId} ${r.meta.candidate.displayName ?? ''} ${r.format} ${r.meta.model ?? ''}`.toLowerCase();
    return terms.every((t) => hay.includes(t));
  });
  const { key, dir } = lib.sort;
  const sign = dir === 'asc' ? 1 : -1;
  out.sort((a, b) => {
    const va = sortValue(a, key, scoreOf);
    const vb = sortValue(b, key, scoreOf);
    const c = typeof va === 'number' && typeof vb === 'number' ? va - vb : collator.compare(String(va), String(vb));
    return c !== 0 ? sign * c : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
  return out;
}

export function distinct(rows: readonly SessionRow[], pick: (r: SessionRow) => string): string[] {
  return [...new Set(rows.map(pick))].sort((a, b) => collator.compare(a, b));
}
