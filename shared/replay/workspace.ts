/**
 * Workspace reconstruction for the replay's Code pane: from a session's diff events, the
 * files known at any moment, each file's content then (when it can be known), the diff of
 * one event and the cumulative diff of a file since the session start or since an event.
 *
 * Building is one linear pass over the events: every diff event becomes a version of its
 * file (two for a rename: the old path goes away, the new one appears), with the content
 * after it resolved once (`after`, or `patch` applied to the content before). A query at
 * event index i is then a binary search over one file's versions, so seeking anywhere,
 * forwards or backwards, costs O(log n) and gives the same answer whatever came before.
 *
 * Nothing here throws on bad input: a patch that does not apply, or applies to content the
 * session never showed, becomes a version with a status and a reason. Pure: no DOM, no Node.
 */
import { applyPatch, parsePatch } from 'diff';
import type { EventOf, SessionEvent } from '../model/schema';
import { floorIndex } from '../util/bisect';

export type DiffEvent = EventOf<'diff'>;
export type ChangeKind = DiffEvent['change'];

/**
 * How well the content after a version is known:
 * - `ok`: known exactly (from `after`, or a patch applied cleanly, or a deletion);
 * - `unapplied`: the event's patch did not apply to the content known before it;
 * - `base-unknown`: the event is a patch, but the content it applies to is not known;
 * - `no-content`: the event carries neither the new text nor a patch.
 */
export type VersionStatus = 'ok' | 'unapplied' | 'base-unknown' | 'no-content';

/** One file's state after one diff event. */
export interface FileVersion {
  /** Index of the diff event in the session's (time-sorted) events. */
  readonly eventIndex: number;
  readonly event: DiffEvent;
  /** The file's path (for a rename: the old path on the old file's version, the new one on the new file's). */
  readonly path: string;
  readonly change: ChangeKind;
  /** Whether the file exists after this event. */
  readonly exists: boolean;
  /** Content just before the event, when known (the event's `before`, else reconstructed). */
  readonly before: string | undefined;
  /** Content after the event; undefined when deleted or not known (see status). */
  readonly after: string | undefined;
  readonly status: VersionStatus;
  /** Why the content is not known, for anything but `ok`. */
  readonly reason?: string;
  /** When `after` is unknown: the last content known before this event, if any. */
  readonly lastKnown?: string;
  /** On the new path of a rename: where the file came from. */
  readonly renamedFrom?: string;
  /** On the old path of a rename: where the file went. */
  readonly renamedTo?: string;
}

/** The state of a file in the tree at a moment. */
export type FileState = 'created' | 'modified' | 'deleted' | 'renamed' | 'renamed-away';

export interface FileEntry {
  path: string;
  state: FileState;
  /** The file's latest version at the moment. */
  version: FileVersion;
  /** Changed by the current event (or an event at the same instant just before it). */
  changedNow: boolean;
  /** Content at the moment is not known (an unapplied or baseless patch on the way). */
  contentUnknown: boolean;
}

/** A file's content at a moment. */
export interface FileContent {
  path: string;
  /** Whether the file exists (before its first diff: whether it existed before the session touched it). */
  exists: boolean;
  /** The content; undefined when the file does not exist or its content is not known. */
  content: string | undefined;
  /** The version in force; undefined before the file's first diff. */
  version: FileVersion | undefined;
  status: VersionStatus;
  reason?: string;
  /** When content is unknown: the last content known before it became unknown. */
  lastKnown?: string;
}

export type DiffStatus = 'ok' | 'unapplied' | 'base-unknown' | 'unknown';

/** A before/after pair to show in a diff viewer, with what is and is not known about it. */
export interface DiffView {
  path: string;
  /** Left side; undefined when unknown. '' for a file that did not exist yet. */
  before: string | undefined;
  /** Right side; undefined when unknown. '' for a file that no longer exists. */
  after: string | undefined;
  /**
   * `ok`: both sides known. `unapplied`: a patch did not apply. `base-unknown`: a patch whose
   * starting content is unknown. `unknown`: the content is not known for another reason.
   */
  status: DiffStatus;
  reason?: string;
  /** When `after` is unknown: the last content known, which a viewer may show instead, marked stale. */
  lastKnown?: string;
  /** The raw patches that could not be turned into content, oldest first (to show as text). */
  patches: { eventIndex: number; patch: string }[];
  /** The version the diff ends at (the file's version at the moment). */
  version: FileVersion | undefined;
  /** For cumulative diffs: the file was created within the range (left side is empty). */
  createdInRange?: boolean;
  /** For cumulative diffs: the path the file had at the start of the range, when renamed since. */
  originPath?: string;
}

