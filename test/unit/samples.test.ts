import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PEAK_PAIRS } from '../../shared/audio/peaks';
import { bytesSource, MemorySink } from '../../shared/import/memory-sink';
import { importSource } from '../../shared/import/pipeline';
import { SessionEvent, type EventOf } from '../../shared/model/schema';
import { DEFAULT_SAMPLE_SEED, generateLargeSession, generateSample, SAMPLE_FILES, SAMPLE_STYLES, type GeneratedSession, type SampleStyle } from '../../shared/samples/index';
import { NARRATION_MS } from '../../shared/samples/narration-timing';

const SAMPLES_DIR = new URL('../../resources/samples/', import.meta.url);
const samples = Object.fromEntries(SAMPLE_STYLES.map((s) => [s, generateSample(s)])) as Record<SampleStyle, GeneratedSession>;

const of = <K extends SessionEvent['kind']>(events: SessionEvent[], kind: K) => events.filter((e): e is EventOf<K> => e.kind === kind);
const indexOf = (events: SessionEvent[], pred: (e: SessionEvent) => boolean) => events.findIndex(pred);
const isCommit = (e: SessionEvent) => e.kind === 'git_action' && e.action === 'commit';
const endOf = (e: SessionEvent) => (e.kind === 'narration' ? e.endT : e.t + (('durationMs' in e && e.durationMs) || 0));

/** Structural checks every generated session must pass (plain loops: the large session has 100k events). */
function checkSession(g: GeneratedSession): void {
  const problems: string[] = [];
  const ids = new Set<string>();
  let prevT = 0;
  g.events.forEach((e, i) => {
    const parsed = SessionEvent.safeParse(e);
    if (!parsed.success) problems.push(`${e.id}: ${parsed.error.message}`);
    if (e.id !== `e${String(i + 1).padStart(6, '0')}`) problems.push(`${e.id}: id out of sequence at ${i}`);
    if (ids.has(e.id)) problems.push(`${e.id}: duplicate id`);
    ids.add(e.id);
    if (e.t < prevT) problems.push(`${e.id}: out of time order`);
    prevT = e.t;
    if (e.parentId && !ids.has(e.parentId)) problems.push(`${e.id}: parent ${e.parentId} does not come earlier`);
  });
  expect(problems.slice(0, 5)).toEqual([]);
  let lastEnd = 0;
  for (const e of g.events) lastEnd = Math.max(lastEnd, endOf(e));
  expect(g.meta.durationMs).toBeGreaterThanOrEqual(lastEnd);
}

/** Each path's diffs form a chain: before = previous after (or the initial workspace file). */
function checkDiffChains(g: GeneratedSession): void {
  const problems: string[] = [];
  const current = new Map((g.workspace ?? []).map((w) => [w.path, w.content]));
  for (const d of of(g.events, 'diff')) {
    if (d.before !== current.get(d.path)) problems.push(`${d.id} ${d.path}: before is not the previous after`);
    if (d.change !== (current.has(d.path) ? 'modified' : 'created')) problems.push(`${d.id} ${d.path}: change ${d.change}`);
    if (d.after === d.before) problems.push(`${d.id} ${d.path}: no-op diff`);
    current.set(d.path, d.after!);
  }
  expect(problems.slice(0, 5)).toEqual([]);
}

