/**
 * The raters' wide TSV (as in ../shared/rated-sessions/rater-*.tsv): one row per session,
 *
 *   session <TAB> scoping tradeoff adversarial selfcorrection edgecase sequencing overall [<TAB> evidence]
 *
 * scores 1-5, "NA" (or empty) for N/A. A file holds one reviewer, named by the caller (the
 * CLI uses the file name without its extension). Bad rows are reported by line number and
 * skipped; a header without the seven factor columns is refused.
 */
import { MAX_CSV_CHARS, parseScore, type CsvReadResult, type CsvRating, type LineProblem, CsvError } from './csv';
import { REVIEW_FACTORS } from './factors';

/** "/a/b/rater-1.tsv" → "rater-1". */
export function reviewerFromFileName(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? path;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

export function readRaterTsv(text: string, reviewer: string, file = `${reviewer}.tsv`): CsvReadResult {
  if (text.length > MAX_CSV_CHARS) throw new CsvError(file, 1, `too large (${text.length} characters; the limit is ${MAX_CSV_CHARS})`);
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r?\n/);
  const header = (lines[0] ?? '').split('\t').map((h) => h.trim().toLowerCase());
  if (header[0] !== 'session') throw new CsvError(file, 1, `the first column must be "session", found "${header[0] ?? ''}"`);
  const missing = REVIEW_FACTORS.filter((f) => !header.includes(f));
  if (missing.length) throw new CsvError(file, 1, `the header lacks ${missing.join(', ')}; expected session, ${REVIEW_FACTORS.join(', ')} and optionally evidence`);
  const unknown = header.slice(1).filter((h) => !(REVIEW_FACTORS as readonly string[]).includes(h) && h !== 'evidence');
  if (unknown.length) throw new CsvError(file, 1, `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}`);

  const ratings: CsvRating[] = [];
  const problems: LineProblem[] = [];
  const seen = new Map<string, number>();
  lines.slice(1).forEach((text, i) => {
    const line = i + 2;
    if (text.trim() === '') return;
    const fields = text.split('\t');
    if (fields.length !== header.length) {
      problems.push({ line, message: `${fields.length} columns, the header has ${header.length}` });
      return;
    }
    const session = fields[0]!.trim();
    if (!session) {
      problems.push({ line, message: 'empty session' });
      return;
    }
    if (seen.has(session)) {
      problems.push({ line, message: `session "${session}" already rated on line ${seen.get(session)}` });
      return;
    }
    const row: CsvRating[] = [];
    for (const factor of REVIEW_FACTORS) {
      const raw = fields[header.indexOf(factor)]!;
      const score = parseScore(raw);
      if (score === undefined) {
        problems.push({ line, message: `${factor} "${raw.trim()}" is not a whole number 1-5 or NA` });
        return;
      }
      row.push({ session, reviewer, factor, score, line });
    }
    seen.set(session, line);
    ratings.push(...row);
  });
  return { ratings, problems };
}
