import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventOf, SessionEvent } from '../../shared/model/schema';
import { bytesSource, MemorySink } from '../../shared/import/memory-sink';
import { importSource } from '../../shared/import/pipeline';
import { makeSniff } from '../../shared/import/registry';
import { aiderImporter } from '../../shared/importers/aider';
import { asciinemaImporter, attachCastToSession, parseCast, TypedLines } from '../../shared/importers/asciinema';
import { codexImporter } from '../../shared/importers/codex';
import { allRealFiles, REAL_SESSIONS_DIR, realPath, realSessionsAvailable } from './helpers/real-sessions';

const enc = new TextEncoder();
const cast = (header: Record<string, unknown>, events: unknown[][], extra: string[] = []) =>
  [JSON.stringify(header), ...events.map((e) => JSON.stringify(e)), ...extra].join('\n') + '\n';

async function importBytes(name: string, data: Uint8Array, chunk = 13) {
  const sink = new MemorySink();
  const report = await importSource(bytesSource(name, data, chunk), sink, { now: () => 0 });
  const sessions = [...sink.sessions.values()];
  return { report, sink, sessions, events: sessions[0]?.events ?? [] };
}
const importText = (name: string, text: string, chunk = 13) => importBytes(name, enc.encode(text), chunk);

function of<K extends SessionEvent['kind']>(events: SessionEvent[], kind: K): EventOf<K>[] {
  return events.filter((e): e is EventOf<K> => e.kind === kind);
}

