/**
 * The committee's decision record as one self-contained HTML page (inline CSS, no script, no
 * network): the candidate (or pseudonym) and sessions, the classifier's scores with the
 * weights and classifier version, each reviewer's ratings before and after discussion with
 * their reasons, the agreement figures, dissent, the decision and its rationale, and every
 * cited moment with its time and a deep link back into Baton.
 *
 * Deterministic: the same input gives the same bytes apart from `generatedAt`. Print CSS keeps
 * sections whole when they fit, breaks long tables between rows (never inside one) and
 * repeats their headers; page numbers come from the @page margin box (and, in the desktop
 * app, printToPDF's footer).
 */
import { combine } from '../classifier/score';
import type { ClassifierResult } from '../classifier/types';
import { FACTOR_LABELS, FACTORS, type Weights } from '../classifier/weights';
import { REVIEW_FACTORS, type ReviewFactor } from '../review/factors';
import type { Blind } from './blind';
import { OUTCOME_LABELS, tally, type Decision } from './decision';
import type { CommitteeInputs, CommitteeReviewer, CommitteeScores } from './inputs';
import { caption, type Reel } from './reel';
import { agreementFigures, ratingDissent, type PhaseFigures } from './report-data';

export interface ReportSession {
  /** Content hash: the deep link's key, the same on every machine that imported the file. */
  hash: string;
  title: string;
  startedAt: string;
  durationMs: number;
  eventCount: number;
  result: ClassifierResult;
  /** false when the candidate's prompts are not in English (classifier/language.ts): the scores understate the session. */
  promptsInEnglish?: boolean;
  inputs?: CommitteeInputs;
  reel?: Reel;
}

export interface ReportInput {
  /** The candidate's name, or the pseudonym in blind mode. */
  candidate: string;
  blind: boolean;
  /** Applied to every text taken from a session (titles, explanations, notes, rationale). */
  blindText?: Blind;
  sessions: ReportSession[];
  weights: Weights;
  presetName?: string;
  decision?: Decision;
  /** Deep links are `${linkBase}#/open/<hash>?t=<ms>`. */
  linkBase: string;
  /** ISO time the report was written: the only part that differs between runs. */
  generatedAt: string;
}

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ESC[c]!);

/** 65_000 → "1:05", 3_723_000 → "1:02:03". */
export function clock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

export function deepLink(linkBase: string, hash: string, t: number): string {
  return `${linkBase}#/open/${encodeURIComponent(hash)}?t=${Math.round(t)}`;
}

const REVIEW_LABELS: Record<ReviewFactor, string> = {
  scoping: FACTOR_LABELS.scoping,
  tradeoff: FACTOR_LABELS.tradeoffs,
  adversarial: FACTOR_LABELS.adversarial,
  selfcorrection: FACTOR_LABELS.selfCorrection,
  edgecase: FACTOR_LABELS.edgeCases,
  sequencing: FACTOR_LABELS.sequencing,
  overall: 'Overall',
};

const num = (x: number | null | undefined, d = 0) => (x === null || x === undefined ? '—' : x.toFixed(d));
const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);

export const REPORT_CSS = `
@page { size: A4; margin: 16mm 14mm 18mm; @bottom-center { content: "Page " counter(page) " of " counter(pages); font: 9pt system-ui, sans-serif; color: #333; } }
* { box-sizing: border-box; }
body { font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111; background: #fff; margin: 0 auto; max-width: 60rem; padding: 1.5rem; }
h1 { font-size: 20pt; margin: 0 0 .25rem; }
h2 { font-size: 14pt; margin: 1.5rem 0 .5rem; border-bottom: 2px solid #111; padding-bottom: .2rem; break-after: avoid; }
.language-note { border-left: 3px solid #a15c00; background: #fff1d6; padding: .3rem .6rem; }
h3 { font-size: 12pt; margin: 1rem 0 .4rem; break-after: avoid; }
p, li, tr, blockquote { break-inside: avoid; }
section { break-inside: avoid-page; }
section.long { break-inside: auto; }
table { border-collapse: collapse; width: 100%; margin: .25rem 0 .75rem; font-size: 10pt; }
thead { display: table-header-group; }
th, td { border: 1px solid #555; padding: .25rem .4rem; text-align: left; vertical-align: top; }
th { background: #e8e8e8; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.muted { color: #444; }
.outcome { font-size: 16pt; font-weight: 700; }
blockquote { margin: .5rem 0; padding: .5rem .75rem; border-left: 4px solid #111; background: #f3f3f3; white-space: pre-wrap; }
a { color: #0645ad; }
.pos { color: #05600f; font-weight: 700; }
.neg { color: #8a0000; font-weight: 700; }
@media print { body { max-width: none; padding: 0; } a { color: #111; } }
`;

interface Ctx {
  t: (s: string) => string;
  input: ReportInput;
}

function reviewerName(reviewers: readonly CommitteeReviewer[] | undefined, id: string): string {
  return reviewers?.find((r) => r.id === id)?.name ?? id;
}

