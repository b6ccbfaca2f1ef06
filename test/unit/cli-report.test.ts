/**
 * `baton report` through run(): a sample session as a .baton archive, two reviewers' files
 * (ratings before and after discussion, annotations) and a decision file give a report with
 * every part the committee needs; --blind hides the candidate everywhere; the same inputs give
 * the same HTML apart from its date; bad input names the file.
 */
import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../electron/cli/baton';
import { writeArchiveToBytes } from '../../shared/archive/baton-writer';
import type { SessionEvent } from '../../shared/model/schema';
import { sessionHash } from '../../shared/review/hash';
import type { BatonReviewInput } from '../../shared/review/schema';
import { generateSample } from '../../shared/samples';
import { spanishTranscript } from '../fixtures/spanish-transcript';

const NAME = 'Marguerite Quillfeather';
const USER = 'mquill';
let tmp: string;
let archive: string;
let hash: string;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'baton-report-'));
  const s = generateSample('scoper');
  s.meta.candidate = { id: USER, displayName: NAME };
  s.meta.title = `${NAME} — sample`;
  const extra: SessionEvent[] = [
    { id: 'x-cmd', t: 1000, actor: 'agent', kind: 'command', cmd: 'pwd', cwd: `/home/${USER}/repo`, exitCode: 0, stdout: `/home/${USER}/repo` },
    { id: 'x-prompt', t: 1200, actor: 'candidate', kind: 'prompt', text: `Mail ${USER}@example.com if Marguerite needs to know.` },
  ];
  s.events = [...s.events, ...extra].sort((a, b) => a.t - b.t);
  const bytes = await writeArchiveToBytes({ ...s, createdAt: '2026-03-02T10:00:00.000Z' });
  archive = join(tmp, 'session.baton');
  await writeFile(archive, bytes);
  hash = sessionHash(bytes);
  const scores = (o: number) => ({ scoping: o, tradeoff: o, adversarial: 3, selfcorrection: 3, edgecase: null, sequencing: 4, overall: o });
  const review = (id: string, name: string, before: number, after: number): BatonReviewInput => ({
    format: 'baton-review',
    version: 1,
    reviewer: { id, name, initials: id.toUpperCase(), colour: '#1f77b4' },
    ratings: [{ sessionHash: hash, scores: scores(after), submittedAt: '2026-03-03T10:00:00Z', reason: `${name} changed after the reel`, revisions: [{ scores: scores(before), submittedAt: '2026-03-02T10:00:00Z' }] }],
    annotations: [{ id: `${id}-1`, sessionHash: hash, reviewer: id, t0: 30_000, t1: 50_000, factor: 'scoping', polarity: '+', note: `${id}: Marguerite plans first` }],
  });
  await writeFile(join(tmp, 'r1.baton-review'), JSON.stringify(review('r1', 'Robin Reviewer', 2, 4)));
  await writeFile(join(tmp, 'r2.baton-review'), JSON.stringify(review('r2', 'Sasha Second', 5, 4)));
  await writeFile(join(tmp, 'r3.baton-review'), JSON.stringify(review('r3', 'Toni Third', 1, 1)));
  await writeFile(join(tmp, 'decision.json'), JSON.stringify({ outcome: 'hire', rationale: 'Scoped first; Marguerite tested before committing.', decidedAt: '2026-03-03T11:00:00Z', votes: [{ member: 'Robin Reviewer', vote: 'hire' }, { member: 'Toni Third', vote: 'no-hire', note: 'too slow' }, { member: 'Sasha Second', vote: 'hire' }] }));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}

