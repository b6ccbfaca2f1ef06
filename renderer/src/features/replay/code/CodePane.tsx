import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { SessionEvent } from '../../../../../shared/model/schema';
import { buildWorkspace, type DiffEvent, type DiffView, type FileEntry, type FileState, type Workspace } from '../../../../../shared/replay/workspace';
import { Split } from '../../../components/Split';
import { formatClock } from '../../session/summary';
import { useClock, type ReplayClock } from '../clock';
import type { LoadedSession, PaneProps } from '../types';
import { useScrollSync } from '../scroll-sync';
import { holdScrollWrites } from '../scroll-batch';
import type * as MonacoSetup from './monaco-setup';
import { HunkAnnotations, type DiffEditor } from './HunkAnnotations';
import { usePanelStore } from '../../panel/store';
import './code.css';

type Monaco = typeof MonacoSetup;
type Mode = 'event' | 'start' | 'since';

let monacoLoad: Promise<Monaco> | undefined;
/** Monaco on first use only: the library and the other replay tabs never load it. */
export function loadMonaco(): Promise<Monaco> {
  monacoLoad ??= import('./monaco-setup').catch((err: unknown) => {
    monacoLoad = undefined;
    throw err;
  });
  return monacoLoad;
}

/** One workspace index per loaded session, kept while the session is (tabs remount panes). */
const workspaces = new WeakMap<readonly SessionEvent[], Workspace>();

/** Most snapshot files looked up for patches whose starting content the events do not hold. */
const MAX_SNAPSHOT_LOOKUPS = 500;

function useWorkspace(session: LoadedSession): Workspace {
  const [ws, setWs] = useState(() => {
    let w = workspaces.get(session.events);
    if (!w) workspaces.set(session.events, (w = buildWorkspace(session.events)));
    return w;
  });
  const [forEvents, setForEvents] = useState(session.events);
  if (forEvents !== session.events) {
    // A different session in the same pane: index it now rather than show the old one.
    let w = workspaces.get(session.events);
    if (!w) workspaces.set(session.events, (w = buildWorkspace(session.events)));
    setForEvents(session.events);
    setWs(w);
  }
  useEffect(() => {
    // A patch whose base is not in the events may apply to the archive's workspace snapshot.
    const need = ws.pathsNeedingBase.slice(0, MAX_SNAPSHOT_LOOKUPS);
    if (need.length === 0) return;
    let live = true;
    void Promise.all(
      need.map(async (p) => {
        const blob = await session.loadBlob(`workspace/${p.replace(/^\.?\//, '')}`).catch(() => undefined);
        return [p, blob ? await blob.text() : undefined] as const;
      }),
    ).then((pairs) => {
      const found = new Map(pairs.filter((x): x is readonly [string, string] => x[1] !== undefined));
      if (!live || found.size === 0) return;
      const w = buildWorkspace(session.events, { initialContent: (p) => found.get(p) });
      workspaces.set(session.events, w);
      setWs(w);
    });
    return () => {
      live = false;
    };
  }, [ws, session]);
  return ws;
}

const STATE_MARK: Record<FileState, { letter: string; title: string }> = {
  created: { letter: 'A', title: 'created in this session' },
  modified: { letter: 'M', title: 'modified' },
  deleted: { letter: 'D', title: 'deleted' },
  renamed: { letter: 'R', title: 'renamed' },
  'renamed-away': { letter: 'R', title: 'renamed away' },
};

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
function dirName(path: string): string {
  return path.slice(0, Math.max(0, path.lastIndexOf('/')));
}

type Row = { kind: 'dir'; dir: string } | { kind: 'file'; entry: FileEntry };

const ROW_H = 24;
/** Keeps a path's slashes and dots in place when it is truncated from the left (direction: rtl). */
const LRM = '\u200e';