describe('sample sessions', () => {
  it('are deterministic for a seed and differ between seeds', () => {
    for (const s of SAMPLE_STYLES) {
      expect(generateSample(s, 7)).toEqual(generateSample(s, 7));
      expect(generateSample(s)).toEqual(samples[s]);
      const a = generateSample(s, 7);
      const b = generateSample(s, 8);
      expect(a).not.toEqual(b);
      expect(a.events.map((e) => e.t)).not.toEqual(b.events.map((e) => e.t));
    }
  });

  it.each(SAMPLE_STYLES)('%s: valid events, stable unique ids, time order, duration covers every event', (s) => {
    const g = samples[s];
    checkSession(g);
    expect(g.meta.candidate.id).toMatch(/^cand-[0-9a-f]{4}$/);
    expect(g.meta.candidate.displayName).toMatch(/^\S+ \S+$/);
    expect(g.meta.task.statement).toMatch(/^# /);
    expect(g.events.length).toBeGreaterThan(25);
  });

  it.each(SAMPLE_STYLES)('%s: diffs chain consistently per path', (s) => {
    checkDiffChains(samples[s]);
    expect(of(samples[s].events, 'diff').length).toBeGreaterThanOrEqual(2);
  });

  it.each(SAMPLE_STYLES)('%s: test runs agree with their commands', (s) => {
    const events = samples[s].events;
    const byId = new Map(events.map((e) => [e.id, e]));
    for (const run of of(events, 'test_run')) {
      const cmd = byId.get(run.parentId!);
      expect(cmd?.kind).toBe('command');
      if (cmd?.kind !== 'command') continue;
      expect(run.cmd).toBe(cmd.cmd);
      expect(run.exitCode).toBe(cmd.exitCode);
      if (run.failed > 0) expect(run.exitCode).not.toBe(0);
    }
  });

  it('sessions last like real ones (the narrator is compressed to keep its audio short)', () => {
    for (const s of ['scoper', 'accepter', 'thrasher'] as const) {
      expect(samples[s].meta.durationMs).toBeGreaterThanOrEqual(20 * 60_000);
      expect(samples[s].meta.durationMs).toBeLessThanOrEqual(60 * 60_000);
    }
    expect(samples.narrator.meta.durationMs).toBeLessThanOrEqual(3 * 60_000);
  });

  it('scoper: scopes, decides and denies before committing, reads before editing, tests after the last diff', () => {
    const ev = samples.scoper.events;
    const commit = indexOf(ev, isCommit);
    const firstDiff = indexOf(ev, (e) => e.kind === 'diff');
    expect(commit).toBeGreaterThan(0);
    expect(indexOf(ev, (e) => e.kind === 'decision')).toBeLessThan(commit);
    expect(indexOf(ev, (e) => e.kind === 'approval' && !e.granted && e.actor === 'candidate')).toBeLessThan(commit);
    // The first prompt asks for a plan and names constraints before any file is written.
    const firstPrompt = ev.find((e) => e.kind === 'prompt');
    expect(firstPrompt?.kind === 'prompt' && /plan/i.test(firstPrompt.text) && /don't edit/i.test(firstPrompt.text)).toBe(true);
    expect(indexOf(ev, (e) => e.kind === 'tool_call' && e.category === 'read')).toBeLessThan(firstDiff);
    // Every file the agent modified was read (or written by it) earlier.
    ev.forEach((e, i) => {
      if (e.kind !== 'diff' || e.change !== 'modified' || e.actor !== 'agent') return;
      const seen = ev.slice(0, i).some(
        (p) => (p.kind === 'tool_call' && p.name === 'Read' && String((p.input as { file_path?: string }).file_path).endsWith(`/${e.path}`)) || (p.kind === 'diff' && p.path === e.path),
      );
      expect(seen, `${e.path} modified unread`).toBe(true);
    });
    // A passing test run after the last diff and before the commit.
    const lastDiff = ev.map((e) => e.kind).lastIndexOf('diff');
    expect(ev.slice(lastDiff, commit).some((e) => e.kind === 'test_run' && e.failed === 0 && e.passed > 0 && e.exitCode === 0)).toBe(true);
    // The push-back names an identifier, a line and a file, and the line really holds it.
    const initial = new Map((samples.scoper.workspace ?? []).map((w) => [w.path, w.content]));
    const challenge = of(ev, 'prompt')
      .map((p) => /`(\w+)\(\)` on line (\d+) of `([^`]+)`/.exec(p.text))
      .find(Boolean);
    expect(challenge).toBeTruthy();
    const [, ident, line, path] = challenge!;
    expect(initial.get(path!)?.split('\n')[Number(line) - 1]).toContain(`function ${ident}`);
    expect(of(ev, 'interrupt')).toHaveLength(1);
    // The candidate also acts directly: a hand edit and their own checks before committing.
    expect(of(ev, 'diff').some((d) => d.actor === 'candidate')).toBe(true);
    expect(of(ev, 'command').filter((c) => c.actor === 'candidate' && ev.indexOf(c) < commit).length).toBeGreaterThanOrEqual(3);
  });

  it('accepter: terse start, accepts everything, commits with no test run', () => {
    const ev = samples.accepter.events;
    const prompts = of(ev, 'prompt');
    expect(prompts[0]!.text.length).toBeLessThan(80);
    expect(prompts.filter((p) => /^ok looks good/.test(p.text)).length).toBeGreaterThanOrEqual(3);
    const commit = indexOf(ev, isCommit);
    expect(commit).toBeGreaterThan(0);
    expect(ev.slice(0, commit).some((e) => e.kind === 'test_run')).toBe(false);
    expect(of(ev, 'decision')).toHaveLength(0);
    expect(of(ev, 'approval').every((a) => a.granted)).toBe(true);
  });

  it('thrasher: re-runs an identical failing command, changes direction, then the same command passes', () => {
    const ev = samples.thrasher.events;
    const cmds = of(ev, 'command');
    // Three or more consecutive failing runs of one command with no edit in between.
    let found: { cmd: string; last: number } | undefined;
    for (let i = 0; i + 2 < cmds.length && !found; i++) {
      const run = cmds.slice(i, i + 3);
      if (run.every((c) => c.cmd === run[0]!.cmd && c.exitCode !== 0)) {
        const from = ev.indexOf(run[0]!);
        const to = ev.indexOf(run[2]!);
        if (!ev.slice(from, to).some((e) => e.kind === 'diff')) found = { cmd: run[0]!.cmd, last: to };
      }
    }
    expect(found).toBeDefined();
    const failing = cmds.filter((c) => c.cmd === found!.cmd && c.exitCode !== 0);
    expect(failing.length).toBeGreaterThanOrEqual(4);
    const lastFail = ev.indexOf(failing.at(-1)!);
    const pass = ev.findIndex((e, i) => i > lastFail && e.kind === 'command' && e.cmd === found!.cmd && e.exitCode === 0);
    expect(pass).toBeGreaterThan(lastFail);
    const turn = ev.findIndex((e, i) => i > lastFail && i < pass && e.kind === 'prompt' && /wait, actually/i.test(e.text));
    expect(turn).toBeGreaterThan(lastFail);
    expect(ev.slice(pass).some(isCommit)).toBe(true);
  });

  it('narrator: think-aloud narration with measured, non-overlapping spans', () => {
    const ev = samples.narrator.events;
    const narration = of(ev, 'narration');
    expect(narration.length).toBeGreaterThanOrEqual(8);
    let prevEnd = -1;
    for (const n of narration) {
      expect(n.actor).toBe('candidate');
      expect(n.text.length).toBeGreaterThan(10);
      expect(n.t).toBeGreaterThan(prevEnd);
      // The spans come from the synthesised audio: the timing table must cover every text.
      expect(NARRATION_MS[n.text], `no measured length for "${n.text}"`).toBeDefined();
      expect(n.endT - n.t).toBe(NARRATION_MS[n.text]);
      prevEnd = n.endT;
    }
    expect(Object.keys(NARRATION_MS).sort()).toEqual([...new Set(narration.map((n) => n.text))].sort());
    const commit = indexOf(ev, isCommit);
    expect(ev.slice(0, commit).some((e) => e.kind === 'test_run' && e.failed === 0 && e.exitCode === 0)).toBe(true);
  });
});

describe('large session', () => {
  it('has exactly the requested number of valid events over about eight hours, quickly', () => {
    const t0 = performance.now();
    const g = generateLargeSession(100_000);
    const ms = performance.now() - t0;
    console.log(`generateLargeSession(100_000): ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(5000); // loose: the CPU is shared; typically a few hundred ms
    expect(g.events).toHaveLength(100_000);
    checkSession(g);
    checkDiffChains(g);
    expect(g.meta.durationMs).toBeGreaterThanOrEqual(8 * 3600_000);
    expect(g.meta.durationMs).toBeLessThan(8.1 * 3600_000);
    const kinds = new Set(g.events.map((e) => e.kind));
    expect(kinds.size).toBeGreaterThanOrEqual(12);
    const laneIds = new Set(g.meta.lanes.map((l) => l.id));
    for (const e of g.events) if (e.lane) expect(laneIds.has(e.lane)).toBe(true);
  });

  it('is deterministic and honours the count', () => {
    expect(generateLargeSession(2000, 3)).toEqual(generateLargeSession(2000, 3));
    expect(generateLargeSession(2000, 3)).not.toEqual(generateLargeSession(2000, 4));
    expect(generateLargeSession(1).events).toHaveLength(1);
    expect(generateLargeSession(0).events).toHaveLength(0);
    expect(generateLargeSession(12_345).events).toHaveLength(12_345);
  });
});

describe('committed sample archives (resources/samples)', () => {
  it('index.json lists every sample', () => {
    const index = JSON.parse(readFileSync(new URL('index.json', SAMPLES_DIR), 'utf8')) as { file: string; title: string; style: string }[];
    expect(index).toEqual(SAMPLE_FILES.map((f) => ({ file: f.file, title: samples[f.style].meta.title, style: f.style })));
  });

  it.each(SAMPLE_FILES.map((f) => [f.style, f] as const))('%s imports cleanly and matches the generator', async (_style, f) => {
    const bytes = new Uint8Array(readFileSync(new URL(f.file, SAMPLES_DIR)));
    const sink = new MemorySink();
    const report = await importSource(bytesSource(f.file, bytes), sink);
    expect(report.message).toBeUndefined();
    expect(report.status).toBe('imported');
    expect(report.problems).toEqual([]);
    const generated = f.seed === DEFAULT_SAMPLE_SEED ? samples[f.style] : generateSample(f.style, f.seed);
    expect(report.sessions[0]?.eventCount).toBe(generated.events.length);

    const stored = [...sink.sessions.values()][0]!;
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    expect([...stored.events].sort(byId)).toEqual([...generated.events].sort(byId));
    const { audio, durationMs, source, ...rest } = stored.info.meta;
    const { audio: _a, durationMs: genDuration, source: _s, ...genRest } = generated.meta;
    expect(rest).toEqual(genRest);
    expect(source.fileName).toBe(f.file);
    expect(durationMs).toBeGreaterThanOrEqual(genDuration);
    for (const w of generated.workspace ?? []) {
      expect(new TextDecoder().decode(stored.blobs.get(`workspace/${w.path}`)?.data)).toBe(w.content);
    }

    if (f.style !== 'narrator') {
      expect(audio).toBeUndefined();
      return;
    }
    // The narration track: small, short, with peaks that follow the spoken segments.
    expect(audio).toBeDefined();
    const blob = stored.blobs.get(audio!.blob.blob);
    expect(blob?.mime).toBe('audio/ogg');
    expect(blob?.data.byteLength).toBe(audio!.blob.size);
    expect(audio!.blob.size).toBeLessThan(600 * 1024);
    expect(audio!.offsetMs).toBe(0);
    expect(audio!.durationMs).toBeLessThanOrEqual(180_000);
    expect(durationMs).toBeGreaterThanOrEqual(audio!.durationMs);
    const peaks = audio!.peaks!;
    // As many as an import computes, by the same code (shared/audio/peaks.ts).
    expect(peaks).toHaveLength(2 * PEAK_PAIRS);
    for (const p of peaks) expect(Math.abs(p)).toBeLessThanOrEqual(1);
    const pairs = peaks.length / 2;
    const bucketMs = audio!.durationMs / pairs;
    const loud = (from: number, to: number) => {
      let m = 0;
      for (let b = Math.ceil(from / bucketMs); b < Math.floor(to / bucketMs) && b < pairs; b++) m = Math.max(m, -peaks[2 * b]!, peaks[2 * b + 1]!);
      return m;
    };
    const narration = of(generated.events, 'narration');
    expect(audio!.durationMs).toBeGreaterThanOrEqual(narration.at(-1)!.endT);
    narration.forEach((n, i) => {
      expect(loud(n.t, n.endT), `speech in "${n.text}"`).toBeGreaterThan(0.1);
      const next = narration[i + 1];
      if (next && next.t - n.endT > 600) expect(loud(n.endT + 250, next.t - 250), `silence after ${n.id}`).toBeLessThan(0.02);
    });
    expect(loud(0, narration[0]!.t - 100)).toBeLessThan(0.02);
  });
});