describe('asciinema importer: synthetic casts', () => {
  it('normalises v2 absolute and v3 relative times to the same absolute milliseconds', () => {
    const abs = [0.1, 0.3, 0.6, 1.0, 1.7, 2.45];
    const v2 = cast({ version: 2, width: 80, height: 24 }, abs.map((t, i) => [t, 'o', `x${i}`]));
    const deltas = abs.map((t, i) => Number((t - (abs[i - 1] ?? 0)).toFixed(6)));
    const v3 = cast({ version: 3, term: { cols: 80, rows: 24 } }, deltas.map((d, i) => [d, 'o', `x${i}`]), ['# a comment', '']);
    const a = parseCast(v2);
    const b = parseCast(v3);
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    expect(a.events.map((e) => e.t)).toEqual([100, 300, 600, 1000, 1700, 2450]);
    expect(b.events.map((e) => e.t)).toEqual(a.events.map((e) => e.t));
    expect(b.header).toMatchObject({ version: 3, cols: 80, rows: 24 });
  });

  it('imports a v3 cast: typed lines become candidate commands, markers and the exit status become markers, output stays in the blob', async () => {
    const text = cast(
      { version: 3, term: { cols: 100, rows: 30, type: 'xterm-256color' }, timestamp: 1700000000, title: 'Demo run', command: '/bin/bash' },
      [
        [0.5, 'o', '$ '],
        [0.25, 'i', 'g'],
        [0.25, 'i', 'ti'],
        [0.1, 'i', '\u007f\u007fit status'],
        [0.4, 'i', '\r'],
        [0.1, 'o', 'On branch main\r\n'],
        [0.2, 'i', '\u001b[A'],
        [0.1, 'i', '\u001b[2;2R'],
        [0.5, 'm', 'tests start'],
        [0.1, 'i', 'npm test\r'],
        [0.1, 'r', '120x40'],
        [0.2, 'i', 'oops\u0003'],
        [0.9, 'i', '\u0004'],
        [0.3, 'x', '0'],
      ],
      ['# trailing comment'],
    );
    const { report, sink, sessions, events } = await importText('demo.cast', text);
    expect(report.message).toBeUndefined();
    expect(report.status).toBe('imported');
    expect(report.format).toBe('asciinema');
    expect(report.problems).toEqual([]);
    expect(sink.staged).toBe(0);
    // Enter pressed at 0.5+0.25+0.25+0.1+0.4 = 1.5 s; "npm test⏎" at 1.5+0.1+0.2+0.1+0.5+0.1 = 2.5 s
    expect(of(events, 'command').map((c) => [c.actor, c.cmd, c.t])).toEqual([
      ['candidate', 'git status', 1500],
      ['candidate', 'npm test', 2500],
    ]);
    expect(of(events, 'marker').map((m) => [m.actor, m.label, m.t])).toEqual([
      ['candidate', 'tests start', 2400],
      ['system', 'exit status 0', 4000],
    ]);
    expect(events.length).toBe(4);
    const m = sessions[0]!.info.meta;
    expect(m.durationMs).toBe(4000);
    expect(m.startedAt).toBe('2023-11-14T22:13:20.000Z');
    expect(m.title).toBe('Demo run');
    expect(m.source).toEqual({ format: 'asciinema', version: '3', fileName: 'demo.cast' });
    expect(m.terminals).toEqual([
      { id: 'terminal-1', blob: { blob: 'terminal/demo.cast', mime: 'application/x-asciicast', size: enc.encode(text).byteLength }, cols: 100, rows: 30, offsetMs: 0, title: 'Demo run' },
    ]);
    expect(sessions[0]!.blobs.get('terminal/demo.cast')?.data).toEqual(enc.encode(text));
  });

  it('without typed lines, marks the recording at 0 and keeps the v2 exit-less duration', async () => {
    const { events, sessions } = await importText(
      'plain.cast',
      cast({ version: 2, width: 80, height: 24, timestamp: 1509091818 }, [
        [0.5, 'o', 'hello'],
        [1.25, 'i', '\n'],
        [3.5, 'o', 'bye'],
      ]),
    );
    expect(events.map((e) => [e.kind, e.actor, e.t, e.kind === 'marker' ? e.label : ''])).toEqual([['marker', 'system', 0, 'terminal recording']]);
    expect(sessions[0]!.info.meta.durationMs).toBe(3500);
  });

  it('reports malformed event lines with their line numbers and keeps the rest', async () => {
    const text = [
      JSON.stringify({ version: 2, width: 80, height: 24, timestamp: 1 }),
      '[0.5, "o", "a"]',
      '[1.0, "o"',
      'not json at all',
      '[-1, "o", "neg"]',
      '[2.0, "m", "kept"]',
      '[2.5, 7, "bad code"]',
    ].join('\n');
    const { report, events } = await importText('bad.cast', text);
    expect(report.status).toBe('imported');
    expect(report.problems.filter((p) => p.line !== undefined).map((p) => p.line)).toEqual([3, 4, 5, 7]);
    expect(report.problems.some((p) => /4 malformed event lines skipped/.test(p.reason))).toBe(true);
    expect(of(events, 'marker').map((m) => m.label)).toEqual(['kept', 'terminal recording']);
  });

  it('fails clearly on a bad header, an unsupported version and an empty file, leaving nothing staged', async () => {
    for (const [text, why] of [
      ['{"version": 2, "width": "wide", "height": 24}\n[0.1, "o", "x"]\n', /not a valid asciicast header — a v2 header needs integer "width" and "height" \(line 1\)/],
      ['{"version": 3, "term": {"cols": 80}}\n', /a v3 header needs integer "term.cols" and "term.rows"/],
      ['{"version": 1, "width": 80, "height": 24, "stdout": [[0.1, "x"]]}\n', /asciicast v1 is not supported/],
      ['', /empty/],
    ] as const) {
      const { report, sink } = await importText('broken.cast', text);
      expect(report.status).toBe('failed');
      expect(report.message).toMatch(why);
      expect(report.sessions).toEqual([]);
      expect(sink.staged).toBe(0);
      expect(sink.sessions.size).toBe(0);
    }
  });

  it('rebuilds typed lines with editing keys and without terminal answerbacks', () => {
    const lines: string[] = [];
    const t = new TypedLines();
    for (const d of ['ls -\u007fa', '\r', '\u001b]11;rgb:0000/0000/0000\u0007', 'echo one two\u0017three\r\n', 'abc\u0015pwd\r', 'x\u0003', '\r']) t.feed(d, (l) => lines.push(l));
    expect(lines).toEqual(['ls a', 'echo one three', 'pwd']);
  });

  it('computes the offset that attaches a cast to another session', () => {
    expect(attachCastToSession(1700000000, '2023-11-14T22:13:10.000Z')).toBe(10_000);
    expect(attachCastToSession(1700000000.5, Date.parse('2023-11-14T22:13:30.000Z'))).toBe(-9_500);
    expect(attachCastToSession(undefined, '2023-11-14T22:13:10.000Z')).toBeUndefined();
    expect(attachCastToSession(1700000000, 'not a date')).toBeUndefined();
  });

  it('detects casts by content and nothing else', () => {
    const sniff = (text: string | Uint8Array) => makeSniff('x.cast', typeof text === 'string' ? enc.encode(text) : text);
    expect(asciinemaImporter.detect(sniff('{"version": 2, "width": 80, "height": 24}\n'))).toBe(1);
    expect(asciinemaImporter.detect(sniff('{"version":3,"term":{"cols":80,"rows":24}}\n'))).toBe(1);
    const others = [
      '{"timestamp":"2025-01-01T00:00:00Z","type":"session_meta","payload":{"id":"x"}}\n',
      '\n# aider chat started at 2025-01-01 10:00:00\n',
      '{"type":"user","sessionId":"s","message":{"role":"user","content":"hi"}}\n',
      '{"version": 2}\n',
      '[0.1, "o", "no header"]\n',
    ];
    for (const o of others) expect(asciinemaImporter.detect(sniff(o))).toBe(0);
    expect(asciinemaImporter.detect(sniff(new Uint8Array(300).map((_, i) => (i * 91) % 256)))).toBe(0);
    const v2 = sniff('{"version": 2, "width": 80, "height": 24}\n[0.1, "o", "x"]\n');
    expect(codexImporter.detect(v2)).toBe(0);
    expect(aiderImporter.detect(v2)).toBe(0);
  });
});

