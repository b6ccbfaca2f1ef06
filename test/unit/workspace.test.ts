import { createTwoFilesPatch } from 'diff';
import { describe, expect, it } from 'vitest';
import type { EventOf, SessionEvent } from '../../shared/model/schema';
import { buildWorkspace, type Workspace } from '../../shared/replay/workspace';
import { generateLargeSession, generateSample } from '../../shared/samples';

type Diff = EventOf<'diff'>;
let n = 0;
function diff(t: number, fields: Omit<Diff, 'id' | 't' | 'actor' | 'kind'>): Diff {
  return { id: `d${++n}`, t, actor: 'agent', kind: 'diff', ...fields };
}
function other(t: number): SessionEvent {
  return { id: `p${++n}`, t, actor: 'candidate', kind: 'prompt', text: 'go on' };
}
function patch(path: string, before: string, after: string): string {
  return createTwoFilesPatch(`a/${path}`, `b/${path}`, before, after);
}

const V1 = 'export const a = 1;\nexport const b = 2;\nexport const c = 3;\n';
const V2 = 'export const a = 1;\nexport const b = 20;\nexport const c = 3;\n';
const V3 = 'export const a = 1;\nexport const b = 20;\nexport const c = 3;\nexport const d = 4;\n';
const CFG = 'port=80\nhost=localhost\n';

/** A session using every form: before/after, patches, create, delete, rename. */
function mixedSession(): SessionEvent[] {
  return [
    other(0), // 0
    diff(100, { path: 'src/a.ts', change: 'created', after: V1 }), // 1
    other(150), // 2
    diff(200, { path: 'src/a.ts', change: 'modified', patch: patch('src/a.ts', V1, V2) }), // 3 patch on known content
    diff(300, { path: 'config.ini', change: 'modified', before: CFG, after: 'port=8080\nhost=localhost\n' }), // 4 pre-existing file
    diff(400, { path: 'src/a.ts', change: 'modified', before: V2, after: V3 }), // 5
    diff(500, { path: 'src/b.ts', change: 'created', patch: '--- /dev/null\n+++ b/src/b.ts\n@@ -0,0 +1,2 @@\n+one\n+two\n' }), // 6 created by patch
    diff(600, { path: 'src/c.ts', oldPath: 'src/b.ts', change: 'renamed', patch: patch('src/c.ts', 'one\ntwo\n', 'one\nTWO\n') }), // 7 rename with change
    other(650), // 8
    diff(700, { path: 'config.ini', change: 'deleted' }), // 9
    diff(800, { path: 'src/d.ts', oldPath: 'src/a.ts', change: 'renamed' }), // 10 pure rename
    other(900), // 11
  ];
}

/** Everything observable at event index i, as plain data. */
function snapshot(ws: Workspace, i: number) {
  return {
    files: ws.filesAt(i).map((f) => ({ path: f.path, state: f.state, at: f.version.eventIndex, now: f.changedNow, unknown: f.contentUnknown })),
    contents: ws.paths.map((p) => {
      const c = ws.contentAt(p, i);
      return [p, c.exists, c.content, c.status];
    }),
    cumulative: ws.paths.map((p) => {
      const d = ws.cumulativeDiff(p, i);
      return [p, d.before, d.after, d.status];
    }),
  };
}

