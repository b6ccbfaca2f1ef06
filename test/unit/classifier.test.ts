import { readdirSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CLASSIFIER_VERSION,
  combine,
  DEFAULT_WEIGHTS,
  extractEvidence,
  factorScore,
  FACTORS,
  itemPoints,
  PARAMS,
  RULES,
  type ClassifierResult,
  type FactorId,
} from '../../shared/classifier';
import { parseWeights, setWeight } from '../../shared/classifier/weights';
import { uniqueCandidateTexts } from '../../shared/classifier/dedupe';
import { buildIndexes } from '../../shared/classifier/session-index';
import { bytesSource, MemorySink } from '../../shared/import/memory-sink';
import { importSource } from '../../shared/import/pipeline';
import type { SessionEvent } from '../../shared/model/schema';
import { DEFAULT_SAMPLE_SEED, generateSample } from '../../shared/samples';
import { allRealFiles, REAL_SESSIONS_DIR, realSessionsAvailable } from './helpers/real-sessions';

type Ev = SessionEvent;
let seq = 0;
const id = () => `e${seq++}`;
const prompt = (t: number, text: string, actor: Ev['actor'] = 'candidate'): Ev => ({ id: id(), t, actor, kind: 'prompt', text });
const response = (t: number, text: string): Ev => ({ id: id(), t, actor: 'agent', kind: 'response', text });
const diff = (t: number, path: string, before: string, after: string, actor: Ev['actor'] = 'agent'): Ev => ({ id: id(), t, actor, kind: 'diff', path, change: 'modified', before, after });
const cmd = (t: number, c: string, exitCode: number, actor: Ev['actor'] = 'agent'): Ev => ({ id: id(), t, actor, kind: 'command', cmd: c, exitCode });
const commit = (t: number): Ev => ({ id: id(), t, actor: 'agent', kind: 'git_action', action: 'commit', message: 'wip' });
const session = (events: Ev[], statement = 'Make the retry client handle 503 responses.') => ({ meta: { task: { title: 'Retry client', statement } }, events });
const rules = (events: Ev[], f: FactorId) => {
  const r = extractEvidence(session(events));
  return r.byFactor[f].map((i) => r.evidence[i]!);
};

const CLIENT_V1 = 'export async function fetchWithRetry(url) {\n  return fetch(url);\n}\n';
const CLIENT_V2 = 'export async function fetchWithRetry(url) {\n  for (let i = 0; i < 3; i++) {\n    const r = await fetch(url);\n    if (r.status !== 503) return r;\n  }\n}\n';