const reviews = () => ['--review', join(tmp, 'r1.baton-review'), '--review', join(tmp, 'r2.baton-review'), '--review', join(tmp, 'r3.baton-review')];
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('baton report', () => {
  it('writes the decision record with scores, ratings before and after, agreement, dissent, decision and cited moments', async () => {
    const out = join(tmp, 'report.html');
    const r = await cli('report', archive, ...reviews(), '--decision', join(tmp, 'decision.json'), '-o', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const html = await readFile(out, 'utf8');
    const t = text(html);
    expect(t).toContain(`Decision record: ${NAME}`);
    expect(t).toMatch(/classifier baton-classifier-\d+ · weights default \(22, 18, 18, 16, 14, 12\)/);
    expect(t).toContain('Robin Reviewer before 2 2 3 3 — 4 2');
    expect(t).toContain('Robin Reviewer after 4 4 3 3 — 4 4 Robin Reviewer changed after the reel');
    expect(t).toContain("Krippendorff's alpha (interval, factors pooled): before");
    expect(t).toContain('Toni Third rated');
    expect(t).toContain('Toni Third voted No hire: too slow.');
    expect(t).toMatch(/Hire Decided 2026-03-03T11:00:00Z Rationale Scoped first; Marguerite tested before committing\./);
    expect(t).toContain('note by Robin Reviewer');
    expect(html).toContain(`href="http://127.0.0.1:5173/#/open/${hash}?t=30000"`);
    // Every table row is kept whole across pages, and sections break between each other.
    expect(html).toMatch(/tr, blockquote \{ break-inside: avoid; \}/);
  });

  it('takes the decision carried in a review file when no --decision is given', async () => {
    const withDecision = JSON.parse(await readFile(join(tmp, 'r1.baton-review'), 'utf8')) as BatonReviewInput;
    withDecision.decisions = [{ sessionHash: hash, outcome: 'more-evidence', rationale: 'Ask for the burst test.', decidedAt: '2026-03-03T12:00:00Z', votes: [{ member: 'Robin Reviewer', vote: 'no-hire' }] }];
    await writeFile(join(tmp, 'r1-decided.baton-review'), JSON.stringify(withDecision));
    const out = join(tmp, 'carried.html');
    const r = await cli('report', archive, '--review', join(tmp, 'r1-decided.baton-review'), '--review', join(tmp, 'r2.baton-review'), '-o', out);
    expect(r.code).toBe(0);
    const t = text(await readFile(out, 'utf8'));
    expect(t).toMatch(/More evidence Decided 2026-03-03T12:00:00Z Rationale Ask for the burst test\./);
    expect(t).toContain('Robin Reviewer voted No hire');
    // --decision still wins over what the reviews carry.
    await cli('report', archive, '--review', join(tmp, 'r1-decided.baton-review'), '--decision', join(tmp, 'decision.json'), '-o', out);
    expect(text(await readFile(out, 'utf8'))).toMatch(/Hire Decided 2026-03-03T11:00:00Z/);
  });

  it('gives the same HTML for the same inputs in any order, apart from its date', async () => {
    const a = join(tmp, 'a.html');
    const b = join(tmp, 'b.html');
    await cli('report', archive, ...reviews(), '--decision', join(tmp, 'decision.json'), '-o', a);
    await cli('report', archive, '--review', join(tmp, 'r3.baton-review'), '--review', join(tmp, 'r1.baton-review'), '--review', join(tmp, 'r2.baton-review'), '--decision', join(tmp, 'decision.json'), '-o', b);
    const strip = (s: string) => s.replace(/Written by Baton \S+\./, '');
    expect(strip(await readFile(a, 'utf8'))).toBe(strip(await readFile(b, 'utf8')));
  });

  it('--blind hides the name, user name, e-mail and home directory everywhere in the report', async () => {
    const out = join(tmp, 'blind.html');
    const r = await cli('report', archive, ...reviews(), '--decision', join(tmp, 'decision.json'), '--blind', '-o', out);
    expect(r.code).toBe(0);
    const html = await readFile(out, 'utf8');
    expect(html).not.toMatch(/marguerite|quillfeather|mquill|example\.com/i);
    expect(html).toMatch(/Decision record: Candidate [A-Z][a-z]+ [A-Z][a-z]+/);
    expect(html).toContain('Candidate-blind');
    // Without --blind the name is there: the test can fail.
    expect(await readFile(join(tmp, 'report.html'), 'utf8')).toMatch(/Marguerite/);
  });

  it('says beside the scores when the candidate prompted in another language than English', async () => {
    const transcript = join(tmp, 'es-report.jsonl');
    await writeFile(transcript, spanishTranscript('es-report'));
    const out = join(tmp, 'es-report.html');
    const r = await cli('report', transcript, '-o', out);
    expect(r.code).toBe(0);
    expect(text(await readFile(out, 'utf8'))).toContain("The candidate's prompts are not in English.");
    const english = join(tmp, 'en-report.html');
    expect((await cli('report', archive, '-o', english)).code).toBe(0);
    expect(await readFile(english, 'utf8')).not.toContain('not in English');
  });

  it('names the file and the field of a bad review or decision, and needs -o', async () => {
    await writeFile(join(tmp, 'bad.json'), JSON.stringify({ outcome: 'maybe', rationale: '', decidedAt: 'now' }));
    const bad = await cli('report', archive, '--decision', join(tmp, 'bad.json'), '-o', join(tmp, 'x.html'));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`${join(tmp, 'bad.json')}: outcome:`);
    const missing = await cli('report', join(tmp, 'nope.baton'), '-o', join(tmp, 'x.html'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('nope.baton: no such file');
    expect((await cli('report', archive)).code).toBe(2);
    await writeFile(join(tmp, 'broken.baton-review'), '{"format": "baton-review",\n "version": 1,');
    const broken = await cli('report', archive, '--review', join(tmp, 'broken.baton-review'), '-o', join(tmp, 'x.html'));
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/broken\.baton-review: not valid JSON at line \d+/);
  });
});