const FileRow = memo(function FileRow({
  entry,
  selected,
  nested,
  onPick,
}: {
  entry: FileEntry;
  selected: boolean;
  nested: boolean;
  onPick: (path: string) => void;
}) {
  const mark = STATE_MARK[entry.state];
  const gone = entry.state === 'deleted' || entry.state === 'renamed-away';
  const to = entry.version.renamedTo;
  const title = `${entry.path} — ${mark.title}${to ? ` to ${to}` : ''}${entry.changedNow ? ', changed by the current event' : ''}${entry.contentUnknown ? '; content unknown' : ''}`;
  return (
    <button
      type="button"
      className={`code-file state-${entry.state} ${entry.changedNow ? 'now' : ''} ${selected ? 'selected' : ''} ${nested ? 'nested' : ''}`}
      data-testid="code-file"
      data-path={entry.path}
      data-state={entry.state}
      data-now={entry.changedNow ? 'true' : undefined}
      aria-current={selected ? 'true' : undefined}
      title={title}
      onClick={() => onPick(entry.path)}
    >
      <span className={`code-mark mark-${entry.state}`} aria-hidden="true">
        {mark.letter}
      </span>
      <span className={`code-name ${gone ? 'gone' : ''}`}>{baseName(entry.path)}</span>
      {to && <span className="code-to muted">→ {baseName(to)}</span>}
      {entry.contentUnknown && (
        <span className="code-warn" aria-label="content unknown">
          ?
        </span>
      )}
      <span className="sr-only">{`, ${mark.title}${entry.changedNow ? ', changed now' : ''}`}</span>
    </button>
  );
});

/**
 * The files at event index i, the last answer kept per workspace: on a seek the tree's clock
 * listener asks first, before React renders, and the render then takes the same array.
 */
const lastFiles = new WeakMap<Workspace, { i: number; entries: FileEntry[] }>();
function filesAt(ws: Workspace, i: number): FileEntry[] {
  const last = lastFiles.get(ws);
  if (last?.i === i) return last.entries;
  const entries = ws.filesAt(i);
  lastFiles.set(ws, { i, entries });
  return entries;
}

/** The tree's rows: files in path order, each directory's name above its first file. */
const rowsOf = new WeakMap<readonly FileEntry[], Row[]>();
function treeRows(entries: readonly FileEntry[]): Row[] {
  let rows = rowsOf.get(entries);
  if (!rows) rowsOf.set(entries, (rows = buildTreeRows(entries)));
  return rows;
}
function buildTreeRows(entries: readonly FileEntry[]): Row[] {
  const out: Row[] = [];
  let dir: string | undefined;
  for (const entry of entries) {
    const d = dirName(entry.path);
    if (d !== dir) {
      dir = d;
      if (d) out.push({ kind: 'dir', dir: d });
    }
    out.push({ kind: 'file', entry });
  }
  return out;
}

const rowOfPath = (rows: readonly Row[], path: string | null) => rows.findIndex((r) => r.kind === 'file' && r.entry.path === path);

/** The file the pane follows at event index i: that of the latest diff. */
function followedPath(ws: Workspace, events: readonly SessionEvent[], i: number): string | null {
  const last = ws.lastDiffAt(i);
  return last >= 0 ? (events[last] as DiffEvent).path : null;
}

/** Where the tree will be at a moment: its row count and the selected file's row (-1: none). */
type TreeAt = (t: number) => { rows: number; selected: number };