describe('rules, each with a minimal positive and negative session', () => {
  const names = (ev: { rule: string; points: number }[]) => ev.map((e) => [e.rule, e.points > 0]);

  it('scoping: a plan asked for and a constraint stated before the first diff score; a terse start counts against', () => {
    const good = rules([prompt(0, 'Change fetchWithRetry in client.ts: it must not retry POST requests, and keep the signature. First outline the plan for fetchWithRetry.'), diff(10, 'src/client.ts', CLIENT_V1, CLIENT_V2)], 'scoping');
    expect(names(good)).toEqual(expect.arrayContaining([['plan-first', true], ['constraint', true], ['prepared-launch', true]]));
    expect(good.every((e) => e.points > 0)).toBe(true);
    expect(good.find((e) => e.rule === 'constraint')!.spans.length).toBeGreaterThan(0);
    const bad = rules([prompt(0, 'just fix it'), diff(10, 'src/client.ts', CLIENT_V1, CLIENT_V2)], 'scoping');
    expect(names(bad)).toEqual([['unprepared-launch', false], ['terse-start', false]]);
  });

  it('scoping: a structured plan handed to the agent counts as scoping', () => {
    const plan = ['Implement the following plan for fetchWithRetry in client.ts:', '## Changes', '1. Retry only GET requests on a 503 response; keep POST requests as they are.', '2. Honour the Retry-After header of the 503 response, capped at 30 seconds per wait.', '3. Add tests in client.test.ts for three 503 responses in a row and for a POST.', '4. Log each retry of fetchWithRetry at debug level with the attempt number and the wait in milliseconds.', '5. Keep the exported signature of fetchWithRetry in client.ts unchanged so the callers do not move.', '## Verification', '- Run the client tests and the type check before committing the change.'].join('\n');
    expect(rules([response(0, 'fetchWithRetry lives in client.ts'), prompt(1, plan)], 'scoping').map((e) => e.rule)).toContain('wrote-plan');
  });

  it('scoping: a plan sent back in plan mode with the candidate’s changes counts; approving one counts', () => {
    const ev = rules([response(0, 'Plan: add a retry loop to fetchWithRetry in client.ts.'), { id: id(), t: 1, actor: 'candidate', kind: 'approval', tool: 'ExitPlanMode', granted: false, reason: 'keep POST requests out of fetchWithRetry and cap the retries at 3' }, { id: id(), t: 2, actor: 'candidate', kind: 'approval', tool: 'ExitPlanMode', granted: true }], 'scoping');
    expect(names(ev)).toEqual(expect.arrayContaining([['revised-plan', true], ['plan-approved', true]]));
  });

  it('tradeoffs: an alternative weighed with a criterion and a reason; a new dependency without reasoning counts against', () => {
    const good = rules([response(0, 'I can use p-retry or write a loop in fetchWithRetry.'), prompt(1, 'Write the loop in fetchWithRetry rather than adding p-retry, because a dependency is riskier than ten lines.')], 'tradeoffs');
    expect(names(good)).toEqual(expect.arrayContaining([['gave-reason', true], ['compared-options', true], ['weighed-alternatives', true]]));
    const bad = rules([prompt(0, 'do it'), diff(5, 'package.json', '{\n  "dependencies": {}\n}\n', '{\n  "dependencies": {\n    "p-retry": "^6.0.0"\n  }\n}\n')], 'tradeoffs');
    expect(names(bad)).toEqual([['unreasoned-large-change', false]]);
  });

  it('adversarial: a challenge naming the agent’s work scores, a bare "looks good" after an unverified diff counts against, a refusal scores', () => {
    const good = rules([diff(0, 'src/client.ts', CLIENT_V1, CLIENT_V2), prompt(5, 'Why does fetchWithRetry return undefined after the third 503? That is wrong.')], 'adversarial');
    expect(names(good)).toContainEqual(['challenge', true]);
    const bad = rules([diff(0, 'src/client.ts', CLIENT_V1, CLIENT_V2), prompt(5, 'ok looks good')], 'adversarial');
    expect(names(bad)).toEqual([['rubber-stamp', false]]);
    const verified = rules([diff(0, 'src/client.ts', CLIENT_V1, CLIENT_V2), cmd(2, 'npm test', 0), prompt(5, 'ok looks good')], 'adversarial');
    expect(verified).toEqual([]);
    const denied = rules([{ id: id(), t: 0, actor: 'candidate', kind: 'approval', tool: 'Bash', granted: false }], 'adversarial');
    expect(denied.map((e) => e.rule)).toEqual(['refused-tool-use']);
    const said = rules([response(0, 'I will run the migration on the shared database.'), { id: id(), t: 1, actor: 'candidate', kind: 'approval', tool: 'Bash', granted: false, reason: "The user doesn't want to proceed with this tool use. To tell you how to proceed, the user said: not on the shared database, use a copy of the migration first" }], 'adversarial');
    expect(said.map((e) => e.rule)).toEqual(['refused-with-reason']);
    // The first prompt of a session answers nothing: no challenge to credit.
    expect(rules([prompt(0, 'Why does fetchWithRetry return undefined? That is wrong.')], 'adversarial')).toEqual([]);
  });

  it('adversarial: an agent edit undone at the candidate’s request is a revert', () => {
    const ev = rules([diff(0, 'src/client.ts', CLIENT_V1, CLIENT_V2), prompt(3, 'Put fetchWithRetry back the way it was.'), diff(5, 'src/client.ts', CLIENT_V2, CLIENT_V1)], 'adversarial');
    expect(ev.map((e) => e.rule)).toContain('reverted-agent-edit');
  });

  it('self-correction: the candidate’s own change of course; a change of direction after their check failed, credited most when it then passes; re-running unchanged counts against', () => {
    const own = rules([response(0, 'I added the cache to fetchWithRetry in client.ts.'), prompt(5, 'Actually, let’s go back: drop the cache in fetchWithRetry, it hides the 503 responses.')], 'selfCorrection');
    expect(names(own)).toContainEqual(['own-course-change', true]);
    const good = rules([cmd(0, 'npm test', 1, 'candidate'), prompt(5, 'The mock never resolves; use fake timers in client.test.ts instead.'), diff(8, 'test/client.test.ts', 'a', 'b'), cmd(10, 'npm test', 0, 'candidate')], 'selfCorrection');
    expect(names(good)).toContainEqual(['corrected-and-verified', true]);
    const bad = rules([cmd(0, 'npm test', 1, 'candidate'), prompt(1, 'try again'), cmd(2, 'npm test', 1, 'candidate')], 'selfCorrection');
    expect(bad[0]).toMatchObject({ rule: 'repeated-failure', positive: false });
    // The agent's own failing command is not the candidate's to correct.
    expect(rules([cmd(0, 'npm test', 1), prompt(5, 'The mock never resolves; use fake timers in client.test.ts.'), cmd(10, 'npm test', 0)], 'selfCorrection').map((e) => e.rule)).not.toContain('corrected-and-verified');
  });

  it('edge cases: a scenario raised about this code scores; a category the task did not mention, raised and then covered, scores', () => {
    const scenario = rules([response(0, 'fetchWithRetry now retries every request in client.ts.'), prompt(2, 'What if the server sends a 503 to a POST in fetchWithRetry, would it send the body twice?')], 'edgeCases');
    expect(names(scenario)).toContainEqual(['raised-scenario', true]);
    const ev = rules([diff(0, 'src/client.ts', CLIENT_V1, CLIENT_V2), prompt(2, 'What does fetchWithRetry do with an empty url? Add a test for it.'), diff(4, 'test/client.test.ts', '', 'it("rejects an empty url", ...)\n')], 'edgeCases');
    expect(ev.find((e) => e.rule === 'edge-case-covered')).toBeTruthy();
    // The task statement mentions timeouts: raising them is no credit.
    const r = extractEvidence(session([prompt(2, 'What happens in fetchWithRetry when it times out?')], 'Handle timeouts in the retry client.'));
    expect(r.byFactor.edgeCases.map((i) => r.evidence[i]!.rule)).not.toContain('edge-case-raised');
  });

  it('sequencing: a read the candidate asked for before editing scores; a read the harness forced does not; commits need tests after the last edit; shipping unchecked edits counts against', () => {
    const asked = rules([prompt(0, 'Read client.ts first and explain fetchWithRetry.'), diff(5, 'src/client.ts', CLIENT_V1, CLIENT_V2), cmd(6, 'npm test', 0, 'candidate'), commit(7)], 'sequencing');
    expect(names(asked)).toEqual(expect.arrayContaining([['asked-to-understand-first', true], ['ordered-the-work', true], ['read-before-write', true], ['tested-before-commit', true], ['tested-after-last-edit', true]]));
    const harness: Ev[] = [prompt(0, 'make it retry'), { id: id(), t: 1, actor: 'agent', kind: 'tool_call', name: 'Read', category: 'read', status: 'ok', input: { file_path: 'src/client.ts' } }, diff(5, 'src/client.ts', CLIENT_V1, CLIENT_V2), commit(7)];
    expect(names(rules(harness, 'sequencing'))).toEqual([
      ['write-without-directed-read', false],
      ['committed-untested', false],
      ['untested-at-end', false],
    ]);
    const own = rules([prompt(0, 'make fetchWithRetry retry on 503 in client.ts'), diff(5, 'src/client.ts', CLIENT_V1, CLIENT_V2), cmd(6, 'npx vitest run test/client.test.ts', 0, 'candidate')], 'sequencing');
    expect(names(own)).toContainEqual(['checked-themselves', true]);
    const shipped = rules([prompt(0, 'make fetchWithRetry retry'), diff(5, 'src/client.ts', CLIENT_V1, CLIENT_V2), prompt(6, 'commit and push it')], 'sequencing');
    expect(names(shipped)).toContainEqual(['shipped-unverified', false]);
  });
});

