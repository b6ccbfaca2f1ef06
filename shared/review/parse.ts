/**
 * Reading a `.baton-review` file: JSON syntax errors with line and column, schema problems
 * with the path of the offending field (ratings[3].scores.overall), at most ten listed.
 */
import { jsonErrorOffset } from '../util/json-error';
import { BatonReview, REVIEW_FORMAT, REVIEW_FORMAT_VERSION } from './schema';

/** Larger review files are refused before parsing. */
export const MAX_REVIEW_CHARS = 64 * 1024 * 1024;
const MAX_LISTED = 10;

export class ReviewParseError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(problems.map((p) => `${file}: ${p}`).join('\n'));
    this.name = 'ReviewParseError';
  }
}

/** "ratings[3].scores.overall" */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

export function parseReviewJson(text: string, file: string): unknown {
  if (text.length > MAX_REVIEW_CHARS) throw new ReviewParseError(file, [`too large (${text.length} characters; the limit is ${MAX_REVIEW_CHARS})`]);
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    const offset = pos ? Number(pos[1]) : jsonErrorOffset(text);
    const where = offset === undefined ? '' : ` at ${lineAndColumn(text, offset)}`;
    throw new ReviewParseError(file, [`not valid JSON${where}: ${msg.replace(/\s*\(line \d+ column \d+\)/, '')}`]);
  }
}

/** Parses and validates a .baton-review file; throws ReviewParseError naming the file. */
export function parseReview(text: string, file = 'review'): BatonReview {
  const data = parseReviewJson(text, file);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new ReviewParseError(file, ['not a .baton-review file: expected a JSON object']);
  const { format, version } = data as Record<string, unknown>;
  if (format !== REVIEW_FORMAT) throw new ReviewParseError(file, [`not a .baton-review file: "format" is ${JSON.stringify(format) ?? 'missing'}, expected "${REVIEW_FORMAT}"`]);
  if (typeof version === 'number' && version > REVIEW_FORMAT_VERSION) throw new ReviewParseError(file, [`version ${version} is newer than this Baton reads (up to ${REVIEW_FORMAT_VERSION})`]);
  const result = BatonReview.safeParse(data);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const problems = issues.slice(0, MAX_LISTED).map((i) => (i.path.length ? `${formatPath(i.path)}: ${i.message}` : i.message));
  if (issues.length > MAX_LISTED) problems.push(`… and ${issues.length - MAX_LISTED} more problems`);
  throw new ReviewParseError(file, problems);
}

/** Serializes a review for saving: two-space JSON with a final newline. */
export function stringifyReview(review: BatonReview): string {
  return JSON.stringify(review, null, 2) + '\n';
}
