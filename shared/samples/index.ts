/**
 * Deterministic sample sessions. `generateSample(style, seed)` plays out one of four scripted
 * sessions (each its own small task and orchestration style); `generateLargeSession()` makes
 * a long synthetic session for benchmarks. Pure: runs in a browser worker and in Node.
 */
import { SessionMeta } from '../model/schema';
import { NARRATION_MS } from './narration-timing';
import { accepter } from './accepter';
import { narrator } from './narrator';
import { createRng, mixSeed } from './prng';
import { Recorder } from './recorder';
import { scoper } from './scoper';
import { thrasher } from './thrasher';
import type { GeneratedSession, StyleScript } from './types';

export { generateLargeSession } from './large';
export { createRng, mulberry32, mixSeed, type Rng } from './prng';
export type { GeneratedSession } from './types';

export const SAMPLE_STYLES = ['scoper', 'accepter', 'thrasher', 'narrator'] as const;
export type SampleStyle = (typeof SAMPLE_STYLES)[number];

/** Seed the committed sample archives are generated with. */
export const DEFAULT_SAMPLE_SEED = 20260302;

const SCRIPTS: Record<SampleStyle, StyleScript> = { scoper, accepter, thrasher, narrator };

const STYLE_LABELS: Record<SampleStyle, string> = {
  scoper: 'scopes first, pushes back, tests before committing',
  accepter: 'accepts everything, commits untested',
  thrasher: 're-runs a failing command, then changes direction',
  narrator: 'thinks aloud (with narration audio)',
};

/** The committed sample archives: resources/samples/<file>. */
export const SAMPLE_FILES: readonly { style: SampleStyle; seed: number; file: string; label: string }[] = SAMPLE_STYLES.map((style) => ({
  style,
  seed: DEFAULT_SAMPLE_SEED,
  file: `${style}.baton`,
  label: STYLE_LABELS[style],
}));

const NAMES = [
  'Priya Raman',
  'Jonas Weber',
  'Amara Okafor',
  'Lucas Moreau',
  'Mei Tanaka',
  'Diego Alvarez',
  'Sofia Lindqvist',
  'Kwame Mensah',
  'Hana Kim',
  'Tomás Novák',
  'Aisha Rahman',
  'Oskar Nieminen',
];

/** A rough spoken length for text espeak-ng has not measured: ~165 words a minute. */
export function estimateSpeechMs(text: string): number {
  const words = text.split(/\s+/).filter(Boolean).length;
  return Math.round(300 + words * 370);
}

export interface SampleOptions {
  /** Measured spoken lengths, overriding the built-in table (used when regenerating audio). */
  speechMs?: (text: string) => number | undefined;
}

export function isSampleStyle(s: string): s is SampleStyle {
  return (SAMPLE_STYLES as readonly string[]).includes(s);
}

/** One realistic session in the given style; the same (style, seed) always gives the same session. */
export function generateSample(style: SampleStyle, seed: number = DEFAULT_SAMPLE_SEED, opts: SampleOptions = {}): GeneratedSession {
  const script = SCRIPTS[style];
  if (!script) throw new RangeError(`unknown sample style "${String(style)}"`);
  const rng = createRng(mixSeed(style, seed));
  const day = rng.int(0, 27);
  const minuteOfDay = rng.int(8 * 60 + 30, 16 * 60);
  const startedAtMs = Date.UTC(2026, 2, 2) + day * 86_400_000 + minuteOfDay * 60_000 + rng.int(0, 59) * 1000;
  const candidate = { id: `cand-${rng.hex(4)}`, displayName: rng.pick(NAMES) };
  const model = 'claude-sonnet-4-5';
  const speech = (text: string) => opts.speechMs?.(text) ?? NARRATION_MS[text] ?? estimateSpeechMs(text);
  const r = new Recorder(rng, { cwd: script.cwd, model, startedAtMs, branch: script.branch, speechMs: speech, pace: script.pace ?? 1 });
  script.script(r);

  for (let i = 1; i < r.events.length; i++) {
    if (r.events[i]!.t < r.events[i - 1]!.t) throw new Error(`sample ${style}: event ${r.events[i]!.id} is out of time order`);
  }
  const meta = SessionMeta.parse({
    id: `sample-${style}-${seed.toString(16)}`,
    title: `Sample · ${script.title}`,
    candidate,
    task: { title: script.title, statement: script.statement },
    source: { format: 'baton' },
    agent: { name: 'claude-code', version: '2.0.14' },
    model,
    startedAt: new Date(startedAtMs).toISOString(),
    durationMs: Math.ceil((r.endT() + 1000) / 1000) * 1000,
    tags: ['sample', `style:${style}`],
  });
  const workspace = [...r.initial].map(([path, content]) => ({ path, content }));
  return { meta, events: r.events, workspace };
}