describe('rules and constants', () => {
  it('every rule the factor modules can record has a weight, a prior and a sign, in the factor it belongs to', () => {
    expect(Object.keys(PARAMS.weights).sort()).toEqual(Object.keys(RULES).sort());
    const dir = new URL('../../shared/classifier/factors/', import.meta.url);
    const named = new Map<string, string>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'common.ts')) {
      const src = readFileSync(new URL(file, dir), 'utf8');
      const factor = /factor: '(\w+)'/.exec(src)![1]!;
      for (const m of src.matchAll(/(?:rule|bareRule): ([^,}]+)/g)) for (const q of m[1]!.matchAll(/'([a-z-]+)'/g)) named.set(q[1]!, factor);
    }
    expect(named.size).toBeGreaterThan(40);
    for (const [rule, factor] of named) {
      expect(RULES[rule], rule).toBeDefined();
      expect(RULES[rule]!.factor, rule).toBe(factor);
      expect(Math.sign(PARAMS.weights[rule]!) * RULES[rule]!.sign, rule).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('near-duplicate text counts once', () => {
  const scoped = (texts: string[]) =>
    rules([...texts.map((t, i) => prompt(i, t)), diff(texts.length + 100, 'src/client.ts', CLIENT_V1, CLIENT_V2)], 'scoping').filter((e) => e.rule === 'constraint').length;
  const A = 'Change fetchWithRetry in client.ts: it must not retry POST requests, and keep the signature the same.';

  it('an exact or nearly exact repeat earns nothing more; a different prompt does', () => {
    expect(scoped([A])).toBe(1);
    expect(scoped([A, A])).toBe(1);
    expect(scoped([A, A.replace('the same', 'as it is')])).toBe(1); // one phrase reworded: Jaccard of trigrams ≥ 0.8
    expect(scoped([A, 'In client.ts, fetchWithRetry must back off exponentially; never retry more than 4 times.'])).toBe(2);
  });

  it('matches a brute-force reading of the rule (trigram Jaccard ≥ 0.8 against every kept prompt) on a long varied session', () => {
    const words = 'parser cache queue socket ledger schema router buffer token cursor widget shard budget invoice vector matrix beacon quota retry header body stream limit window bucket clock jitter backoff status timeout signal abort handler request response session cookie origin proxy tenant'.split(' ');
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), (seed >>> 16) % n);
    const texts = [A];
    for (let i = 0; i < 300; i++) {
      // Either a fresh prompt or a light edit of an earlier one (so both outcomes occur).
      if (i > 10 && rnd(3) === 0) {
        const prev = texts[rnd(texts.length)]!;
        texts.push(rnd(2) ? `${prev} ${words[rnd(words.length)]}` : prev.replace(/\b\w+\b/, words[rnd(words.length)]!));
      } else texts.push(`In client.ts the ${Array.from({ length: 6 + rnd(8) }, () => words[rnd(words.length)]).join(' ')} must not change.`);
      if (i % 50 === 49) texts.push(A, `${A} `);
    }
    const norm = (t: string) => t.toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, ' ').replace(/\s+/g, ' ').trim();
    const grams = (t: string) => new Set(Array.from({ length: Math.max(0, norm(t).length - 2) }, (_, i) => norm(t).slice(i, i + 3)));
    const jac = (a: Set<string>, b: Set<string>) => {
      const inter = [...a].filter((x) => b.has(x)).length;
      return inter / (a.size + b.size - inter);
    };
    const kept: Set<string>[] = [];
    for (const t of texts) {
      const g = grams(t);
      if (!kept.some((k) => jac(k, g) >= 0.8)) kept.push(g);
    }
    expect(kept.length).toBeGreaterThan(100);
    expect(kept.length).toBeLessThan(texts.length - 30);
    // The prompts the classifier judges are exactly those the brute force keeps.
    const events = texts.map((t, i) => prompt(i, t));
    expect(uniqueCandidateTexts(events, buildIndexes(events)).size).toBe(kept.length);
  });
});

