import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { claudeProjectFiles } from '../fixtures/claude-project';
import { describe, expect, it } from 'vitest';
import { groupImportFiles, subagentLane } from '../../shared/import/group';
import { bytesSource, MemorySink } from '../../shared/import/memory-sink';
import { importSource } from '../../shared/import/pipeline';
import { realPath, realSessionsAvailable } from './helpers/real-sessions';

describe('grouping a folder into import units', () => {
  it('nests 2.1 subagent files under their transcript; leaves everything else alone', () => {
    const paths = [
      'proj/aaa.jsonl',
      'proj/aaa/subagents/agent-x1.jsonl',
      'proj/aaa/subagents/agent-x2.jsonl',
      'proj/bbb.jsonl',
      'proj/ccc/subagents/agent-orphan.jsonl',
      'notes/readme.md',
      'casts/demo.cast',
    ];
    const units = groupImportFiles(paths);
    expect(units.map((u) => [paths[u.main], u.companions.map((c) => [paths[c.index], c.lane])])).toEqual([
      ['proj/aaa.jsonl', [['proj/aaa/subagents/agent-x1.jsonl', 'x1'], ['proj/aaa/subagents/agent-x2.jsonl', 'x2']]],
      ['proj/bbb.jsonl', []],
      ['proj/ccc/subagents/agent-orphan.jsonl', []],
      ['notes/readme.md', []],
      ['casts/demo.cast', []],
    ]);
  });

  it('attaches 2.0 sibling agent files only when one transcript shares the folder', () => {
    const one = groupImportFiles(['p/s1.jsonl', 'p/agent-ab.jsonl']);
    expect(one).toEqual([{ main: 0, companions: [{ index: 1, lane: 'ab' }] }]);
    const two = groupImportFiles(['p/s1.jsonl', 'p/s2.jsonl', 'p/agent-ab.jsonl']);
    expect(two.map((u) => u.companions.length)).toEqual([0, 0, 0]);
    expect(subagentLane('C:\\x\\agent-7f.jsonl')).toBe('7f');
    expect(subagentLane('p/s1.jsonl')).toBeUndefined();
  });
});

describe.skipIf(!realSessionsAvailable)('a real Claude Code project folder', () => {
  it('imports one session per transcript with its subagents as lanes', async () => {
    const dir = 'claude-code/moredip/projects';
    const main = '0ccf1a04-1b4c-43b6-8aa5-79e41db43a68';
    const agents = ['a5bdbc1', 'a9cad17', 'aa5ef13', 'ac27727', 'afbbf75'];
    const src = (rel: string) => bytesSource(rel.split('/').pop()!, new Uint8Array(readFileSync(realPath(dir, rel))));
    const sink = new MemorySink();
    const report = await importSource(src(`${main}.jsonl`), sink, {
      now: () => 0,
      companions: agents.map((a) => ({ source: src(`${main}/subagents/agent-${a}.jsonl`), lane: a })),
    });
    expect(report.status, report.message).toBe('imported');
    expect(report.sessions).toHaveLength(1);
    const s = [...sink.sessions.values()][0]!;
    expect(s.info.meta.lanes.map((l) => l.id).sort()).toEqual(agents);
    // Labels come from the Task calls that started each subagent, not from file names.
    expect(s.info.meta.lanes.every((l) => !l.label.startsWith('Subagent '))).toBe(true);
    // Each subagent file holds exactly one tool_use (counted with python's json module);
    // each lands on its own lane, as the agent's.
    for (const a of agents) {
      const calls = s.events.filter((e) => e.lane === a && e.kind === 'tool_call');
      expect(calls, a).toHaveLength(1);
      expect(s.events.filter((e) => e.lane === a).every((e) => e.actor !== 'candidate')).toBe(true);
    }
    // The main lane is unchanged: its three typed prompts are the candidate's (its three
    // task notifications, counted with scripts/real-claude-counts.py, are the harness's).
    expect(s.events.filter((e) => !e.lane && e.kind === 'prompt' && e.actor === 'candidate')).toHaveLength(3);
  });
});

