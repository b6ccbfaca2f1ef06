/**
 * `npm run classifier:fit`: fits the rule weights and factor bases to the rated development
 * set (scripts/classifier/fit.ts) and prints them as the PARAMS constant for
 * shared/classifier/params.ts. Run it after changing a rule, paste its output over PARAMS,
 * then run `npm run classifier:validity` to see the leave-one-out figures.
 */
import { FACTORS, PRIOR_PARAMS, RULES, type FactorId } from '../shared/classifier';
import { fit, LAMBDA, type FitSession } from './classifier/fit';
import { extract, loadRated, ruleCounts } from './classifier/rated';

const rated = await loadRated();
const rows: FitSession[] = rated.map((s) => ({ id: s.id, counts: ruleCounts(extract(s)), target: Object.fromEntries(FACTORS.map((f) => [f, s.mean[f]])) as Record<FactorId, number | null> }));
const p = fit(rows, PRIOR_PARAMS, LAMBDA);
console.log(`/** Fitted by \`npm run classifier:fit\` on ${rows.length} rated sessions (λ = ${LAMBDA}), ${new Date().toISOString().slice(0, 10)}. */`);
console.log('export const PARAMS: Params = {');
console.log('  weights: {');
for (const f of FACTORS) for (const r of Object.keys(RULES).filter((x) => RULES[x]!.factor === f)) console.log(`    ${/^[a-z]+$/i.test(r) ? r : `'${r}'`}: ${p.weights[r]},`);
console.log('  },');
console.log(`  base: { ${FACTORS.map((f) => `${f}: ${p.base[f]}`).join(', ')} },`);
console.log('};');

if (process.argv.includes('--markdown')) {
  console.log('\n| factor | rule | prior | fitted |');
  console.log('|---|---|---|---|');
  for (const f of FACTORS) for (const r of Object.keys(RULES).filter((x) => RULES[x]!.factor === f)) console.log(`| ${f} | \`${r}\` | ${PRIOR_PARAMS.weights[r]} | ${p.weights[r]} |`);
}