describe('scores', () => {
  it('a factor score is recomputable from its evidence alone: the base plus the items’ points', () => {
    const s = generateSample('scoper', DEFAULT_SAMPLE_SEED);
    const r = extractEvidence(s);
    const c = combine(r);
    for (const f of FACTORS) {
      const ev = r.byFactor[f].map((i) => r.evidence[i]!);
      expect(factorScore(f, ev, r.opportunities[f]).score).toBeCloseTo(c.factors[f].score, 9);
      const sum = r.byFactor[f].reduce((a, i) => a + c.contribution[i]!.factor, 0);
      expect(PARAMS.base[f] + sum).toBeCloseTo(c.factors[f].score, 6);
    }
  });

  it('a rule’s repeated items count with diminishing returns, and a clipped score scales its contributions', () => {
    expect(itemPoints(10, 1)).toBeCloseTo(10);
    expect(itemPoints(10, 2)).toBeCloseTo(10 * (Math.log2(3) - 1));
    expect(itemPoints(10, 2)).toBeLessThan(itemPoints(10, 1));
    const r = extractEvidence(session(Array.from({ length: 40 }, (_, k) => [response(2 * k, `fetchWithRetry attempt ${k} in client.ts`), prompt(2 * k + 1, `Why does fetchWithRetry fail on attempt ${k} in client.ts? That is wrong, attempt ${k} must pass.`)]).flat()));
    const c = combine(r);
    const sum = r.byFactor.adversarial.reduce((a, i) => a + c.contribution[i]!.factor, 0);
    expect(c.factors.adversarial.score).toBeLessThanOrEqual(100);
    expect(PARAMS.base.adversarial + sum).toBeCloseTo(c.factors.adversarial.score, 6);
  });

  it('under three candidate turns a factor is insufficient and its weight spread', () => {
    const r: ClassifierResult = { version: CLASSIFIER_VERSION, evidence: [], byFactor: Object.fromEntries(FACTORS.map((f) => [f, []])) as unknown as ClassifierResult['byFactor'], opportunities: Object.fromEntries(FACTORS.map((f) => [f, 5])) as ClassifierResult['opportunities'] };
    const add = (f: FactorId, points: number[]) => points.forEach((p) => r.byFactor[f].push(r.evidence.push({ factor: f, rule: 'x', points: p, value: 0.5 + p / 100, positive: p >= 0, strength: 0, eventIds: [], spans: [], t: 0, explanation: '' }) - 1));
    add('scoping', [10, 10, 10]);
    add('sequencing', [-10, -10, -10]);
    r.opportunities.tradeoffs = 2;
    const c = combine(r);
    expect(c.factors.tradeoffs.insufficient).toBe(true);
    expect(c.factors.tradeoffs.effectiveWeight).toBe(0);
    expect(c.factors.scoping.score).toBeCloseTo(PARAMS.base.scoping + 30);
    expect(Object.values(c.factors).reduce((a, f) => a + f.effectiveWeight, 0)).toBeCloseTo(100);
    expect(c.factors.scoping.effectiveWeight / c.factors.sequencing.effectiveWeight).toBeCloseTo(22 / 12);
    expect(c.why).toMatch(/Too little evidence to score tradeoff articulation/);
    // A session with one prompt has too little to score at all.
    expect(combine(extractEvidence(session([prompt(0, 'fix fetchWithRetry')]))).overall).toBeNull();
  });

  it('the bundled samples rank in the order their styles intend', () => {
    const overall = (style: 'scoper' | 'narrator' | 'thrasher' | 'accepter') => combine(extractEvidence(generateSample(style, DEFAULT_SAMPLE_SEED))).overall!;
    const s = { scoper: overall('scoper'), narrator: overall('narrator'), thrasher: overall('thrasher'), accepter: overall('accepter') };
    expect(s.scoper).toBeGreaterThan(s.thrasher);
    expect(s.narrator).toBeGreaterThan(s.thrasher);
    expect(s.thrasher).toBeGreaterThan(s.accepter);
    expect(s.scoper - s.accepter).toBeGreaterThan(15);
  });
});

