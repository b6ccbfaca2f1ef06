/**
 * `npm run classifier:validity`: agreement between Baton's scores and the raters' mean on
 * ../shared/rated-sessions (or BATON_RATED_SESSIONS), as a markdown table for
 * docs/classifier.md. `--sessions` adds each session's scores (numbers only, no text).
 */
import { CLASSIFIER_VERSION, FACTOR_LABELS } from '../shared/classifier';
import { loadRated } from './classifier/rated';
import { validity } from './classifier/validity';

const rated = await loadRated();
const t0 = performance.now();
const v = validity(rated);
const f2 = (n: number) => (Number.isNaN(n) ? '–' : n.toFixed(2));
const label = (t: string) => (t === 'overall' ? '**overall**' : FACTOR_LABELS[t as keyof typeof FACTOR_LABELS]);
console.log(`${CLASSIFIER_VERSION} on ${rated.length} rated sessions, ${new Date().toISOString().slice(0, 10)} (${((performance.now() - t0) / 1000).toFixed(1)} s). Baton against the raters' mean; NA left out.\n`);
console.log('| factor | rated | Spearman | α (interval) | leave-one-out Spearman | leave-one-out α | insufficient evidence | of those, rated by both | raters with each other (Spearman) |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of v.rows) console.log(`| ${label(r.target)} | ${r.n} | ${f2(r.spearman)} | ${f2(r.alpha)} | ${f2(r.looSpearman)} | ${f2(r.looAlpha)} | ${r.insufficient} | ${r.insufficientBothRated} | ${f2(r.raterSpearman)} |`);
if (process.argv.includes('--sessions')) {
  console.log('\n| session | ' + v.rows.map((r) => r.target).join(' | ') + ' |');
  console.log('|---' + '|---'.repeat(v.rows.length) + '|');
  const f0 = (n: number | null) => (n === null ? 'NA' : n.toFixed(0));
  const r1 = (n: number | null) => (n === null ? 'NA' : n.toFixed(1));
  for (const s of v.sessions) console.log(`| ${s.id} | ${v.rows.map((r) => `${f0(s.shipped[r.target])} / ${f0(s.loo[r.target])} / ${r1(s.mean[r.target])}`).join(' | ')} |`);
}
