/**
 * The `baton` command line, driven through run() with collected output: pack a folder made
 * here, inspect the result, refuse bad input with file and line; and the JSON Schemas in
 * docs/ match the zod schemas they are generated from.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './helpers/cli';
import { spanishTranscript } from '../fixtures/spanish-transcript';
import { bytesSource, MemorySink } from '../../shared/import/memory-sink';
import { importSource } from '../../shared/import/pipeline';
import type { SessionEvent } from '../../shared/model/schema';
import { buildSchemas, DOCS_DIR, renderSchema } from '../../scripts/gen-json-schema';
import { events, meta } from './helpers/session';
import { realPath, realSessionsAvailable } from './helpers/real-sessions';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'baton-cli-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});


const AUDIO = new Uint8Array([82, 73, 70, 70, 0, 1, 2, 3]);
const OUTPUT = 'x'.repeat(5000);
const TASK = '# Rate limiter\n\nMake the limiter fair.\n';

function sessionEvents(): SessionEvent[] {
  return [
    ...events(),
    { id: 'e10', t: 51000, actor: 'agent', kind: 'tool_call', name: 'Bash', category: 'shell', status: 'ok', output: { blob: 'blobs/e10.txt', mime: 'text/plain', size: OUTPUT.length } },
    { id: 'e11', t: 52000, actor: 'agent', kind: 'test_run', framework: 'vitest', passed: 12, failed: 0 },
  ];
}

/** A complete session folder: manifest, events (with a blank line), task, audio, blob, workspace. */
async function makeSessionDir(name: string, eventLines?: string[]): Promise<string> {
  const dir = join(tmp, name);
  await mkdir(join(dir, 'audio'), { recursive: true });
  await mkdir(join(dir, 'blobs'), { recursive: true });
  await mkdir(join(dir, 'workspace', 'src'), { recursive: true });
  const m = meta({ audio: { blob: { blob: 'audio/narration.wav', mime: 'audio/wav', size: AUDIO.length }, durationMs: 5000, offsetMs: 0 } });
  const manifest = { format: 'baton', formatVersion: 1, createdAt: '2026-01-02T11:00:00.000Z', session: m, workspace: [] };
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  const lines = eventLines ?? sessionEvents().map((e) => JSON.stringify(e));
  await writeFile(join(dir, 'events.jsonl'), [lines[0], '', ...lines.slice(1)].join('\n') + '\n');
  await writeFile(join(dir, 'task.md'), TASK);
  await writeFile(join(dir, 'audio', 'narration.wav'), AUDIO);
  await writeFile(join(dir, 'audio', 'transcript.json'), JSON.stringify([{ id: 'n1', start: 1000, end: 3000, text: 'I will read first.' }]));
  await writeFile(join(dir, 'blobs', 'e10.txt'), OUTPUT);
  await writeFile(join(dir, 'workspace', 'src', 'limiter.ts'), 'export const limit = 10;\n');
  return dir;
}

