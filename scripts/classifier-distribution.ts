/**
 * `npm run classifier:distribution`: scores every file under ../shared/real-sessions (the
 * same path as `baton score`) and prints the distribution of scores as markdown, for
 * docs/classifier.md. Only aggregates and folder names: no text from the logs.
 */
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { score } from '../electron/cli/score';
import { CLASSIFIER_VERSION, FACTORS, FACTOR_LABELS, type FactorId } from '../shared/classifier';

const HERE = dirname(fileURLToPath(import.meta.url));
const REAL = resolve(process.env.BATON_REAL_SESSIONS ?? join(HERE, '../../shared/real-sessions'));
if (!existsSync(REAL)) {
  console.error(`no real sessions at ${REAL} (set BATON_REAL_SESSIONS)`);
  process.exit(1);
}

interface Row {
  file: string;
  events: number;
  overall: number | null;
  factors: Record<FactorId, { score: number; opportunities: number; insufficient: boolean }>;
}

let out = '';
let err = '';
await score([REAL], { format: 'json', threads: 1 }, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } });
const parsed = JSON.parse(out) as { sessions: Row[]; failed: { file: string; error: string }[] };
const rows = parsed.sessions;

const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((s.length - 1) * p + 0.5))]! : NaN;
};
const f0 = (n: number) => (Number.isNaN(n) ? '–' : n.toFixed(0));
const folder = (file: string) => relative(REAL, file).split(/[\\/]/)[0]!;

console.log(`Scored with ${CLASSIFIER_VERSION} and the default weights, ${new Date().toISOString().slice(0, 10)}: ${rows.length} sessions from ${new Set(rows.map((r) => r.file)).size} files; ${parsed.failed.length} files could not be imported (their problems are reported by \`baton inspect\`).\n`);

console.log('| source | sessions | events (median) | overall scored | overall min / median / max |');
console.log('|---|---|---|---|---|');
const folders = [...new Set(rows.map((r) => folder(r.file)))].sort();
for (const fo of folders) {
  const rs = rows.filter((r) => folder(r.file) === fo);
  const scored = rs.filter((r) => r.overall !== null).map((r) => r.overall!);
  console.log(`| ${fo} | ${rs.length} | ${f0(q(rs.map((r) => r.events), 0.5))} | ${scored.length} | ${scored.length ? `${f0(q(scored, 0))} / ${f0(q(scored, 0.5))} / ${f0(q(scored, 1))}` : '–'} |`);
}
const all = rows.filter((r) => r.overall !== null).map((r) => r.overall!);
console.log(`| **all** | ${rows.length} | ${f0(q(rows.map((r) => r.events), 0.5))} | ${all.length} | ${all.length ? `${f0(q(all, 0))} / ${f0(q(all, 0.5))} / ${f0(q(all, 1))}` : '–'} |`);

console.log('\n| factor | sessions with enough evidence | min / median / max | opportunities per session (median) |');
console.log('|---|---|---|---|');
for (const fa of FACTORS) {
  const ok = rows.filter((r) => !r.factors[fa].insufficient).map((r) => r.factors[fa].score);
  console.log(`| ${FACTOR_LABELS[fa]} | ${ok.length} of ${rows.length} | ${ok.length ? `${f0(q(ok, 0))} / ${f0(q(ok, 0.5))} / ${f0(q(ok, 1))}` : '–'} | ${f0(q(rows.map((r) => r.factors[fa].opportunities), 0.5))} |`);
}

console.log('\nOverall scores, in bins of 10:\n');
console.log('```');
for (let b = 0; b < 100; b += 10) {
  const n = all.filter((x) => x >= b && (b === 90 ? x <= 100 : x < b + 10)).length;
  console.log(`${String(b).padStart(2)}–${String(b + 9).padStart(2)} ${'█'.repeat(n)}${n ? ` ${n}` : ''}`);
}
console.log('```');
if (err.trim()) console.error(err.trim());