export interface WorkspaceOptions {
  /**
   * Content of a file before the session touched it (a workspace snapshot), used when the
   * file's first diff is a patch without `before`.
   */
  initialContent?: (path: string) => string | undefined;
}

interface FileHistory {
  readonly path: string;
  readonly versions: FileVersion[];
  /** Event indices of versions, ascending (filled in when the build ends). */
  at: Int32Array;
  /** The file's tree state after each version (parallel to versions). */
  readonly states: FileState[];
  /** Positions in versions of renames into this path. */
  readonly renameIns: number[];
  /** Content before the first version (the file as it was before the session touched it). */
  pristine: string | undefined;
  /** Whether the file existed before its first version. */
  preexisting: boolean;
}

export interface Workspace {
  /** Number of events the workspace was built from. */
  readonly eventCount: number;
  /** Event indices of the diff events, ascending. */
  readonly diffIndices: Int32Array;
  /** Every path the session's diffs touch, in order of first appearance. */
  readonly paths: readonly string[];
  /** Paths whose first diff is a patch with no known starting content (a snapshot could supply it). */
  readonly pathsNeedingBase: readonly string[];
  /** The files known at event index i (those with a diff at or before i), by folder, then name. */
  filesAt(eventIndex: number): FileEntry[];
  /** A file's versions up to and including event index i (all of them when i is omitted). */
  versionsOf(path: string, eventIndex?: number): readonly FileVersion[];
  /** The file's version in force at event index i, or undefined before its first diff. */
  versionAt(path: string, eventIndex: number): FileVersion | undefined;
  /** The file's content at event index i. */
  contentAt(path: string, eventIndex: number): FileContent;
  /** The diff of the file's latest change at or before event index i (the event's own diff when i is that event). */
  changeAt(path: string, eventIndex: number): DiffView;
  /** The diff of one diff event (by event index), for the file at `path` (default: the event's path). */
  eventDiff(eventIndex: number, path?: string): DiffView | undefined;
  /**
   * The file's cumulative diff from just before event index `since` (0: the session start)
   * to event index i. Follows renames back to the path the file had at `since`.
   */
  cumulativeDiff(path: string, eventIndex: number, since?: number): DiffView;
  /** The last diff event index at or before i, or -1. */
  lastDiffAt(eventIndex: number): number;
  /** Index of the last event with t <= time, or -1 (the same as the session index's indexAt). */
  eventIndexAt(time: number): number;
}


