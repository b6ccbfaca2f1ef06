/**
 * Ratings as long-format CSV, one score per line:
 *
 *   session,reviewer,factor,score[,phase,time,note]
 *
 * `factor` is one of the review factors (scoping, tradeoff, adversarial, selfcorrection,
 * edgecase, sequencing, overall); `score` a whole number 1-5, or empty (or NA) for N/A.
 * The optional columns: `phase` (free text, e.g. "before discussion"), `time` (ISO 8601,
 * when the score was given) and `note`. Columns may come in any order; fields follow
 * RFC 4180 (quotes, doubled quotes, line breaks inside quotes, CRLF).
 *
 * Reading never stops at a bad line: each gets a problem with its line number, the good
 * lines are kept. A header without the required columns, an unknown column, or input over
 * the limits is refused as a whole.
 *
 * Text cells that a spreadsheet would run as a formula (starting with = + - @, a tab or a
 * carriage return) are written with a leading apostrophe, which reading takes off again
 * (csv-cell.ts), so a note like "-1 for skipping tests" is safe to open in Excel.
 */
import { csvCell, restoreFormula } from './csv-cell';
import { isReviewFactor, MAX_SCORE, MIN_SCORE, type ReviewFactor } from './factors';

export const CSV_COLUMNS = ['session', 'reviewer', 'factor', 'score'] as const;
export const CSV_OPTIONAL_COLUMNS = ['phase', 'time', 'note'] as const;
export const MAX_CSV_CHARS = 64 * 1024 * 1024;
export const MAX_CSV_ROWS = 1_000_000;
const MAX_FIELD = 10_000;

export interface CsvRating {
  session: string;
  reviewer: string;
  factor: ReviewFactor;
  score: number | null;
  phase?: string;
  time?: string;
  note?: string;
  /** 1-based line where the record starts. */
  line: number;
}

export interface LineProblem {
  line: number;
  message: string;
}

export interface CsvReadResult {
  ratings: CsvRating[];
  problems: LineProblem[];
}

export class CsvError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super(`${file}:${line}: ${message}`);
    this.name = 'CsvError';
  }
}

/** Splits CSV text into records of fields, each with the line it starts on. */
export function parseCsvRecords(text: string, file = 'csv'): { line: number; fields: string[] }[] {
  if (text.length > MAX_CSV_CHARS) throw new CsvError(file, 1, `too large (${text.length} characters; the limit is ${MAX_CSV_CHARS})`);
  const records: { line: number; fields: string[] }[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < text.length) {
    const start = line;
    const fields: string[] = [];
    let field = '';
    for (;;) {
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= text.length) throw new CsvError(file, start, 'a quoted field is never closed');
          const c = text[i]!;
          if (c === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\n') line++;
          field += c;
          i++;
        }
        // After a closing quote only a separator or the end of the record may follow.
        if (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') throw new CsvError(file, line, 'text after a closing quote');
      } else {
        let end = i;
        while (end < text.length && text[end] !== ',' && text[end] !== '\n' && text[end] !== '\r') end++;
        field = text.slice(i, end);
        i = end;
      }
      if (field.length > MAX_FIELD) throw new CsvError(file, start, `a field is longer than ${MAX_FIELD} characters`);
      fields.push(field);
      field = '';
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '\r') i++;
      if (text[i] === '\n') i++;
      line++;
      break;
    }
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: start, fields });
    if (records.length > MAX_CSV_ROWS + 1) throw new CsvError(file, start, `more than ${MAX_CSV_ROWS} rows`);
  }
  return records;
}

/** "3" → 3; "", "NA", "N/A" → null; anything else → undefined. */
export function parseScore(raw: string): number | null | undefined {
  const s = raw.trim();
  if (s === '' || /^n\/?a$/i.test(s)) return null;
  if (!/^\d+$/.test(s)) return undefined;
  const n = Number(s);
  return n >= MIN_SCORE && n <= MAX_SCORE ? n : undefined;
}

const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

export function readRatingsCsv(text: string, file = 'ratings.csv'): CsvReadResult {
  const records = parseCsvRecords(text, file);
  const header = records.shift();
  if (!header) throw new CsvError(file, 1, `empty: expected the header ${CSV_COLUMNS.join(',')}`);
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const known: readonly string[] = [...CSV_COLUMNS, ...CSV_OPTIONAL_COLUMNS];
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length) throw new CsvError(file, header.line, `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}; expected ${CSV_COLUMNS.join(',')} and optionally ${CSV_OPTIONAL_COLUMNS.join(',')}`);
  const missing = CSV_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length) throw new CsvError(file, header.line, `the header lacks ${missing.join(', ')}; expected ${CSV_COLUMNS.join(',')}`);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new CsvError(file, header.line, `column "${dup}" appears twice`);
  const iSession = names.indexOf('session');
  const iReviewer = names.indexOf('reviewer');
  const iFactor = names.indexOf('factor');
  const iScore = names.indexOf('score');
  const iPhase = names.indexOf('phase');
  const iTime = names.indexOf('time');
  const iNote = names.indexOf('note');

  const ratings: CsvRating[] = [];
  const problems: LineProblem[] = [];
  for (const { line, fields: raw } of records) {
    const fields = raw.map(restoreFormula);
    if (fields.length !== names.length) {
      problems.push({ line, message: `${fields.length} fields, the header has ${names.length}` });
      continue;
    }
    const session = fields[iSession]!.trim();
    const reviewer = fields[iReviewer]!.trim();
    const factor = fields[iFactor]!.trim().toLowerCase();
    const scoreRaw = fields[iScore]!.trim();
    if (!session) {
      problems.push({ line, message: 'empty session' });
      continue;
    }
    if (!reviewer) {
      problems.push({ line, message: 'empty reviewer' });
      continue;
    }
    if (!isReviewFactor(factor)) {
      problems.push({ line, message: `unknown factor "${factor}"` });
      continue;
    }
    const score = parseScore(scoreRaw);
    if (score === undefined) {
      problems.push({ line, message: `score "${scoreRaw}" is not a whole number ${MIN_SCORE}-${MAX_SCORE} (leave it empty for N/A)` });
      continue;
    }
    const time = iTime >= 0 ? fields[iTime]!.trim() : '';
    if (time && !(ISO.test(time) && Number.isFinite(Date.parse(time)))) {
      problems.push({ line, message: `time "${time}" is not an ISO 8601 date or time` });
      continue;
    }
    const rating: CsvRating = { session, reviewer, factor, score, line };
    const phase = iPhase >= 0 ? fields[iPhase]!.trim() : '';
    const note = iNote >= 0 ? fields[iNote]! : '';
    if (phase) rating.phase = phase;
    if (time) rating.time = time;
    if (note) rating.note = note;
    ratings.push(rating);
  }
  return { ratings, problems };
}

/** Writes ratings as CSV; the optional columns appear when any rating uses them. */
export function writeRatingsCsv(ratings: readonly Omit<CsvRating, 'line'>[]): string {
  const optional = CSV_OPTIONAL_COLUMNS.filter((c) => ratings.some((r) => r[c] !== undefined));
  const columns = [...CSV_COLUMNS, ...optional];
  const lines = [columns.join(',')];
  for (const r of ratings) {
    lines.push(columns.map((c) => csvCell(c === 'score' ? (r.score === null ? '' : String(r.score)) : String(r[c] ?? ''))).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