function FileTree({ entries, selected, onPick, clock, at }: { entries: FileEntry[]; selected: string | null; onPick: (path: string) => void; clock: ReplayClock; at: TreeAt }) {
  const rows = useMemo(() => treeRows(entries), [entries]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const sync = useScrollSync(scrollRef);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer returns fresh functions by design
  const v = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_H, overscan: 10, useFlushSync: false, observeElementOffset: sync.observeElementOffset });
  const selectedRow = useMemo(() => rowOfPath(rows, selected), [rows, selected]);

  // Bring the selected file into view when the selection moves to another row, not on every
  // clock tick (a reviewer may be looking elsewhere in the tree while the replay plays). On a
  // seek, from a clock listener that runs before React renders it: the render already holds the
  // row, and the write waits for its commit, where it lays out every pane's new content once,
  // in the seek's task rather than in the frame after it (scroll-batch.ts).
  useLayoutEffect(() => {
    let shown = -2;
    return clock.subscribe((s) =>
      holdScrollWrites(() => {
        const { rows, selected } = at(s.t);
        if (selected === shown) return;
        shown = selected;
        if (selected >= 0) sync.reveal(selected * ROW_H, (selected + 1) * ROW_H, rows * ROW_H, 1 / 3);
      }),
    );
  }, [clock, at, sync]);
  // And in the commit when the selection changes otherwise (the reviewer picked a file).
  const total = rows.length * ROW_H;
  const totalRef = useRef(total);
  useLayoutEffect(() => {
    totalRef.current = total;
  });
  useLayoutEffect(() => {
    if (selectedRow >= 0) sync.reveal(selectedRow * ROW_H, (selectedRow + 1) * ROW_H, totalRef.current, 1 / 3);
  }, [selectedRow, sync]);

  if (entries.length === 0) return <p className="code-tree-empty muted small">No file has changed yet at this moment.</p>;
  return (
    <div className="code-tree" ref={scrollRef} role="group" aria-label="Files changed so far">
      <div style={{ height: v.getTotalSize(), position: 'relative' }}>
        {v.getVirtualItems().map((vi) => {
          const r = rows[vi.index]!;
          return (
            <div key={vi.key} className="code-row" style={{ height: ROW_H, transform: `translateY(${vi.start}px)` }}>
              {r.kind === 'dir' ? (
                <div className="code-dir muted" title={r.dir}>
                  {LRM}
                  {r.dir}/{LRM}
                </div>
              ) : (
                <FileRow entry={r.entry} selected={r.entry.path === selected} nested={dirName(r.entry.path) !== ''} onPick={onPick} />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** Raw patches are text in the DOM: bounded, so a runaway patch cannot stall a seek. */
const MAX_PATCHES = 20;
const MAX_PATCH_LINES = 5000;

function patchLineClass(line: string): string {
  if (line.startsWith('+++') || line.startsWith('---') || line.startsWith('===') || line.startsWith('Index:') || line.startsWith('diff ')) return 'ph';
  if (line.startsWith('@@')) return 'pa';
  if (line.startsWith('+')) return 'pp';
  if (line.startsWith('-')) return 'pm';
  return '';
}

/** A raw unified diff, coloured by line, for patches that could not be turned into content. */
const PatchText = memo(function PatchText({ patches, events }: { patches: DiffView['patches']; events: readonly SessionEvent[] }) {
  const shown = patches.slice(-MAX_PATCHES);
  return (
    <div className="code-patches" data-testid="code-raw-patch">
      {patches.length > shown.length && <p className="muted small">{patches.length - shown.length} earlier patches are not shown.</p>}
      {shown.map((p) => (
        <section key={p.eventIndex}>
          <h4 className="muted small">
            Patch of {events[p.eventIndex]!.id} at {formatClock(events[p.eventIndex]!.t)}
          </h4>
          <pre className="code-patch">
            <code className="code-patch-lines">
              {p.patch
                .replace(/\n$/, '')
                .split('\n')
                .slice(0, MAX_PATCH_LINES)
                .map((line, k) => (
                  <span key={k} className={patchLineClass(line)}>
                    {line || ' '}
                  </span>
                ))}
            </code>
          </pre>
          {p.patch.split('\n').length > MAX_PATCH_LINES + 1 && <p className="muted small">The patch is cut at {MAX_PATCH_LINES.toLocaleString()} lines.</p>}
        </section>
      ))}
    </div>
  );
});


interface Shown {
  original: string;
  modified: string;
  language: string;
  key: string;
}

/** The last annotated-hunk request the pane followed (a pane remounted later does not follow it again). */
let followedReveal = 0;

/** Below this width (px) the diff is shown inline, above it side by side. */
const SIDE_BY_SIDE_MIN_WIDTH = 720;

/**
 * One Monaco diff editor and one pair of text models for the pane's lifetime: a new diff
 * replaces the models' text (see showTexts), much cheaper than a new editor or new models.
 */
function MonacoDiff({ monaco, shown, collapse, wrap, dark, hidden, onEditor }: { monaco: Monaco; shown: Shown | null; collapse: boolean; wrap: boolean; dark: boolean; hidden: boolean; onEditor: (editor: DiffEditor | null) => void }) {
  const hostRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<DiffEditor | null>(null);
  const current = useRef<Shown | null>(null);

  useLayoutEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    let sideBySide = host.clientWidth > SIDE_BY_SIDE_MIN_WIDTH;
    const editor = monaco.monaco.editor.createDiffEditor(host, {
      readOnly: true,
      originalEditable: false,
      automaticLayout: true,
      // Side by side when the pane is wide enough, inline when not: decided below, not by
      // Monaco's own breakpoint (useInlineViewWhenSpaceIsLimited). When a window is dragged
      // wider across that breakpoint, Monaco switches to a "temporary" inline view that ends only
      // when the editor gets new models, and this pane keeps its models (see showTexts).
      renderSideBySide: sideBySide,
      useInlineViewWhenSpaceIsLimited: false,
      ignoreTrimWhitespace: false,
      renderOverviewRuler: false,
      // Nor each editor's own overview ruler in the scrollbar, a canvas redrawn on every swap.
      overviewRulerLanes: 0,
      overviewRulerBorder: false,
      // Read-only: no revert arrows or gutter menu. The gutter also re-measured the DOM on
      // every model swap, a few ms per seek.
      renderGutterMenu: false,
      renderMarginRevertIcon: false,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      fontSize: 12.5,
      lineNumbersMinChars: 3,
      glyphMargin: false,
      folding: false,
      renderLineHighlight: 'none',
      // Indentation guides measure text positions on every render; a diff reads fine without.
      guides: { indentation: false },
      contextmenu: false,
      // Per-model work a read-only diff does not need: each of these runs again on every
      // model swap, that is, on every seek.
      bracketPairColorization: { enabled: false },
      matchBrackets: 'never',
      unicodeHighlight: { ambiguousCharacters: false, invisibleCharacters: false, nonBasicASCII: false },
      occurrencesHighlight: 'off',
      selectionHighlight: false,
      links: false,
      colorDecorators: false,
      codeLens: false,
      inlayHints: { enabled: 'off' },
      hover: { enabled: 'off' },
      quickSuggestions: false,
      stickyScroll: { enabled: false },
      editContext: false,
      hideUnchangedRegions: { enabled: true, contextLineCount: 3, minimumLineCount: 3, revealLineCount: 20 },
    });
    editorRef.current = editor;
    onEditor(editor);
    const widthObserver = new ResizeObserver(() => {
      const wide = host.clientWidth > SIDE_BY_SIDE_MIN_WIDTH;
      if (wide === sideBySide) return;
      sideBySide = wide;
      editor.updateOptions({ renderSideBySide: wide });
    });
    widthObserver.observe(host);
    // In the inline view the original editor shows only its line numbers; its text is clipped
    // away (deleted lines are drawn in the modified editor). Monaco still renders that text on
    // every model swap, so while it is hidden render one character of each line, and leave its
    // text layers out of the page's style, layout and paint (class inline-original, code.css).
    const original = editor.getOriginalEditor();
    let cut: boolean | undefined;
    const fitOriginal = () => {
      const hidden = original.getLayoutInfo().contentWidth < 8;
      if (hidden === cut) return;
      cut = hidden;
      host.classList.toggle('inline-original', hidden);
      original.updateOptions({ stopRenderingLineAfter: hidden ? 1 : 10000 });
    };
    fitOriginal();
    // After the layout event, not inside it: changing options while Monaco delivers a change of
    // options is asking for the two to cross.
    let live = true;
    const layoutSub = original.onDidLayoutChange(() => queueMicrotask(() => live && fitOriginal()));
    const sub = editor.onDidUpdateDiff(() => {
      host.dataset.diffReady = current.current?.key ?? '';
      host.dataset.diffSync = String(monaco.diffStats.sync);
      host.dataset.diffOverBudget = String(monaco.diffStats.overBudget);
      const changes = editor.getLineChanges();
      if (changes && changes.length > 0) editor.revealFirstDiff();
    });
    return () => {
      widthObserver.disconnect();
      sub.dispose();
      live = false;
      layoutSub.dispose();
      const model = editor.getModel();
      editor.dispose();
      model?.original.dispose();
      model?.modified.dispose();
      editorRef.current = null;
      current.current = null;
      onEditor(null);
    };
  }, [monaco, onEditor]);

  useLayoutEffect(() => {
    editorRef.current?.updateOptions({ hideUnchangedRegions: { enabled: collapse }, wordWrap: wrap ? 'on' : 'off' });
  }, [collapse, wrap]);

  useEffect(() => {
    monaco.applyTheme(dark);
  }, [monaco, dark]);

  useLayoutEffect(() => {
    const editor = editorRef.current;
    const host = hostRef.current;
    if (!editor || !host || !shown) return;
    const prev = current.current;
    if (prev && prev.original === shown.original && prev.modified === shown.modified && prev.language === shown.language) {
      current.current = shown;
      host.dataset.shown = shown.key;
      host.dataset.diffReady = shown.key;
      return;
    }
    current.current = shown;
    monaco.showTexts(editor, shown.original, shown.modified, shown.language);
    host.dataset.shown = shown.key;
  }, [monaco, shown]);

  return <div className={`code-editor ${hidden ? 'hidden' : ''}`} ref={hostRef} data-testid="code-editor" data-diff-source={monaco.diffSource} data-diff-ported={String(monaco.diffPorted)} />;
}

function usePrefersDark(): boolean {
  const [dark, setDark] = useState(() => window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false);
  useEffect(() => {
    const mq = window.matchMedia?.('(prefers-color-scheme: dark)');
    if (!mq) return;
    const on = () => setDark(mq.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, []);
  return dark;
}

function describeChange(e: DiffEvent): string {
  if (e.change === 'renamed' && e.oldPath) return `renamed from ${e.oldPath}`;
  return e.change;
}

const STATUS_TEXT: Record<Exclude<DiffView['status'], 'ok'>, string> = {
  unapplied: 'Patch did not apply',
  'base-unknown': 'Content before this change is unknown',
  unknown: 'Content unknown',
};

/**
 * The Code pane: the files the session has changed up to the playhead, and a read-only diff
 * of the selected file (this event's change, everything since the start, or since a chosen
 * event). Follows the clock: a diff event selects its file unless the reviewer pinned one.
 */
export function CodePane({ session, clock }: PaneProps) {
  const ws = useWorkspace(session);
  const { events } = session;
  const current = useClock(clock, (s) => session.index.indexAt(s.t));
  const [pinned, setPinned] = useState<string | null>(null);
  const [mode, setMode] = useState<Mode>('event');
  const [since, setSince] = useState<number | null>(null);
  const [collapse, setCollapse] = useState(true);
  const [wrap, setWrap] = useState(true);
  const [monaco, setMonaco] = useState<Monaco | null>(null);
  const [loadError, setLoadError] = useState<string>();
  const [diffEditor, setDiffEditor] = useState<DiffEditor | null>(null);
  const dark = usePrefersDark();

  // An annotated hunk asked for (open-annotation.ts): its file's own change; HunkAnnotations reveals it.
  useEffect(() => {
    const follow = (r: ReturnType<typeof usePanelStore.getState>['revealHunk']) => {
      if (!r || r.nonce === followedReveal) return;
      followedReveal = r.nonce;
      setPinned(r.hunk.file);
      setMode('event');
    };
    // Asked for before this pane mounted (the tab opens because of it), or while it is open.
    const pending = usePanelStore.getState().revealHunk;
    if (pending) queueMicrotask(() => follow(pending));
    return usePanelStore.subscribe((s, prev) => {
      if (s.revealHunk !== prev.revealHunk) follow(s.revealHunk);
    });
  }, []);

  useEffect(() => {
    let live = true;
    loadMonaco().then(
      (m) => live && setMonaco(m),
      (err: unknown) => live && setLoadError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      live = false;
    };
  }, []);

  const entries = useMemo(() => filesAt(ws, current), [ws, current]);
  const selected = pinned ?? followedPath(ws, events, current);
  const version = selected ? ws.versionAt(selected, current) : undefined;

  const sinceIndex = since === null ? null : Math.min(since, current + 1);
  const view = useMemo<DiffView | null>(() => {
    if (!selected || !version) return null;
    if (mode === 'event') return ws.changeAt(selected, current);
    if (mode === 'start') return ws.cumulativeDiff(selected, current, 0);
    return ws.cumulativeDiff(selected, current, sinceIndex ?? version.eventIndex);
  }, [ws, selected, version, mode, current, sinceIndex]);

  const language = useMemo(() => (monaco && selected ? monaco.languageForPath(selected) : 'plaintext'), [monaco, selected]);

  // What the editor shows. Unknown content falls back to what is known, marked by a banner.
  const shown = useMemo<Shown | null>(() => {
    if (!view) return null;
    const after = view.after ?? view.lastKnown;
    const before = view.before ?? after;
    if (after === undefined || before === undefined) return null;
    const key = `${mode}:${view.path}:${view.version?.eventIndex ?? -1}:${mode === 'since' ? (sinceIndex ?? '') : ''}`;
    return { original: before, modified: after, language, key };
  }, [view, language, mode, sinceIndex]);

  const sinceOptions = useMemo(() => (selected ? ws.versionsOf(selected, current) : []), [ws, selected, current]);

  const pick = useCallback((path: string) => setPinned(path), []);
  const pinnedRef = useRef(pinned);
  useLayoutEffect(() => {
    pinnedRef.current = pinned;
  });
  // Called on every clock change, each frame while playing: the files and rows of an event are
  // kept (filesAt, treeRows), so a tick that stays on the same event only looks up a row.
  const treeAt = useCallback<TreeAt>(
    (t) => {
      const i = session.index.indexAt(t);
      const rows = treeRows(filesAt(ws, i));
      return { rows: rows.length, selected: rowOfPath(rows, pinnedRef.current ?? followedPath(ws, events, i)) };
    },
    [session.index, ws, events],
  );

  const chooseMode = (m: Mode) => {
    setMode(m);
    if (m === 'since' && since === null && version) setSince(version.eventIndex);
  };

  const known = version !== undefined;
  const ev = version?.event;
  const showRaw = view !== null && view.status !== 'ok' && view.patches.length > 0 && view.after === undefined;
  const sinceEvent = since !== null ? events[since] : undefined;

  return (
    <div className="code-pane" data-testid="code-pane" data-mode={mode} data-selected={selected ?? ''}>
      <div className="code-toolbar" role="toolbar" aria-label="Code view">
        <div className="code-modes" role="radiogroup" aria-label="Diff to show">
          {(
            [
              ['event', 'This change'],
              ['start', 'Since start'],
              ['since', 'Since event…'],
            ] as const
          ).map(([m, label]) => (
            <button key={m} type="button" role="radio" aria-checked={mode === m} className={`code-mode ${mode === m ? 'on' : ''}`} onClick={() => chooseMode(m)}>
              {label}
            </button>
          ))}
        </div>
        {mode === 'since' && (
          <select
            className="code-since"
            aria-label="Show changes since event"
            value={since === null ? '' : String(since)}
            onChange={(e) => setSince(e.target.value === '' ? null : Number(e.target.value))}
          >
            {since !== null && !sinceOptions.some((o) => o.eventIndex === since) && sinceEvent && (
              <option value={String(since)}>
                {formatClock(sinceEvent.t)} · {sinceEvent.id}
                {sinceEvent.kind === 'diff' ? ` · ${baseName(sinceEvent.path)}` : ''}
              </option>
            )}
            {since === null && <option value="">choose an event…</option>}
            {sinceOptions.map((o) => (
              <option key={o.eventIndex} value={String(o.eventIndex)}>
                {formatClock(o.event.t)} · {o.event.id} · {describeChange(o.event)}
              </option>
            ))}
          </select>
        )}
        <div className="spacer" />
        <label className="toggle small" title="Hide unchanged lines around the changes">
          <input type="checkbox" checked={collapse} onChange={(e) => setCollapse(e.target.checked)} /> Fold
        </label>
        <label className="toggle small" title="Wrap long lines">
          <input type="checkbox" checked={wrap} onChange={(e) => setWrap(e.target.checked)} /> Wrap
        </label>
      </div>
      <Split id="code-pane" direction="row" initial={[0.32, 0.68]} min={0.12}>
        <FileTree entries={entries} selected={selected} onPick={pick} clock={clock} at={treeAt} />
        <div className="code-main">
          {selected && (
            <div className="code-head">
              <span className="code-path" title={selected}>
                {LRM}
                <span data-testid="code-path">{selected}</span>
                {LRM}
              </span>
              {ev && (
                <button className="btn link small" onClick={() => clock.seek(ev.t)} title={`Go to ${ev.id}`}>
                  {describeChange(ev)} at {formatClock(ev.t)}
                </button>
              )}
              {version?.renamedTo && (
                <button className="btn link small" onClick={() => setPinned(version.renamedTo!)}>
                  → {version.renamedTo}
                </button>
              )}
              <div className="spacer" />
              {/* Following is the default and needs no label; a pinned file says so and offers the way back. */}
              {pinned && (
                <button className="btn small" onClick={() => setPinned(null)} title="Select each changed file as the replay reaches it" data-testid="code-follow">
                  Pinned · follow
                </button>
              )}
            </div>
          )}
          {mode === 'since' && since !== null && since > current && (
            <p className="code-banner info">The chosen event comes after the playhead, so nothing has changed since it yet.</p>
          )}
          {view && view.status !== 'ok' && (
            <div className={`code-banner ${view.status === 'unapplied' ? 'error' : 'warn'}`} data-testid={view.status === 'unapplied' ? 'code-unapplied' : 'code-unknown'} role="status">
              <strong>{STATUS_TEXT[view.status]}.</strong> {view.reason ? `${view.reason[0]!.toUpperCase()}${view.reason.slice(1)}.` : ''}{' '}
              {showRaw
                ? 'The raw patch is shown below.'
                : view.after === undefined && view.lastKnown !== undefined
                  ? 'Showing the last content that is known.'
                  : view.before === undefined && view.after !== undefined
                    ? 'Showing the file as it is now.'
                    : ''}
            </div>
          )}
          {view?.originPath && mode !== 'event' && <p className="code-note muted small">Followed back through a rename from {view.originPath}.</p>}
          {!selected && <p className="pane-empty muted">No file has changed yet. Files appear here as the session edits them.</p>}
          {selected && !known && <p className="pane-empty muted">{selected} has not been changed yet at this moment.</p>}
          {loadError && <p className="code-banner error">The code viewer could not load: {loadError}</p>}
          {showRaw && <PatchText patches={view.patches} events={events} />}
          {monaco && selected && mode === 'event' && ev && shown && !showRaw && (
            <HunkAnnotations monaco={monaco} editor={diffEditor} session={session} clock={clock} file={selected} event={ev} />
          )}
          {monaco ? (
            <MonacoDiff monaco={monaco} shown={shown} collapse={collapse} wrap={wrap} dark={dark} hidden={!known || showRaw || !shown} onEditor={setDiffEditor} />
          ) : (
            !loadError && known && <p className="pane-empty muted">Loading the code viewer…</p>
          )}
        </div>
      </Split>
    </div>
  );
}