/** Strips the a/ b/ prefixes and leading ./ a unified diff puts on file names. */
function bareName(name: string | undefined): string | undefined {
  if (name === undefined || name === '/dev/null') return undefined;
  let n = name.replace(/\\/g, '/');
  if (/^[ab]\//.test(n)) n = n.slice(2);
  while (n.startsWith('./')) n = n.slice(2);
  return n;
}

function samePath(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  const x = bareName(a)!;
  const y = bareName(b)!;
  return x === y || x.endsWith(`/${y}`) || y.endsWith(`/${x}`);
}

type PatchResult = { ok: true; text: string } | { ok: false; reason: string };

/** Applies a unified diff (one file of it, chosen by name when it holds several) to `base`. */
export function applyUnifiedPatch(base: string, patch: string, path: string, oldPath?: string, allowEmpty = false): PatchResult {
  let parsed;
  try {
    parsed = parsePatch(patch);
  } catch (err) {
    return { ok: false, reason: `the patch could not be parsed: ${err instanceof Error ? err.message : String(err)}` };
  }
  let one = parsed.length === 1 ? parsed[0] : undefined;
  if (parsed.length > 1) {
    one =
      parsed.find((p) => samePath(p.newFileName, path) || samePath(p.oldFileName, path)) ??
      (oldPath ? parsed.find((p) => samePath(p.oldFileName, oldPath)) : undefined);
    if (!one) return { ok: false, reason: `the patch covers ${parsed.length} files, none of them ${path}` };
  }
  if (!one || one.hunks.length === 0) {
    if (allowEmpty || one?.isRename || one?.isCreate) return { ok: true, text: base };
    return { ok: false, reason: 'the patch has no hunks' };
  }
  let out: string | false;
  try {
    out = applyPatch(base, one);
  } catch (err) {
    return { ok: false, reason: `the patch could not be applied: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (out === false) {
    // Name the first hunk that fails, so the reviewer knows where to look.
    let where = '';
    for (let h = 0; h < one.hunks.length; h++) {
      const hunk = one.hunks[h]!;
      let alone: string | false = false;
      try {
        alone = applyPatch(base, { ...one, hunks: [hunk] });
      } catch {
        alone = false;
      }
      if (alone === false) {
        where = ` (hunk ${h + 1} of ${one.hunks.length}, at line ${hunk.oldStart})`;
        break;
      }
    }
    return { ok: false, reason: `the patch does not apply to the content known before it${where}` };
  }
  return { ok: true, text: out };
}

const EMPTY: readonly FileVersion[] = [];

/** Builds the workspace index: one pass over the events, O(total diff size). `events` must be sorted by t. */
export function buildWorkspace(events: readonly SessionEvent[], options: WorkspaceOptions = {}): Workspace {
  const files = new Map<string, FileHistory>();
  const order: string[] = [];
  const diffs: number[] = [];
  const needBase: string[] = [];

  const history = (path: string): FileHistory => {
    let h = files.get(path);
    if (!h) {
      h = { path, versions: [], at: new Int32Array(0), states: [], renameIns: [], pristine: undefined, preexisting: false };
      files.set(path, h);
      order.push(path);
    }
    return h;
  };
  const latest = (path: string): FileVersion | undefined => {
    const h = files.get(path);
    return h ? h.versions[h.versions.length - 1] : undefined;
  };

  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    if (e.kind !== 'diff') continue;
    diffs.push(i);
    const renamed = e.change === 'renamed' && e.oldPath !== undefined && e.oldPath !== e.path;
    const srcPath = renamed ? e.oldPath! : e.path;
    const src = latest(srcPath);
    const firstTouch = !files.has(srcPath);

    // The content the event starts from.
    let base: string | undefined;
    let baseReason: string | undefined;
    if (e.change === 'created') base = '';
    else if (e.before !== undefined) base = e.before;
    else if (src) {
      if (src.exists) {
        base = src.after;
        if (base === undefined) baseReason = `the content is unknown since ${src.event.id}: ${src.reason ?? 'not recorded'}`;
      } else baseReason = `${srcPath} did not exist before this event`;
    } else {
      base = options.initialContent?.(srcPath);
      if (base === undefined) baseReason = 'the content before this patch is not in the session';
    }
    const lastKnown = base ?? (src ? (src.after ?? src.lastKnown) : undefined);

    // The content it ends with.
    let after: string | undefined;
    let status: VersionStatus = 'ok';
    let reason: string | undefined;
    let exists = true;
    if (e.change === 'deleted') {
      exists = false;
    } else if (e.after !== undefined) {
      after = e.after;
    } else if (e.patch !== undefined) {
      if (base === undefined) {
        status = 'base-unknown';
        reason = baseReason ?? 'the content before this patch is not known';
      } else {
        const r = applyUnifiedPatch(base, e.patch, e.path, renamed ? srcPath : undefined, e.change === 'renamed' || e.change === 'created');
        if (r.ok) after = r.text;
        else {
          status = 'unapplied';
          reason = r.reason;
        }
      }
    } else if (renamed && base !== undefined) {
      after = base; // a pure rename
    } else {
      status = base === undefined ? 'base-unknown' : 'no-content';
      reason = base === undefined ? (baseReason ?? 'the content is not known') : 'the event records neither the new content nor a patch';
    }

    if (firstTouch) {
      const h = history(srcPath);
      h.preexisting = e.change !== 'created';
      h.pristine = h.preexisting ? base : undefined;
      if (h.preexisting && base === undefined) needBase.push(srcPath);
    }

    if (renamed) {
      history(srcPath).versions.push({
        eventIndex: i,
        event: e,
        path: srcPath,
        change: 'renamed',
        exists: false,
        before: base,
        after: undefined,
        status: 'ok',
        renamedTo: e.path,
      });
      history(srcPath).states.push('renamed-away');
    }
    const target = history(e.path);
    if (renamed && target.versions.length === 0) {
      target.preexisting = false;
      target.pristine = undefined;
    }
    if (renamed) target.renameIns.push(target.versions.length);
    const v: FileVersion = {
      eventIndex: i,
      event: e,
      path: e.path,
      change: e.change,
      exists,
      before: base,
      after,
      status,
      ...(reason !== undefined ? { reason } : {}),
      ...(status !== 'ok' && lastKnown !== undefined ? { lastKnown } : {}),
      ...(renamed ? { renamedFrom: srcPath } : {}),
    };
    // Tree state: created or renamed in since the file last did not exist, else modified.
    const prevState = target.states[target.states.length - 1];
    const prev = target.versions[target.versions.length - 1];
    let state: FileState;
    if (!exists) state = 'deleted';
    else if (e.change === 'created') state = 'created';
    else if (renamed) state = 'renamed';
    else if (prev && prev.exists && prevState) state = prevState;
    else state = prev || target.preexisting ? 'modified' : 'created';
    target.versions.push(v);
    target.states.push(state);
  }
  for (const h of files.values()) h.at = Int32Array.from(h.versions, (v) => v.eventIndex);

  const diffIndices = Int32Array.from(diffs);
  const times = Float64Array.from(events, (e) => e.t);
  // Tree order: by folder, then by name within it (files at the root first).
  const dirOf = (p: string) => p.slice(0, Math.max(0, p.lastIndexOf('/')));
  const sortedPaths = [...order].sort((a, b) => {
    const da = dirOf(a);
    const db = dirOf(b);
    return da === db ? (a < b ? -1 : a > b ? 1 : 0) : da < db ? -1 : 1;
  });
  const firstAt = new Map<string, number>(order.map((p) => [p, files.get(p)!.versions[0]!.eventIndex]));

  const versionAt = (path: string, i: number): FileVersion | undefined => {
    const h = files.get(path);
    if (!h) return undefined;
    const k = floorIndex(h.at, i);
    return k >= 0 ? h.versions[k] : undefined;
  };

  const contentAt = (path: string, i: number): FileContent => {
    const h = files.get(path);
    const v = versionAt(path, i);
    if (!v) {
      const initial = h ? h.pristine : options.initialContent?.(path);
      const exists = h ? h.preexisting : initial !== undefined;
      return { path, exists, content: exists ? initial : undefined, version: undefined, status: exists && initial === undefined ? 'base-unknown' : 'ok' };
    }
    return {
      path,
      exists: v.exists,
      content: v.after,
      version: v,
      status: v.status,
      ...(v.reason !== undefined ? { reason: v.reason } : {}),
      ...(v.lastKnown !== undefined ? { lastKnown: v.lastKnown } : {}),
    };
  };

  /** Versions of a path with eventIndex in [from, to], oldest first. */
  const versionsBetween = (path: string, from: number, to: number): FileVersion[] => {
    const h = files.get(path);
    if (!h) return [];
    const a = floorIndex(h.at, from - 1) + 1;
    const b = floorIndex(h.at, to);
    return b >= a ? h.versions.slice(a, b + 1) : [];
  };

  const versionDiff = (v: FileVersion): DiffView => {
    const patch = v.event.patch;
    const view: DiffView = {
      path: v.path,
      before: v.change === 'created' ? '' : v.before,
      after: v.exists ? v.after : '',
      status: v.status === 'no-content' ? 'unknown' : v.status,
      patches: v.status !== 'ok' && patch !== undefined ? [{ eventIndex: v.eventIndex, patch }] : [],
      version: v,
    };
    if (v.reason !== undefined) view.reason = v.reason;
    if (v.status !== 'ok' && v.lastKnown !== undefined) view.lastKnown = v.lastKnown;
    return view;
  };

  const lastDiffAt = (i: number): number => {
    const k = floorIndex(diffIndices, i);
    return k >= 0 ? diffIndices[k]! : -1;
  };

  return {
    eventCount: events.length,
    diffIndices,
    paths: order,
    pathsNeedingBase: needBase,
    lastDiffAt,
    eventIndexAt: (time) => floorIndex(times, time),

    filesAt(i) {
      const out: FileEntry[] = [];
      if (i < 0) return out;
      // Diffs at the current event's instant (a multi-file patch) all count as "now".
      const nowT = i < events.length ? events[i]!.t : Infinity;
      for (const path of sortedPaths) {
        if (firstAt.get(path)! > i) continue;
        const h = files.get(path)!;
        const k = floorIndex(h.at, i);
        const v = h.versions[k]!;
        out.push({
          path,
          state: h.states[k]!,
          version: v,
          changedNow: events[v.eventIndex]!.t === nowT,
          contentUnknown: v.exists && v.after === undefined,
        });
      }
      return out;
    },

    versionsOf(path, i) {
      const h = files.get(path);
      if (!h) return EMPTY;
      if (i === undefined) return h.versions;
      return h.versions.slice(0, floorIndex(h.at, i) + 1);
    },

    versionAt,
    contentAt,

    changeAt(path, i) {
      const v = versionAt(path, i);
      if (!v) {
        const c = contentAt(path, i);
        return { path, before: c.content, after: c.content, status: c.status === 'ok' ? 'ok' : 'unknown', patches: [], version: undefined };
      }
      return versionDiff(v);
    },

    eventDiff(i, path) {
      const e = events[i];
      if (!e || e.kind !== 'diff') return undefined;
      const p = path ?? e.path;
      const h = files.get(p);
      if (!h) return undefined;
      const k = floorIndex(h.at, i);
      const v = k >= 0 ? h.versions[k] : undefined;
      return v && v.eventIndex === i ? versionDiff(v) : undefined;
    },

    cumulativeDiff(path, i, since = 0) {
      const from = Math.max(0, since);
      const now = contentAt(path, i);
      // Follow renames back to the path the file had just before `from`.
      let origin = path;
      let upTo = i;
      for (let guard = 0; guard < 10_000; guard++) {
        const h = files.get(origin);
        if (!h || h.renameIns.length === 0) break;
        const k = floorIndex(h.at, upTo);
        let hop: FileVersion | undefined;
        for (let r = h.renameIns.length - 1; r >= 0; r--) {
          const pos = h.renameIns[r]!;
          if (pos <= k && h.versions[pos]!.eventIndex >= from) {
            hop = h.versions[pos];
            break;
          }
        }
        if (!hop) break;
        // A file created at the path after the rename is a different file: stop there.
        const between = versionsBetween(origin, hop.eventIndex + 1, upTo);
        if (between.some((w) => w.change === 'created')) break;
        origin = hop.renamedFrom!;
        upTo = hop.eventIndex - 1;
      }
      // Like git: the content just before the range against the content now.
      const start = contentAt(origin, from - 1);
      const startExists = start.exists;

      const view: DiffView = {
        path,
        before: startExists ? start.content : '',
        after: now.exists ? now.content : '',
        status: 'ok',
        patches: [],
        version: now.version,
      };
      if (!startExists) view.createdInRange = true;
      if (origin !== path) view.originPath = origin;
      if (view.before === undefined) {
        view.status = 'base-unknown';
        view.reason = start.reason ?? `the content of ${origin} before the range is not in the session`;
      }
      if (view.after === undefined) {
        view.status = now.status === 'no-content' || now.status === 'ok' ? 'unknown' : now.status;
        view.reason = now.reason ?? 'the content is not known';
        if (now.lastKnown !== undefined) view.lastKnown = now.lastKnown;
      }
      if (view.status !== 'ok') {
        // The patches from the first version whose content is unknown onwards, to show as text.
        const vs = versionsBetween(path, from, i);
        let first = vs.length;
        while (first > 0 && vs[first - 1]!.exists && vs[first - 1]!.after === undefined) first--;
        if (view.before === undefined) first = 0;
        for (const w of vs.slice(first)) if (w.event.patch !== undefined) view.patches.push({ eventIndex: w.eventIndex, patch: w.event.patch });
      }
      return view;
    },
  };
}