describe('metamorphic properties', () => {
  const base = () => generateSample('thrasher', DEFAULT_SAMPLE_SEED);

  it('an anchored challenge after a model diff raises adversarial prompting', () => {
    const s = base();
    const before = combine(extractEvidence(s)).factors.adversarial.score;
    const d = [...s.events].reverse().find((e) => e.kind === 'diff' && e.actor === 'agent')!;
    if (d.kind !== 'diff') throw new Error('no diff');
    const name = d.path.split('/').pop()!;
    const events = [...s.events, { id: 'challenge', t: d.t + 1, actor: 'candidate' as const, kind: 'prompt' as const, text: `That change to ${name} is wrong: why did you remove the existing check?` }];
    expect(combine(extractEvidence({ ...s, events })).factors.adversarial.score).toBeGreaterThan(before);
  });

  it('stuffing prompts with cue words and nothing of the session raises no factor by more than 5 points', () => {
    for (const style of ['scoper', 'thrasher', 'accepter'] as const) {
      const s = generateSample(style, DEFAULT_SAMPLE_SEED);
      const a = combine(extractEvidence(s));
      const stuffed = s.events.map((e) => (e.kind === 'prompt' && e.actor === 'candidate' ? { ...e, text: `${e.text}\nAre you sure? Consider the edge case and the tradeoff, because performance or readability matter. Think about null and unicode.` } : e));
      const b = combine(extractEvidence({ ...s, events: stuffed }));
      for (const f of FACTORS) expect(b.factors[f].score - a.factors[f].score, `${style} ${f}`).toBeLessThanOrEqual(5);
    }
  });

  it('a session concatenated with itself moves no factor by more than 5 points', () => {
    for (const style of ['scoper', 'thrasher', 'accepter', 'narrator'] as const) {
      const s = generateSample(style, DEFAULT_SAMPLE_SEED);
      const end = Math.max(...s.events.map((e) => e.t)) + 60_000;
      const twice = [...s.events, ...s.events.map((e) => ({ ...e, id: `${e.id}-2`, t: e.t + end, ...(e.kind === 'narration' ? { endT: e.endT + end } : {}) }))] as SessionEvent[];
      const a = combine(extractEvidence(s));
      const b = combine(extractEvidence({ ...s, events: twice }));
      for (const f of FACTORS) expect(Math.abs(b.factors[f].score - a.factors[f].score), `${style} ${f}`).toBeLessThanOrEqual(5);
    }
  });

  it('actions moved from the candidate to the agent earn nothing', () => {
    const s = generateSample('scoper', DEFAULT_SAMPLE_SEED);
    const asAgent = s.events.map((e) => ({ ...e, actor: e.actor === 'candidate' ? ('agent' as const) : e.actor })) as SessionEvent[];
    const r = extractEvidence({ ...s, events: asAgent });
    expect(r.evidence.filter((e) => e.points > 0)).toEqual([]);
  });

  it('is deterministic: the same session gives byte-identical results', () => {
    const s = generateSample('narrator', DEFAULT_SAMPLE_SEED);
    expect(JSON.stringify(extractEvidence(s))).toBe(JSON.stringify(extractEvidence(structuredClone(s))));
    expect(JSON.stringify(combine(extractEvidence(s)))).toBe(JSON.stringify(combine(extractEvidence(s))));
  });
});