/**
 * Expected numbers for the real casts, counted with a python one-off (json.loads per line;
 * v2 duration = largest event time, v3 duration = sum of the intervals; typed lines = the
 * `i` data joined, CSI escape sequences removed, split at \r/\n, non-empty pieces before the
 * last separator). Markers = `m` events + `x` events + 1 "terminal recording" marker when no
 * typed line was found. None of the casts has `m` or `x` events.
 */
const REAL_CASTS: Record<string, { durationMs: number; markers: number; commands: number; cols: number; rows: number }> = {
  // 39 events (30 o, 9 i), last at 11.89348 s; typed: "vim⏎" and ":q⏎" (plus a terminal
  // answerback and a trailing Ctrl-D); header width 75, height 18.
  'asciinema/asciinema_demo.cast': { durationMs: 11893.48, markers: 0, commands: 2, cols: 75, rows: 18 },
  // 5 events, last at 10.5 s; the only input is "\n" (an empty line); width 100, height 50.
  'asciinema/asciinema_full-v2.cast': { durationMs: 10500, markers: 1, commands: 0, cols: 100, rows: 50 },
  // 5 intervals 0.000001 + 1.0 + 0.3 + 1.600001 + 10.5 = 13.400002 s; input "\n" only.
  'asciinema/asciinema_full-v3.cast': { durationMs: 13400.002, markers: 1, commands: 0, cols: 100, rows: 50 },
  // one "o" event at 1.23 s each; no input.
  'asciinema/asciinema_minimal-v2.cast': { durationMs: 1230, markers: 1, commands: 0, cols: 100, rows: 50 },
  'asciinema/asciinema_minimal-v3.cast': { durationMs: 1230, markers: 1, commands: 0, cols: 100, rows: 50 },
  'asciinema/asciinema_nulls-v2.cast': { durationMs: 1230, markers: 1, commands: 0, cols: 100, rows: 50 },
};

describe.skipIf(!realSessionsAvailable)('asciinema importer: real casts', () => {
  const files = allRealFiles().filter((f) => relative(REAL_SESSIONS_DIR, f).startsWith('asciinema'));

  it('has an expectation for every real cast', () => {
    expect(files.map((f) => relative(REAL_SESSIONS_DIR, f).split('\\').join('/')).sort()).toEqual(Object.keys(REAL_CASTS).sort());
  });

  it.each(Object.keys(REAL_CASTS))('imports real cast #%#', async (rel) => {
    const bytes = new Uint8Array(readFileSync(realPath(rel)));
    const { report, sink, sessions, events } = await importBytes(rel.split('/').pop()!, bytes, 1024);
    expect(report.status).toBe('imported');
    expect(report.format).toBe('asciinema');
    expect(sink.staged).toBe(0);
    // Bad lines are reported one by one: as many as non-header lines that are not JSON arrays.
    const lines = new TextDecoder().decode(bytes).split('\n').slice(1);
    const bad = lines.filter((l) => {
      if (!l.trim() || l.startsWith('#')) return false;
      try {
        return !Array.isArray(JSON.parse(l));
      } catch {
        return true;
      }
    }).length;
    expect(report.problems.filter((p) => p.line !== undefined && p.line > 1)).toHaveLength(bad);
    const want = REAL_CASTS[rel]!;
    const m = sessions[0]!.info.meta;
    expect({
      durationMs: m.durationMs,
      markers: of(events, 'marker').length,
      commands: of(events, 'command').length,
      cols: m.terminals[0]!.cols,
      rows: m.terminals[0]!.rows,
    }).toEqual(want);
    expect(of(events, 'command').every((c) => c.actor === 'candidate')).toBe(true);
    // the whole cast is kept for the player
    expect(sessions[0]!.blobs.get(m.terminals[0]!.blob.blob)?.data).toEqual(bytes);
  });
});