describe('baton pack + inspect', () => {
  let archive: string;

  it('packs a session folder into DIR.baton', async () => {
    const dir = await makeSessionDir('good');
    const r = await cli('pack', dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    archive = `${dir}.baton`;
    expect(existsSync(archive)).toBe(true);
    expect(r.stdout).toContain(archive);
    expect(r.stdout).toMatch(/events +12 /);
    expect((await readdir(tmp)).filter((f) => f.includes('.partial'))).toEqual([]);
  });

  it('inspects the archive: format, title, counts per kind, duration; exit 0', async () => {
    const r = await cli('inspect', archive);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('format    baton');
    expect(r.stdout).toContain('status    imported');
    expect(r.stdout).toContain('"Fix the rate limiter"');
    expect(r.stdout).toMatch(/events +12 \(prompt 1, response 1, tool_call 2, diff 1, command 1, test_run 1, git_action 1, decision 1, approval 1, interrupt 1, narration 1\)/);
    expect(r.stdout).toMatch(/duration +1:00/);
    expect(r.stdout).not.toContain('problems');
  });

  it('--json prints the reports with counts', async () => {
    const r = await cli('inspect', '--json', archive);
    expect(r.code).toBe(0);
    const [res] = JSON.parse(r.stdout) as { report: { status: string; format: string }; sessions: { counts: Record<string, number>; eventCount: number; durationMs: number }[] }[];
    expect(res!.report).toMatchObject({ status: 'imported', format: 'baton' });
    expect(res!.sessions[0]).toMatchObject({ eventCount: 12, durationMs: 60_000, counts: { prompt: 1, tool_call: 2, narration: 1 } });
  });

  it('keeps everything: task, events, narration, blobs and workspace survive the round trip', async () => {
    const sink = new MemorySink();
    const report = await importSource(bytesSource('good.baton', new Uint8Array(await readFile(archive))), sink);
    expect(report.status).toBe('imported');
    expect(report.problems).toEqual([]);
    const stored = sink.sessions.get('s-1')!;
    expect(stored.info.meta.task.statement).toBe(TASK);
    expect(stored.info.meta.audio?.blob.blob).toBe('audio/narration.wav');
    const byId = new Map(stored.events.map((e) => [e.id, e]));
    for (const e of sessionEvents()) expect(byId.get(e.id)).toEqual(e);
    expect(byId.get('n1')).toMatchObject({ kind: 'narration', t: 1000, endT: 3000, text: 'I will read first.' });
    expect(stored.blobs.get('audio/narration.wav')?.data).toEqual(AUDIO);
    expect(new TextDecoder().decode(stored.blobs.get('blobs/e10.txt')?.data)).toBe(OUTPUT);
    expect(new TextDecoder().decode(stored.blobs.get('workspace/src/limiter.ts')?.data)).toBe('export const limit = 10;\n');
  });

  it('writes where -o says, and accepts session.json instead of a manifest', async () => {
    const dir = await makeSessionDir('meta-only');
    await rm(join(dir, 'manifest.json'));
    await writeFile(join(dir, 'session.json'), JSON.stringify(meta({ audio: { blob: { blob: 'audio/narration.wav', mime: 'audio/wav', size: AUDIO.length }, durationMs: 5000, offsetMs: 0 } })));
    const out = join(tmp, 'custom-name.baton');
    const r = await cli('pack', dir, '-o', out);
    expect(r.code).toBe(0);
    expect((await cli('inspect', out)).code).toBe(0);
  });
});

describe('baton pack carries the evidence reel', () => {
  const reel = {
    version: 1,
    clips: [
      { id: 'c1', t0: 0, t1: 9_000, factor: 'scoping', polarity: '+', why: 'asked for a plan first', source: 'evidence', eventIds: ['e1'] },
      { id: 'c2', t0: 30_000, t1: 40_000, factor: 'overall', polarity: '-', why: 'added by hand', source: 'manual', eventIds: [] },
    ],
  };

  it('packs committee/reel.json, and the imported session has the reel', async () => {
    const dir = await makeSessionDir('with-reel');
    await mkdir(join(dir, 'committee'));
    await writeFile(join(dir, 'committee', 'reel.json'), JSON.stringify(reel, null, 2));
    const r = await cli('pack', dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const sink = new MemorySink();
    const report = await importSource(bytesSource('with-reel.baton', new Uint8Array(await readFile(`${dir}.baton`))), sink);
    expect(report.problems).toEqual([]);
    expect(sink.sessions.get('s-1')!.info.reel).toEqual(reel);
  });

  it('refuses a reel whose clip ends before it starts, naming the file and the clip; nothing is written', async () => {
    const dir = await makeSessionDir('bad-reel');
    await mkdir(join(dir, 'committee'));
    const bad = { ...reel, clips: [reel.clips[0], { ...reel.clips[1], t0: 50_000 }] };
    await writeFile(join(dir, 'committee', 'reel.json'), JSON.stringify(bad));
    await writeFile(join(dir, 'committee', 'notes.txt'), 'scratch');
    const r = await cli('pack', dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${join(dir, 'committee', 'reel.json')}: invalid evidence reel — clips.1 ends before it starts`);
    expect(r.stderr).toContain(`${join(dir, 'committee', 'notes.txt')}: not part of a session folder; ignored`);
    expect(existsSync(`${dir}.baton`)).toBe(false);
  });
});

describe('baton inspect on bad files', () => {
  it('exits 1 for a corrupt file and names it', async () => {
    const bad = join(tmp, 'corrupt.baton');
    await writeFile(bad, new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    const r = await cli('inspect', bad);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('status    failed');
    expect(r.stderr).toContain(bad);
  });

  it('exits 1 for text that is no session, a missing file or an empty directory, and still reports the good ones', async () => {
    const txt = join(tmp, 'notes.txt');
    await writeFile(txt, 'just some notes\n');
    const missing = join(tmp, 'missing.baton');
    const dir = await makeSessionDir('again');
    expect((await cli('pack', dir)).code).toBe(0);
    const empty = join(tmp, 'empty-dir');
    await mkdir(empty, { recursive: true });
    const r = await cli('inspect', `${dir}.baton`, txt, missing, empty);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('status    imported');
    for (const p of [txt, missing, empty]) expect(r.stderr).toContain(p);
    expect(r.stderr).toContain('3 of 4 files could not be imported');
  });
});

describe('baton pack refuses bad input', () => {
  it('names file and line of bad event lines, and writes nothing', async () => {
    const good = sessionEvents().map((e) => JSON.stringify(e));
    // Written as: line 1, blank line 2, then lines 3…; so good[2] lands on line 4.
    const lines = [good[0]!, good[1]!, '{"id":"bad-json", t: 1', JSON.stringify({ id: 'x', t: 5, actor: 'agent', kind: 'teleport' }), ...good.slice(2), good[1]!];
    const dir = await makeSessionDir('bad-events', lines);
    const events = join(dir, 'events.jsonl');
    const r = await cli('pack', dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${events}:4: not valid JSON`);
    expect(r.stderr).toContain(`${events}:5: invalid event`);
    expect(r.stderr).toMatch(new RegExp(`${events.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: duplicate event id "e2"`));
    expect(r.stderr).toContain('was not packed');
    expect(existsSync(`${dir}.baton`)).toBe(false);
  });

  it('refuses a missing blob, bad metadata and a folder without events', async () => {
    const missingBlob = await makeSessionDir('missing-blob');
    await rm(join(missingBlob, 'blobs', 'e10.txt'));
    const r1 = await cli('pack', missingBlob);
    expect(r1.code).toBe(1);
    expect(r1.stderr).toContain('refers to blob "blobs/e10.txt"');

    const badMeta = await makeSessionDir('bad-meta');
    await writeFile(join(badMeta, 'manifest.json'), JSON.stringify({ format: 'baton', formatVersion: 99, createdAt: 'yesterday', session: {} }));
    const r2 = await cli('pack', badMeta);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toContain(join(badMeta, 'manifest.json'));

    const noEvents = await makeSessionDir('no-events');
    await rm(join(noEvents, 'events.jsonl'));
    const r3 = await cli('pack', noEvents);
    expect(r3.code).toBe(1);
    expect(r3.stderr).toContain(`${join(noEvents, 'events.jsonl')}: missing`);

    const r4 = await cli('pack', join(tmp, 'nope'));
    expect(r4.code).toBe(1);
    expect(r4.stderr).toContain('no such directory');
  });
});

describe('baton usage', () => {
  it('help prints usage and exits 0', async () => {
    const r = await cli('help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: baton/);
  });

  it('an unknown command, a missing argument or an unknown option prints usage and exits 2', async () => {
    for (const argv of [['frobnicate'], [], ['inspect'], ['pack'], ['inspect', '--bogus', 'x']]) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toContain('Usage: baton');
    }
  });
});

describe('JSON Schemas in docs/', () => {
  it('match the zod schemas (run `npm run schema` after changing the model)', async () => {
    const schemas = buildSchemas();
    expect(Object.keys(schemas).sort()).toEqual(['baton-archive.schema.json', 'baton-event.schema.json', 'baton-review.schema.json', 'baton-transcript.schema.json']);
    for (const [file, schema] of Object.entries(schemas)) {
      expect(await readFile(join(DOCS_DIR, file), 'utf8'), file).toBe(renderSchema(schema));
    }
  });

  it('describe every event kind', () => {
    const event = buildSchemas()['baton-event.schema.json'] as { oneOf?: { properties: { kind: { const: string } } }[]; anyOf?: { properties: { kind: { const: string } } }[] };
    const variants = event.oneOf ?? event.anyOf ?? [];
    expect(variants.map((v) => v.properties.kind.const).sort()).toEqual(
      ['approval', 'command', 'decision', 'diff', 'git_action', 'interrupt', 'marker', 'narration', 'prompt', 'response', 'test_run', 'thinking', 'tool_call'],
    );
  });
});

describe('the real command (node --import tsx, as `npm run baton` runs it)', () => {
  it('inspects a bundled sample and exits 0', async () => {
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/baton.ts', 'inspect', 'resources/samples/scoper.baton'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).not.toMatch(/SyntaxError|Cannot find|ERR_/);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/events\s+74 \(/);
  });
});

describe.skipIf(!realSessionsAvailable)('baton inspect on a Claude Code project folder', () => {
  it('reports one session per transcript, subagent files folded into their transcript', async () => {
    const r = await cli('inspect', realPath('claude-code/moredip/projects'));
    expect(r.code).toBe(0);
    // Two transcripts in the folder; the six agent-*.jsonl files are not sessions of their own.
    expect(r.stdout.match(/status {4}imported/g)).toHaveLength(2);
    expect(r.stdout).not.toContain('agent-a5bdbc1.jsonl\n');
  });
});

describe('baton score', () => {
  const samples = ['scoper', 'narrator', 'thrasher', 'accepter'].map((s) => join(process.cwd(), 'resources/samples', `${s}.baton`));

  it('scores several files in worker threads, the same as in one thread; CSV has a row per session', async () => {
    const one = await cli('score', '--csv', '--threads', '1', ...samples);
    const two = await cli('score', '--csv', '--threads', '2', ...samples);
    expect(one.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const lines = one.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^file,session,title,overall,scoping,scoping_opportunities,/);
    expect(lines).toHaveLength(5);
    const overall = Object.fromEntries(lines.slice(1).map((l) => [l.split(',')[0]!.split('/').pop(), Number(l.split(',')[3])]));
    expect(overall['scoper.baton']).toBeGreaterThan(overall['accepter.baton']!);
  });

  it('says when a session was prompted in another language than English: in JSON, CSV and the table', async () => {
    const file = join(tmp, 'es-cli.jsonl');
    await writeFile(file, spanishTranscript('es-cli'));
    const json = await cli('score', '--json', '--threads', '1', file, samples[0]!);
    expect(json.code).toBe(0);
    const out = JSON.parse(json.stdout) as { sessions: { file: string; promptsInEnglish: boolean }[] };
    expect(out.sessions.map((s) => [s.file.split('/').pop(), s.promptsInEnglish])).toEqual([
      ['es-cli.jsonl', false],
      ['scoper.baton', true],
    ]);
    const csv = (await cli('score', '--csv', '--threads', '1', file, samples[0]!)).stdout.trim().split('\n');
    expect(csv[0]).toMatch(/,prompts_in_english$/);
    expect(csv.slice(1).map((l) => l.split(',').at(-1))).toEqual(['no', 'yes']);
    const table = (await cli('score', '--threads', '1', file, samples[0]!)).stdout;
    expect(table.match(/prompts are not in English/g)).toHaveLength(1);
    expect(table.indexOf('prompts are not in English')).toBeLessThan(table.indexOf('scoper.baton'));
  });

  it('applies --weights and reports insufficient evidence in JSON', async () => {
    const r = await cli('score', '--json', '--threads', '2', '--weights', '100,0,0,0,0,0', samples[0]!, samples[1]!);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { threads: number; weights: Record<string, number>; sessions: { overall: number; factors: Record<string, { score: number; insufficient: boolean }> }[] };
    expect(out.threads).toBe(2);
    expect(out.weights.scoping).toBe(100);
    expect(out.sessions[0]!.overall).toBeCloseTo(out.sessions[0]!.factors.scoping!.score, 6);
    // A transcript with a single prompt gives too little to score any factor.
    const one = join(tmp, 'one-prompt.jsonl');
    await writeFile(one, `${JSON.stringify({ type: 'user', uuid: 'u1', sessionId: 's1', timestamp: '2026-01-01T00:00:00.000Z', message: { role: 'user', content: 'fix the build' } })}\n${JSON.stringify({ type: 'assistant', uuid: 'a1', parentUuid: 'u1', sessionId: 's1', timestamp: '2026-01-01T00:00:05.000Z', message: { id: 'm1', role: 'assistant', model: 'claude', content: [{ type: 'text', text: 'Done.' }] } })}\n`);
    const thin = JSON.parse((await cli('score', '--json', one)).stdout) as typeof out;
    expect(Object.values(thin.sessions[0]!.factors).every((f) => f.insufficient)).toBe(true);
    expect(thin.sessions[0]!.overall).toBeNull();
  });

  it('refuses bad weights with exit code 2 and a reason', async () => {
    for (const [w, why] of [
      ['1,2,3', /6 numbers/],
      ['1,2,3,4,5,-1', /non-negative/],
      ['0,0,0,0,0,0', /zero/],
    ] as const) {
      const r = await cli('score', '--weights', w, samples[0]!);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(why);
    }
    expect((await cli('score', '--json', '--csv', samples[0]!)).code).toBe(2);
  });
});
