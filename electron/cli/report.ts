/**
 * `baton report FILE [--review R.baton-review…] [--decision D.baton-decision] [--blind]
 * [--weights W] [--link-base URL] -o OUT.html`: the committee's decision record as HTML, the
 * same page the app writes (shared/committee/report.ts). Reviews are matched to the session by
 * the content hash of FILE; the evidence reel is the automatic one with every annotation.
 * Without --decision, a decision carried in the review files for the session is used.
 */
import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import { extractEvidence } from '../../shared/classifier';
import { promptLanguage } from '../../shared/classifier/language';
import { DEFAULT_WEIGHTS, type Weights } from '../../shared/classifier/weights';
import { blindSession } from '../../shared/committee/blind';
import { parseDecision, type Decision } from '../../shared/committee/decision';
import { fromReviews } from '../../shared/committee/inputs';
import { buildReel } from '../../shared/committee/reel';
import { renderReport, type ReportSession } from '../../shared/committee/report';
import { MemorySink } from '../../shared/import/memory-sink';
import { importSource } from '../../shared/import/pipeline';
import { candidateLabel } from '../../shared/model/candidate';
import { fromSessionDecision } from '../../shared/review/decisions';
import { mergeReviews } from '../../shared/review/merge';
import { MAX_REVIEW_CHARS, parseReview } from '../../shared/review/parse';
import type { BatonReview } from '../../shared/review/schema';
import { reviewKey } from '../../shared/review/session-key';
import { fileSource } from './inspect';
import type { CliIO } from './io';

export const DEFAULT_LINK_BASE = 'http://127.0.0.1:5173/';

export interface ReportOptions {
  reviews: string[];
  decision?: string;
  blind: boolean;
  weights?: Weights;
  linkBase?: string;
  out: string;
  /** The report's date; the clock's when absent (tests pass a fixed one). */
  now?: string;
}

async function readSmall(path: string, limit: number): Promise<string> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new Error(`${path}: no such file`);
  if (!info.isFile()) throw new Error(`${path}: not a file`);
  if (info.size > limit) throw new Error(`${path}: too large (${info.size} bytes; the limit is ${limit})`);
  return readFile(path, 'utf8');
}

export async function report(file: string, opts: ReportOptions, io: CliIO): Promise<number> {
  const reviews: BatonReview[] = [];
  for (const path of opts.reviews) reviews.push(parseReview(await readSmall(path, MAX_REVIEW_CHARS), path));
  const explicit: Decision | undefined = opts.decision ? parseDecision(await readSmall(opts.decision, 1024 * 1024), opts.decision) : undefined;
  if (!(await stat(file).catch(() => undefined))?.isFile()) throw new Error(`${file}: no such file`);

  const sink = new MemorySink(true);
  const imported = await importSource(await fileSource(file), sink, {});
  if (imported.status !== 'imported' && imported.status !== 'duplicate') throw new Error(`${file}: ${imported.message ?? imported.status}`);
  const merged = mergeReviews(reviews);
  for (const note of merged.notes) io.stderr.write(`baton report: ${note}\n`);
  const stored = [...sink.sessions.values()];
  if (!stored.length) throw new Error(`${file}: holds no session`);

  const first = stored[0]!;
  const blinded = opts.blind ? blindSession({ meta: first.info.meta, events: first.events }) : undefined;
  const sessions: ReportSession[] = stored.map((s, i) => {
    // A file with several sessions: each session's hash is the file's hash with its index.
    const hash = stored.length > 1 ? `${imported.contentHash}#${i}` : imported.contentHash;
    const inputs = fromReviews(merged.reviews, hash);
    const result = extractEvidence({ meta: s.info.meta, events: s.events });
    const reel = buildReel({ evidence: result.evidence, events: s.events, durationMs: s.info.meta.durationMs, annotations: inputs.annotations });
    return { hash, title: s.info.meta.title, startedAt: s.info.meta.startedAt, durationMs: s.info.meta.durationMs, eventCount: s.events.length, result, promptsInEnglish: promptLanguage(s.events).english, inputs, reel };
  });
  const keys = sessions.map((s) => reviewKey(s.hash));
  const carried = merged.decisions.find((d) => keys.includes(d.sessionHash));
  const decision = explicit ?? (carried ? fromSessionDecision(carried, sessions[keys.indexOf(carried.sessionHash)]!.hash) : undefined);
  const matched = sessions.reduce((n, s) => n + (s.inputs?.ratings?.length ?? 0) + (s.inputs?.annotations?.length ?? 0), 0);
  if (reviews.length && matched === 0) io.stderr.write(`baton report: no rating or annotation in the review files is for ${file} (session hash ${imported.contentHash.slice(0, 12)}…)\n`);
  const meta = first.info.meta;
  const candidate = blinded ? blinded.pseudonym.name : candidateLabel(meta.candidate);
  const html = renderReport({
    candidate,
    blind: !!blinded,
    ...(blinded ? { blindText: blinded.blind } : {}),
    sessions,
    weights: opts.weights ?? { ...DEFAULT_WEIGHTS },
    presetName: opts.weights ? 'custom' : 'default',
    ...(decision ? { decision } : {}),
    linkBase: opts.linkBase ?? DEFAULT_LINK_BASE,
    generatedAt: opts.now ?? new Date().toISOString(),
  });
  const tmp = `${opts.out}.tmp-${process.pid}`;
  await writeFile(tmp, html);
  await rename(tmp, opts.out);
  io.stdout.write(`${opts.out}: decision record for ${candidate}, ${sessions.length} session${sessions.length === 1 ? '' : 's'}, ${sessions.reduce((n, s) => n + s.result.evidence.length, 0)} evidence items\n`);
  return 0;
}
