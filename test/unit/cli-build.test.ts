/**
 * The compiled command line (vite.cli.config.ts → out/cli/baton.mjs, what `npx baton` runs):
 * built here into a temporary folder, then run as a plain Node program — help, inspect, and
 * score on worker threads loaded from the compiled score-worker.mjs. `baton help` answers
 * without loading the import pipeline: the entry's static imports are only the small chunks.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let out: string;
beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'baton-cli-build-'));
  await build({ configFile: 'vite.cli.config.ts', logLevel: 'silent', build: { outDir: out } });
}, 120_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

const baton = (...args: string[]) => spawnSync(process.execPath, [join(out, 'baton.mjs'), ...args], { encoding: 'utf8', timeout: 60_000 });

describe('the compiled baton CLI', () => {
  it('answers help with the usage text and exit 0, loading only small modules', () => {
    const r = baton('help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: baton <command>/);
    const entry = readFileSync(join(out, 'baton.mjs'), 'utf8');
    const statics = [...entry.matchAll(/^import .* from "\.\/([^"]+)";$/gm)].map((m) => m[1]!);
    const size = statics.reduce((n, f) => n + statSync(join(out, f)).size, statSync(join(out, 'baton.mjs')).size);
    // The import pipeline, zod and the classifier (hundreds of KiB) load only for a command that needs them.
    expect(size).toBeLessThan(32 * 1024);
    expect(readdirSync(out).reduce((n, f) => n + statSync(join(out, f)).size, 0)).toBeGreaterThan(200 * 1024);
  });

  it('inspects a sample and exits 0; a wrong command exits 2 with the usage', () => {
    const r = baton('inspect', 'resources/samples/scoper.baton');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/events\s+74 \(/);
    const bad = baton('bogus');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown command "bogus"');
  });

  it('scores on two worker threads from the compiled worker, the same as in one thread', () => {
    const files = ['resources/samples/scoper.baton', 'resources/samples/thrasher.baton'];
    const two = baton('score', '--json', '--threads', '2', ...files);
    const one = baton('score', '--json', '--threads', '1', ...files);
    expect(two.stderr).toBe('');
    expect(two.status).toBe(0);
    const parsed = JSON.parse(two.stdout) as { threads: number; sessions: unknown[] };
    expect(parsed.threads).toBe(2);
    expect(parsed.sessions).toEqual((JSON.parse(one.stdout) as { sessions: unknown[] }).sessions);
  });
});
