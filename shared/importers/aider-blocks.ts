/**
 * Finds which pending SEARCH/REPLACE block an aider error report echoes, in time linear in
 * the blocks: aider echoes each block that failed to match, and looking each echo up by a
 * scan of every pending block made a reply of 4,000 failed blocks take 8 s (quadratic).
 *
 * The rule is the importer's own: among the blocks not yet marked failed, in order, the
 * first for the same file (same path, or one path ending in "/" + the other) whose SEARCH
 * text is the echo's (trimmed); else the first for the same file; else the first of all. An
 * echo without a path matches every file. Paths are indexed by their last 32 segments.
 */
const MAX_SEGMENTS = 32;

export interface EchoBlock {
  path: string;
  search: string[];
}

function normPath(p: string): string {
  return p.trim().replace(/\\/g, '/').replace(/^\.\//, '');
}

/** The whole path and its suffixes that start after a "/", the last MAX_SEGMENTS of them. */
function suffixes(path: string): string[] {
  const segs = path.split('/');
  const out = new Set<string>([path]);
  for (let k = 1; k <= Math.min(segs.length, MAX_SEGMENTS); k++) out.add(segs.slice(segs.length - k).join('/'));
  return [...out];
}

interface Entry<B> {
  block: B;
  order: number;
  taken: boolean;
}

/** Lists of entries in order, each read from a moving start past the taken ones. */
class Lists<B> {
  private readonly lists = new Map<string, Entry<B>[]>();
  private readonly starts = new Map<string, number>();
  add(key: string, e: Entry<B>): void {
    const l = this.lists.get(key);
    if (l) l.push(e);
    else this.lists.set(key, [e]);
  }
  first(key: string): Entry<B> | undefined {
    const l = this.lists.get(key);
    if (!l) return undefined;
    let i = this.starts.get(key) ?? 0;
    while (i < l.length && l[i]!.taken) i++;
    this.starts.set(key, i);
    return l[i];
  }
}

function earliest<B>(a: Entry<B> | undefined, b: Entry<B> | undefined): Entry<B> | undefined {
  if (!a) return b;
  if (!b) return a;
  return a.order <= b.order ? a : b;
}

export class EchoIndex<B extends EchoBlock> {
  private readonly all = new Lists<B>();
  /** By each path suffix: blocks whose path ends with it. */
  private readonly bySuffix = new Lists<B>();
  /** By whole path: blocks whose path is exactly it. */
  private readonly byPath = new Lists<B>();
  private readonly bySearch = new Lists<B>();
  private readonly bySuffixSearch = new Lists<B>();
  private readonly byPathSearch = new Lists<B>();

  /** `pending` in order; `failed`: blocks already marked, never returned. */
  constructor(pending: readonly B[], failed: ReadonlySet<B>) {
    pending.forEach((block, order) => {
      const e: Entry<B> = { block, order, taken: failed.has(block) };
      const path = normPath(block.path);
      const search = block.search.join('\n').trim();
      this.all.add('', e);
      this.bySearch.add(search, e);
      this.byPath.add(path, e);
      this.byPathSearch.add(`${path}\0${search}`, e);
      for (const s of suffixes(path)) {
        this.bySuffix.add(s, e);
        this.bySuffixSearch.add(`${s}\0${search}`, e);
      }
    });
  }

  /** The block the echo names, now marked as taken; undefined when none is left. */
  take(echo: EchoBlock): B | undefined {
    const search = echo.search.join('\n').trim();
    let exact: Entry<B> | undefined;
    let sameFile: Entry<B> | undefined;
    if (!echo.path) {
      exact = this.bySearch.first(search);
      sameFile = this.all.first('');
    } else {
      const y = normPath(echo.path);
      // Blocks whose path is y or ends with "/" + y…
      exact = this.bySuffixSearch.first(`${y}\0${search}`);
      sameFile = this.bySuffix.first(y);
      // …and blocks whose whole path is a suffix of y after a "/".
      for (const s of suffixes(y)) {
        if (s === y) continue;
        exact = earliest(exact, this.byPathSearch.first(`${s}\0${search}`));
        sameFile = earliest(sameFile, this.byPath.first(s));
      }
    }
    const hit = exact ?? sameFile ?? this.all.first('');
    if (!hit) return undefined;
    hit.taken = true;
    return hit.block;
  }
}