function scoresSection(c: Ctx, s: ReportSession): string {
  const sc = combine(s.result, c.input.weights);
  const rows = FACTORS.map((f) => {
    const fs = sc.factors[f];
    return `<tr><td>${esc(FACTOR_LABELS[f])}</td><td class="n">${c.input.weights[f]}%</td><td class="n">${fs.insufficient ? 'insufficient evidence' : num(fs.score)}</td><td class="n">${s.result.byFactor[f].length}</td></tr>`;
  }).join('');
  return `<h3>Classifier scores</h3>
<p>Overall <strong>${sc.overall === null ? 'insufficient evidence' : num(sc.overall)}</strong> of 100 · classifier <code>${esc(s.result.version)}</code> · weights ${esc(c.input.presetName ?? 'custom')} (${FACTORS.map((f) => c.input.weights[f]).join(', ')})</p>
${s.promptsInEnglish === false ? '<p class="language-note"><strong>The candidate\'s prompts are not in English.</strong> The classifier reads English phrasing, so it finds little of what it looks for in this session, and these scores understate it.</p>\n' : ''}<table><thead><tr><th>Factor</th><th>Weight</th><th>Score</th><th>Evidence items</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function scoreCells(s: CommitteeScores | undefined): string {
  return REVIEW_FACTORS.map((f) => `<td class="n">${s ? num(s.scores[f] ?? null) : ''}</td>`).join('');
}

function ratingsSection(c: Ctx, s: ReportSession): string {
  const ratings = [...(s.inputs?.ratings ?? [])].sort((a, b) => (a.reviewer < b.reviewer ? -1 : 1));
  if (!ratings.length) return `<h3>Reviewers' ratings</h3><p class="muted">No reviewer ratings were given for this session.</p>`;
  const head = `<tr><th>Reviewer</th><th>When</th>${REVIEW_FACTORS.map((f) => `<th>${esc(REVIEW_LABELS[f])}</th>`).join('')}<th>Reason</th></tr>`;
  const rows = ratings
    .map((r) => {
      const name = esc(reviewerName(s.inputs?.reviewers, r.reviewer));
      const before = r.before ? `<tr><td>${name}</td><td>before</td>${scoreCells(r.before)}<td>${c.t(r.before.reason ?? '')}</td></tr>` : '';
      return `${before}<tr><td>${name}</td><td>${r.before ? 'after' : 'only'}</td>${scoreCells(r.after)}<td>${c.t(r.after.reason ?? '')}</td></tr>`;
    })
    .join('');
  return `<h3>Reviewers' ratings (1–5; before and after discussion)</h3><table><thead>${head}</thead><tbody>${rows}</tbody></table>`;
}

function phaseRows(label: string, p: PhaseFigures): string {
  return p.factors.map((f) => `<tr><td>${label}</td><td>${esc(REVIEW_LABELS[f.factor])}</td><td class="n">${f.n}</td><td class="n">${num(f.mean, 2)}</td><td class="n">${f.min === null ? '—' : `${f.min}–${f.max}`}</td><td class="n">${pct(f.withinOne)}</td></tr>`).join('');
}

function agreementSection(s: ReportSession): string {
  const ratings = s.inputs?.ratings ?? [];
  if (ratings.length < 2) return `<h3>Agreement</h3><p class="muted">Agreement needs at least two reviewers' ratings.</p>`;
  const fig = agreementFigures(ratings, s.hash);
  const alpha = `Krippendorff's alpha (interval, factors pooled): ${fig.before ? `before ${num(fig.before.alpha, 2)}, ` : ''}after ${num(fig.after.alpha, 2)}.`;
  return `<h3>Agreement</h3><p>${alpha}</p><table><thead><tr><th>Phase</th><th>Factor</th><th>Scores</th><th>Mean</th><th>Range</th><th>Pairs within 1</th></tr></thead><tbody>${fig.before ? phaseRows('before', fig.before) : ''}${phaseRows('after', fig.after)}</tbody></table>`;
}

function dissentSection(c: Ctx): string {
  const items: string[] = [];
  for (const s of c.input.sessions) {
    for (const d of ratingDissent(s.inputs?.ratings ?? [])) items.push(`<li>${esc(reviewerName(s.inputs?.reviewers, d.reviewer))} rated ${c.t(s.title)} ${d.score} overall against the panel's median ${d.median}.</li>`);
  }
  if (c.input.decision) for (const v of tally(c.input.decision).dissent) items.push(`<li>${esc(v.member)} voted ${esc(OUTCOME_LABELS[v.vote])}${v.note ? `: ${c.t(v.note)}` : ''}.</li>`);
  return `<section><h2>Dissent</h2>${items.length ? `<ul>${items.join('')}</ul>` : '<p>No dissent recorded.</p>'}</section>`;
}