describe('weights', () => {
  it('sliders always sum to 100; locked factors never move', () => {
    const w = setWeight({ ...DEFAULT_WEIGHTS }, 'scoping', 40, new Set(['sequencing']));
    expect(Object.values(w).reduce((a, b) => a + b, 0)).toBe(100);
    expect(w.scoping).toBe(40);
    expect(w.sequencing).toBe(12);
    expect(Object.values(w).every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
    const all = setWeight({ ...DEFAULT_WEIGHTS }, 'scoping', 100);
    expect(all).toEqual({ scoping: 100, tradeoffs: 0, adversarial: 0, selfCorrection: 0, edgeCases: 0, sequencing: 0 });
  });

  it('parses CLI weights and explains bad ones', () => {
    expect(parseWeights('22,18,18,16,14,12')).toEqual(DEFAULT_WEIGHTS);
    expect(Object.values(parseWeights('1,1,1,1,1,1')).reduce((a, b) => a + b, 0)).toBe(100);
    expect(() => parseWeights('1,2,3')).toThrow(/6 numbers/);
    expect(() => parseWeights('1,2,3,4,5,x')).toThrow(/non-negative/);
    expect(() => parseWeights('0,0,0,0,0,0')).toThrow(/zero/);
  });
});

describe.skipIf(!realSessionsAvailable)('every real log scores without error', () => {
  const files = allRealFiles().map((f) => relative(REAL_SESSIONS_DIR, f).split('\\').join('/'));
  it.each(files)('%s', async (rel) => {
    const sink = new MemorySink();
    const report = await importSource(bytesSource(rel, new Uint8Array(readFileSync(`${REAL_SESSIONS_DIR}/${rel}`))), sink, { now: () => 0 });
    for (const s of sink.sessions.values()) {
      const c = combine(extractEvidence({ meta: s.info.meta, events: s.events }));
      for (const f of FACTORS) expect(c.factors[f].score).toBeGreaterThanOrEqual(0);
      if (c.overall !== null) expect(c.overall).toBeLessThanOrEqual(100);
    }
    expect(['imported', 'failed']).toContain(report.status);
  });
});