describe('telling a re-import from a new session', () => {
  const enc = new TextEncoder();
  const files = claudeProjectFiles();
  const main = () => bytesSource('proj-sess-1.jsonl', enc.encode(files['proj-sess-1.jsonl']!));
  const agent = (text: string) => ({ source: bytesSource('agent-f1a2b3c.jsonl', enc.encode(text)), lane: 'f1a2b3c' });
  const subagent = files['proj-sess-1/subagents/agent-f1a2b3c.jsonl']!;

  it('the same transcript with the same subagent file is already in the library', async () => {
    const sink = new MemorySink();
    const first = await importSource(main(), sink, { now: () => 0, companions: [agent(subagent)] });
    expect(first.status, first.message).toBe('imported');
    const again = await importSource(main(), sink, { now: () => 0, companions: [agent(subagent)] });
    expect(again.status).toBe('duplicate');
    expect(sink.sessions.size).toBe(1);
  });

  it('the same transcript with a changed subagent file is a session of its own', async () => {
    const sink = new MemorySink();
    await importSource(main(), sink, { now: () => 0, companions: [agent(subagent)] });
    // The subagent's last line changed: the main transcript is byte for byte the same.
    const lines = subagent.trimEnd().split('\n');
    const changed = [...lines.slice(0, -1), lines.at(-1)!.replace(/"text":\s*"/, '"text": "Changed: ')].join('\n') + '\n';
    expect(changed).not.toBe(subagent);
    const report = await importSource(main(), sink, { now: () => 0, companions: [agent(changed)] });
    expect(report.status, report.message).toBe('imported');
    expect(sink.sessions.size).toBe(2);
    // Nor is the transcript alone the one imported with its subagent.
    const alone = await importSource(main(), sink, { now: () => 0 });
    expect(alone.status).toBe('imported');
    expect(sink.sessions.size).toBe(3);
  });

  it('a file imported on its own keeps the plain SHA-256 of its bytes', async () => {
    const report = await importSource(main(), new MemorySink(), { now: () => 0 });
    expect(report.contentHash).toBe(bytesToHex(sha256(enc.encode(files['proj-sess-1.jsonl']!))));
  });
});

describe('a zip holding a Claude Code project', () => {
  it('imports each transcript with its subagents; other entries are ignored; a bad transcript is reported, not fatal', async () => {
    const enc = new TextEncoder();
    const files = claudeProjectFiles();
    const zip = zipSync({
      'my-project/proj-sess-1.jsonl': enc.encode(files['proj-sess-1.jsonl']!),
      'my-project/proj-sess-1/subagents/agent-f1a2b3c.jsonl': enc.encode(files['proj-sess-1/subagents/agent-f1a2b3c.jsonl']!),
      'my-project/broken.jsonl': enc.encode('{"type": "summary"'),
      'my-project/README.md': enc.encode('# notes'),
    });
    const sink = new MemorySink();
    const report = await importSource(bytesSource('project.zip', zip), sink, { now: () => 0 });
    expect(report.status, report.message).toBe('imported');
    expect(report.format).toBe('claude-code');
    expect(report.sessions).toHaveLength(1);
    expect(sink.staged).toBe(0);
    const s = [...sink.sessions.values()][0]!;
    expect(s.info.meta.lanes).toEqual([{ id: 'f1a2b3c', label: 'Hunt the flaky test' }]);
    expect(s.events.filter((e) => e.lane === 'f1a2b3c').map((e) => e.kind)).toEqual(['prompt', 'tool_call', 'response']);
    expect(report.problems).toContainEqual(expect.objectContaining({ file: 'project.zip:my-project/broken.jsonl', severity: 'error' }));
    expect(report.problems.some((p) => /1 entries that are not \.jsonl/.test(p.reason))).toBe(true);
  });

  it('a zip with neither transcripts nor a manifest fails with a message and stores nothing', async () => {
    const sink = new MemorySink();
    const zip = zipSync({ 'a/b.jsonl': new TextEncoder().encode('not json\n') });
    const report = await importSource(bytesSource('junk.zip', zip), sink, { now: () => 0 });
    expect(report.status).toBe('failed');
    expect(report.message).toMatch(/junk\.zip/);
    expect(sink.sessions.size).toBe(0);
    expect(sink.staged).toBe(0);
  });
});
