/**
 * The rated development set (../shared/rated-sessions, or BATON_RATED_SESSIONS): each
 * transcript imported through the app's own pipeline, its evidence extracted, and both
 * raters' ratings (NA as null).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractEvidence, FACTORS, type ClassifierResult, type FactorId } from '../../shared/classifier';
import { MemorySink } from '../../shared/import/memory-sink';
import { importSource } from '../../shared/import/pipeline';
import type { SessionEvent, SessionMeta } from '../../shared/model/schema';
import { fileSource } from '../../electron/cli/inspect';

const HERE = dirname(fileURLToPath(import.meta.url));
export const RATED_DIR = resolve(process.env.BATON_RATED_SESSIONS ?? join(HERE, '../../../shared/rated-sessions'));

/** The raters' column for each factor, and for the overall rating. */
export const COLUMNS: Record<FactorId | 'overall', string> = { scoping: 'scoping', tradeoffs: 'tradeoff', adversarial: 'adversarial', selfCorrection: 'selfcorrection', edgeCases: 'edgecase', sequencing: 'sequencing', overall: 'overall' };
export type Target = FactorId | 'overall';
export const TARGETS: Target[] = [...FACTORS, 'overall'];

export type Rating = Record<Target, number | null>;

export interface RatedSession {
  id: string;
  meta: SessionMeta;
  events: SessionEvent[];
  raters: Rating[];
  /** Mean of the raters who gave a number, per target (null when none did). */
  mean: Rating;
}

export function readRatings(file: string): Map<string, Rating> {
  const [head, ...rows] = readFileSync(file, 'utf8').trim().split('\n');
  const cols = head!.split('\t');
  const out = new Map<string, Rating>();
  for (const row of rows) {
    const cells = row.split('\t');
    const r = {} as Rating;
    for (const t of TARGETS) {
      const v = cells[cols.indexOf(COLUMNS[t])]?.trim();
      r[t] = !v || v === 'NA' ? null : Number(v);
    }
    out.set(cells[0]!, r);
  }
  return out;
}

export async function loadRated(dir = RATED_DIR): Promise<RatedSession[]> {
  if (!existsSync(dir)) throw new Error(`no rated sessions at ${dir} (set BATON_RATED_SESSIONS)`);
  const raterFiles = readdirSync(dir).filter((f) => /^rater-\d+\.tsv$/.test(f)).sort();
  const ratings = raterFiles.map((f) => readRatings(join(dir, f)));
  const out: RatedSession[] = [];
  for (const file of readdirSync(join(dir, 'sessions')).filter((f) => f.endsWith('.jsonl')).sort()) {
    const id = file.replace(/\.jsonl$/, '');
    const sink = new MemorySink(true);
    const report = await importSource(await fileSource(join(dir, 'sessions', file)), sink, {});
    if (report.status !== 'imported') throw new Error(`${file}: ${report.message ?? report.status}`);
    const s = [...sink.sessions.values()][0]!;
    const raters = ratings.map((m) => m.get(id)).filter((r): r is Rating => !!r);
    const mean = {} as Rating;
    for (const t of TARGETS) {
      const vs = raters.map((r) => r[t]).filter((v): v is number => v !== null);
      mean[t] = vs.length ? vs.reduce((a, b) => a + b, 0) / vs.length : null;
    }
    out.push({ id, meta: s.info.meta, events: s.events, raters, mean });
  }
  return out;
}

/** Items per rule in a result. */
export function ruleCounts(r: ClassifierResult): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of r.evidence) counts[e.rule] = (counts[e.rule] ?? 0) + 1;
  return counts;
}

export const extract = (s: RatedSession) => extractEvidence({ meta: s.meta, events: s.events });