describe('workspace reconstruction', () => {
  it('seeking forwards, backwards or at random gives the same state', () => {
    const events = mixedSession();
    const ws = buildWorkspace(events);
    const forwards = events.map((_, i) => snapshot(ws, i));
    const backwards: ReturnType<typeof snapshot>[] = [];
    for (let i = events.length - 1; i >= 0; i--) backwards[i] = snapshot(ws, i);
    expect(backwards).toEqual(forwards);
    const order = [7, 2, 11, 0, 5, 3, 9, 1, 10, 4, 8, 6];
    for (const i of order) expect(snapshot(ws, i)).toEqual(forwards[i]);
    // A fresh build seeked straight to the end agrees with one walked there.
    expect(snapshot(buildWorkspace(events), 11)).toEqual(forwards[11]);
  });

  it('knows no file before its first diff, and a pre-existing file by its first diff’s before', () => {
    const ws = buildWorkspace(mixedSession());
    expect(ws.filesAt(0)).toEqual([]);
    expect(ws.filesAt(-1)).toEqual([]);
    expect(ws.filesAt(2).map((f) => f.path)).toEqual(['src/a.ts']);
    // config.ini is first touched at 4 but existed before: its content then is the diff's before.
    const early = ws.contentAt('config.ini', 1);
    expect(early).toMatchObject({ exists: true, content: CFG, version: undefined, status: 'ok' });
    // src/a.ts is created at 1: before that it did not exist.
    expect(ws.contentAt('src/a.ts', 0)).toMatchObject({ exists: false, content: undefined });
    expect(ws.contentAt('nowhere.ts', 5)).toMatchObject({ exists: false, content: undefined });
    expect(ws.versionAt('src/a.ts', 0)).toBeUndefined();
  });

  it('follows before/after and patch forms alike', () => {
    const ws = buildWorkspace(mixedSession());
    expect(ws.contentAt('src/a.ts', 1).content).toBe(V1);
    expect(ws.contentAt('src/a.ts', 2).content).toBe(V1);
    expect(ws.contentAt('src/a.ts', 3)).toMatchObject({ content: V2, status: 'ok' });
    expect(ws.contentAt('src/a.ts', 5).content).toBe(V3);
    expect(ws.contentAt('src/b.ts', 6).content).toBe('one\ntwo\n');
    // The event's own diff, in either form.
    expect(ws.eventDiff(3)).toMatchObject({ path: 'src/a.ts', before: V1, after: V2, status: 'ok', patches: [] });
    expect(ws.eventDiff(5)).toMatchObject({ before: V2, after: V3 });
    expect(ws.eventDiff(1)).toMatchObject({ before: '', after: V1 });
    expect(ws.eventDiff(2)).toBeUndefined(); // not a diff
    // The latest change at a later, non-diff moment.
    expect(ws.changeAt('src/a.ts', 4)).toMatchObject({ before: V1, after: V2, version: { eventIndex: 3 } });
    expect(ws.lastDiffAt(2)).toBe(1);
    expect(ws.lastDiffAt(0)).toBe(-1);
    expect(ws.eventIndexAt(650)).toBe(8);
  });

  it('tracks created, modified, deleted and renamed files in the tree', () => {
    const ws = buildWorkspace(mixedSession());
    const at = (i: number) => Object.fromEntries(ws.filesAt(i).map((f) => [f.path, f.state]));
    expect(at(4)).toEqual({ 'config.ini': 'modified', 'src/a.ts': 'created' });
    expect(at(7)).toEqual({ 'config.ini': 'modified', 'src/a.ts': 'created', 'src/b.ts': 'renamed-away', 'src/c.ts': 'renamed' });
    expect(at(9)['config.ini']).toBe('deleted');
    expect(at(10)).toEqual({ 'config.ini': 'deleted', 'src/a.ts': 'renamed-away', 'src/b.ts': 'renamed-away', 'src/c.ts': 'renamed', 'src/d.ts': 'renamed' });
    expect(ws.filesAt(10).map((f) => f.path)).toEqual(['config.ini', 'src/a.ts', 'src/b.ts', 'src/c.ts', 'src/d.ts']);
    expect(ws.contentAt('config.ini', 9)).toMatchObject({ exists: false, content: undefined, status: 'ok' });
    expect(ws.contentAt('src/c.ts', 7).content).toBe('one\nTWO\n');
    expect(ws.contentAt('src/b.ts', 7).exists).toBe(false);
    expect(ws.contentAt('src/d.ts', 10)).toMatchObject({ exists: true, content: V3 });
    expect(ws.versionAt('src/a.ts', 10)).toMatchObject({ renamedTo: 'src/d.ts', exists: false });
    expect(ws.versionAt('src/d.ts', 10)).toMatchObject({ renamedFrom: 'src/a.ts' });
    // The deletion's own diff: everything removed.
    expect(ws.eventDiff(9)).toMatchObject({ before: 'port=8080\nhost=localhost\n', after: '' });
    // A rename event seen from the old path.
    expect(ws.eventDiff(7, 'src/b.ts')).toMatchObject({ before: 'one\ntwo\n', after: '' });
    expect(ws.eventDiff(7)).toMatchObject({ path: 'src/c.ts', before: 'one\ntwo\n', after: 'one\nTWO\n' });
  });

  it('highlights every file changed at the current instant', () => {
    const events: SessionEvent[] = [
      diff(10, { path: 'a', change: 'created', after: 'a\n' }),
      diff(50, { path: 'b', change: 'created', after: 'b\n' }),
      diff(50, { path: 'c', change: 'created', after: 'c\n' }),
      other(60),
    ];
    const ws = buildWorkspace(events);
    expect(ws.filesAt(2).filter((f) => f.changedNow).map((f) => f.path)).toEqual(['b', 'c']);
    expect(ws.filesAt(1).filter((f) => f.changedNow).map((f) => f.path)).toEqual(['b']);
    expect(ws.filesAt(3).filter((f) => f.changedNow)).toEqual([]);
  });

  it('gives the cumulative diff since the start and since an event, across renames and deletions', () => {
    const ws = buildWorkspace(mixedSession());
    expect(ws.cumulativeDiff('src/a.ts', 5)).toMatchObject({ before: '', after: V3, status: 'ok', createdInRange: true });
    // Since event 3 (inclusive): from the content just before it.
    expect(ws.cumulativeDiff('src/a.ts', 5, 3)).toMatchObject({ before: V1, after: V3 });
    expect(ws.cumulativeDiff('src/a.ts', 5, 4)).toMatchObject({ before: V2, after: V3 });
    // Since an event after the last change: no change.
    const none = ws.cumulativeDiff('src/a.ts', 5, 6);
    expect(none.before).toBe(none.after);
    // A pre-existing file starts from its first diff's before; deleted, it ends empty.
    expect(ws.cumulativeDiff('config.ini', 11)).toMatchObject({ before: CFG, after: '', status: 'ok' });
    expect(ws.cumulativeDiff('config.ini', 11).createdInRange).toBeUndefined();
    // A renamed file is followed back to where it started.
    expect(ws.cumulativeDiff('src/d.ts', 11)).toMatchObject({ before: '', after: V3, originPath: 'src/a.ts', createdInRange: true });
    expect(ws.cumulativeDiff('src/d.ts', 11, 3)).toMatchObject({ before: V1, after: V3, originPath: 'src/a.ts' });
    expect(ws.cumulativeDiff('src/d.ts', 11, 10)).toMatchObject({ before: V3, after: V3, originPath: 'src/a.ts' });
    expect(ws.cumulativeDiff('src/c.ts', 11, 7)).toMatchObject({ before: 'one\ntwo\n', after: 'one\nTWO\n', originPath: 'src/b.ts' });
    expect(ws.cumulativeDiff('src/c.ts', 11, 8)).toMatchObject({ before: 'one\nTWO\n', after: 'one\nTWO\n' });
    expect(ws.cumulativeDiff('src/c.ts', 11, 8).originPath).toBeUndefined();
  });

  it('represents a patch that does not apply, and recovers at the next full content', () => {
    const events: SessionEvent[] = [
      diff(10, { path: 'x.py', change: 'created', after: 'a = 1\nb = 2\n' }),
      diff(20, { path: 'x.py', change: 'modified', patch: patch('x.py', 'totally\ndifferent\n', 'totally\nchanged\n') }), // 1: does not apply
      diff(30, { path: 'x.py', change: 'modified', patch: patch('x.py', 'a = 1\nb = 2\n', 'a = 1\nb = 3\n') }), // 2: base now unknown
      diff(40, { path: 'x.py', change: 'modified', patch: 'this is not a patch at all' }), // 3
      diff(50, { path: 'x.py', change: 'modified', after: 'fresh\n' }), // 4: recovers
      diff(60, { path: 'x.py', change: 'modified', patch: '--- a/x.py\n+++ b/x.py\n@@ -1,1 +1,1 @@\n' }), // 5: malformed hunk
    ];
    let ws!: Workspace;
    expect(() => (ws = buildWorkspace(events))).not.toThrow();
    const bad = ws.contentAt('x.py', 1);
    expect(bad).toMatchObject({ exists: true, content: undefined, status: 'unapplied', lastKnown: 'a = 1\nb = 2\n' });
    expect(bad.reason).toMatch(/does not apply/);
    expect(bad.reason).toMatch(/hunk 1 of 1/);
    const own = ws.eventDiff(1)!;
    expect(own).toMatchObject({ status: 'unapplied', before: 'a = 1\nb = 2\n', after: undefined, lastKnown: 'a = 1\nb = 2\n' });
    expect(own.patches).toEqual([{ eventIndex: 1, patch: (events[1] as Diff).patch }]);
    const next = ws.contentAt('x.py', 2);
    expect(next).toMatchObject({ content: undefined, status: 'base-unknown', lastKnown: 'a = 1\nb = 2\n' });
    expect(next.reason).toMatch(/unknown since d/);
    expect(ws.contentAt('x.py', 3).content).toBeUndefined();
    expect(ws.filesAt(3)[0]).toMatchObject({ contentUnknown: true });
    // The cumulative diff cannot be reconstructed: it keeps the last known text and every raw patch since.
    const cum = ws.cumulativeDiff('x.py', 3);
    expect(cum).toMatchObject({ before: '', after: undefined, status: 'base-unknown', lastKnown: 'a = 1\nb = 2\n' });
    expect(cum.patches.map((p) => p.eventIndex)).toEqual([1, 2, 3]);
    expect(ws.contentAt('x.py', 4)).toMatchObject({ content: 'fresh\n', status: 'ok' });
    expect(ws.cumulativeDiff('x.py', 4)).toMatchObject({ before: '', after: 'fresh\n', status: 'ok', patches: [] });
    expect(ws.contentAt('x.py', 5).status).toBe('unapplied');
  });

  it('shows a patch against content the session never showed as the patch itself, unless a snapshot supplies it', () => {
    const body = 'def f():\n    return 1\n';
    const changed = 'def f():\n    return 2\n';
    const p = patch('lib/f.py', body, changed);
    const events: SessionEvent[] = [other(0), diff(10, { path: 'lib/f.py', change: 'modified', patch: p })];
    const ws = buildWorkspace(events);
    expect(ws.pathsNeedingBase).toEqual(['lib/f.py']);
    const d = ws.eventDiff(1)!;
    expect(d).toMatchObject({ status: 'base-unknown', before: undefined, after: undefined, patches: [{ eventIndex: 1, patch: p }] });
    expect(d.reason).toMatch(/not in the session/);
    expect(ws.filesAt(1)).toMatchObject([{ path: 'lib/f.py', state: 'modified', contentUnknown: true }]);
    expect(ws.cumulativeDiff('lib/f.py', 1).patches).toEqual([{ eventIndex: 1, patch: p }]);
    expect(ws.contentAt('lib/f.py', 0)).toMatchObject({ exists: true, content: undefined, status: 'base-unknown' });

    const snap = buildWorkspace(events, { initialContent: (path) => (path === 'lib/f.py' ? body : undefined) });
    expect(snap.eventDiff(1)).toMatchObject({ status: 'ok', before: body, after: changed });
    expect(snap.contentAt('lib/f.py', 0).content).toBe(body);
  });

  it('picks its own file out of a multi-file patch', () => {
    const multi = `${patch('one.txt', 'a\n', 'b\n')}${patch('two.txt', 'c\n', 'd\n')}`;
    const events: SessionEvent[] = [
      diff(0, { path: 'one.txt', change: 'created', after: 'a\n' }),
      diff(0, { path: 'two.txt', change: 'created', after: 'c\n' }),
      diff(5, { path: 'one.txt', change: 'modified', patch: multi }),
      diff(5, { path: 'two.txt', change: 'modified', patch: multi }),
      diff(9, { path: 'three.txt', change: 'modified', before: 'q\n', patch: multi }),
    ];
    const ws = buildWorkspace(events);
    expect(ws.contentAt('one.txt', 3).content).toBe('b\n');
    expect(ws.contentAt('two.txt', 3).content).toBe('d\n');
    expect(ws.contentAt('three.txt', 4)).toMatchObject({ status: 'unapplied' });
    expect(ws.contentAt('three.txt', 4).reason).toMatch(/covers 2 files, none of them three.txt/);
  });

  it('reconstructs the samples exactly', () => {
    for (const style of ['scoper', 'accepter', 'thrasher', 'narrator'] as const) {
      const { events } = generateSample(style);
      const ws = buildWorkspace(events);
      events.forEach((e, i) => {
        if (e.kind !== 'diff') return;
        expect(ws.contentAt(e.path, i).content).toBe(e.after);
        expect(ws.eventDiff(i)!.status).toBe('ok');
      });
    }
  });

  it('builds linearly and seeks in O(log n) on the 100,000-event session', () => {
    const { events } = generateLargeSession(100_000);
    const t0 = performance.now();
    const ws = buildWorkspace(events);
    const build = performance.now() - t0;
    expect(ws.eventCount).toBe(100_000);
    expect(ws.diffIndices.length).toBeGreaterThan(1000);

    // Random seeks: the tree, the selected file's event diff and its cumulative diff.
    let x = 12345;
    const rand = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const t1 = performance.now();
    const seeks = 2000;
    for (let k = 0; k < seeks; k++) {
      const i = Math.floor(rand() * events.length);
      const files = ws.filesAt(i);
      const last = ws.lastDiffAt(i);
      if (last >= 0) {
        const path = (events[last] as Diff).path;
        ws.changeAt(path, i);
        ws.cumulativeDiff(path, i);
        ws.cumulativeDiff(path, i, Math.floor(i / 2));
      }
      expect(files.length).toBeGreaterThanOrEqual(0);
    }
    const perSeek = (performance.now() - t1) / seeks;
    // Spot-check content against the generator's own after texts.
    for (let k = 0; k < 500; k++) {
      const d = ws.diffIndices[Math.floor(rand() * ws.diffIndices.length)]!;
      const e = events[d] as Diff;
      expect(ws.contentAt(e.path, d + 1).content).toBe(ws.versionAt(e.path, d + 1)!.after);
      expect(ws.contentAt(e.path, d).content).toBe(e.after);
    }
    console.log(`workspace: build ${build.toFixed(1)} ms, ${perSeek.toFixed(3)} ms per seek (tree of up to ${ws.paths.length} files + 3 diffs)`);
    expect(build).toBeLessThan(1000);
    expect(perSeek).toBeLessThan(5);
  });
});