function decisionSection(c: Ctx): string {
  const d = c.input.decision;
  if (!d) return `<section><h2>Decision</h2><p class="muted">No decision has been recorded yet.</p></section>`;
  const { counts } = tally(d);
  const votes = d.votes.length
    ? `<table><thead><tr><th>Member</th><th>Vote</th><th>Note</th></tr></thead><tbody>${[...d.votes].sort((a, b) => (a.member < b.member ? -1 : 1)).map((v) => `<tr><td>${esc(v.member)}</td><td>${esc(OUTCOME_LABELS[v.vote])}</td><td>${c.t(v.note ?? '')}</td></tr>`).join('')}</tbody></table><p>Votes: hire ${counts.hire}, no hire ${counts['no-hire']}, more evidence ${counts['more-evidence']}, abstain ${counts.abstain}.</p>`
    : '<p class="muted">No individual votes were recorded.</p>';
  return `<section><h2>Decision</h2><p class="outcome">${esc(OUTCOME_LABELS[d.outcome])}</p><p class="muted">Decided ${esc(d.decidedAt)}</p><h3>Rationale</h3><blockquote>${c.t(d.rationale) || '—'}</blockquote>${votes}</section>`;
}

function momentsSection(c: Ctx, s: ReportSession): string {
  type Row = { t: number; kind: string; what: string; sign: string };
  const rows: Row[] = s.result.evidence.map((e) => ({ t: e.t, kind: 'evidence', what: `${FACTOR_LABELS[e.factor]}: ${e.explanation}`, sign: e.points >= 0 ? '+' : '−' }));
  for (const a of s.inputs?.annotations ?? []) rows.push({ t: a.t0, kind: `note by ${reviewerName(s.inputs?.reviewers, a.reviewer)}`, what: `${a.factor === 'overall' ? 'Overall' : FACTOR_LABELS[a.factor]}: ${a.note}`, sign: a.polarity === '+' ? '+' : '−' });
  for (const clip of s.reel?.clips ?? []) if (clip.source === 'manual') rows.push({ t: clip.t0, kind: 'reel clip', what: caption(clip), sign: clip.polarity === '+' ? '+' : '−' });
  rows.sort((a, b) => a.t - b.t || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) || (a.what < b.what ? -1 : a.what > b.what ? 1 : 0));
  if (!rows.length) return `<h3>Cited moments</h3><p class="muted">No moments were cited.</p>`;
  const body = rows.map((r) => `<tr><td class="n"><a href="${esc(deepLink(c.input.linkBase, s.hash, r.t))}">${clock(r.t)}</a></td><td class="${r.sign === '+' ? 'pos' : 'neg'}">${r.sign}</td><td>${esc(r.kind)}</td><td>${c.t(r.what)}</td></tr>`).join('');
  return `<h3>Cited moments (${rows.length})</h3><table><thead><tr><th>Time</th><th>±</th><th>Source</th><th>What</th></tr></thead><tbody>${body}</tbody></table>`;
}

function reelSection(c: Ctx, s: ReportSession): string {
  const clips = s.reel?.clips ?? [];
  if (!clips.length) return '';
  const body = clips.map((clip, i) => `<tr><td class="n">${i + 1}</td><td class="n"><a href="${esc(deepLink(c.input.linkBase, s.hash, clip.t0))}">${clock(clip.t0)}–${clock(clip.t1)}</a></td><td>${c.t(caption(clip, s.inputs?.reviewers))}</td></tr>`).join('');
  return `<h3>Evidence reel shown (${clips.length} clips)</h3><table><thead><tr><th>#</th><th>Range</th><th>Caption</th></tr></thead><tbody>${body}</tbody></table>`;
}

/** The decision record, as a complete HTML document. */
export function renderReport(input: ReportInput): string {
  const blind = input.blindText ?? ((s: string) => s);
  const c: Ctx = { t: (s) => esc(blind(s)), input };
  const sessions = [...input.sessions].sort((a, b) => (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : a.hash < b.hash ? -1 : 1));
  const list = sessions.map((s) => `<tr><td>${c.t(s.title)}</td><td>${esc(s.startedAt)}</td><td class="n">${clock(s.durationMs)}</td><td class="n">${s.eventCount}</td><td><a href="${esc(deepLink(input.linkBase, s.hash, 0))}">open</a></td></tr>`).join('');
  const perSession = sessions.map((s) => [`<section><h2>${c.t(s.title)}</h2>${scoresSection(c, s)}</section>`, `<section>${ratingsSection(c, s)}</section>`, `<section>${agreementSection(s)}</section>`].join('\n')).join('\n');
  const moments = sessions.map((s) => `<section class="long"><h2>Moments: ${c.t(s.title)}</h2>${reelSection(c, s)}${momentsSection(c, s)}</section>`).join('\n');
  const title = `Decision record: ${input.candidate}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${c.t(title)}</title><style>${REPORT_CSS}</style></head>
<body>
<header><h1>${c.t(title)}</h1><p class="muted">${input.blind ? 'Candidate-blind: names, e-mail addresses, user names and home directories are replaced by a pseudonym. ' : ''}Written by Baton ${esc(input.generatedAt)}.</p></header>
<section><h2>Candidate and sessions</h2><p>Candidate: <strong>${c.t(input.candidate)}</strong></p><table><thead><tr><th>Session</th><th>Started</th><th>Length</th><th>Events</th><th>Link</th></tr></thead><tbody>${list}</tbody></table></section>
${perSession}
${dissentSection(c)}
${decisionSection(c)}
${moments}
</body></html>
`;
}
