/**
 * Factor weights: the locked default preset and the slider math (always whole numbers that
 * sum to exactly 100; moving one slider redistributes the difference over the unlocked
 * others in proportion to their current weights).
 */
export const FACTORS = ['scoping', 'tradeoffs', 'adversarial', 'selfCorrection', 'edgeCases', 'sequencing'] as const;
export type FactorId = (typeof FACTORS)[number];
export type Weights = Record<FactorId, number>;

export const FACTOR_LABELS: Record<FactorId, string> = {
  scoping: 'Scoping before writing',
  tradeoffs: 'Tradeoff articulation',
  adversarial: 'Adversarial prompting',
  selfCorrection: 'Self-correction',
  edgeCases: 'Edge-case ownership',
  sequencing: 'Tool-call sequencing',
};

/** The locked default preset. */
export const DEFAULT_WEIGHTS: Readonly<Weights> = Object.freeze({ scoping: 22, tradeoffs: 18, adversarial: 18, selfCorrection: 16, edgeCases: 14, sequencing: 12 });

/** Largest-remainder rounding of non-negative values to integers summing to `total`. */
export function roundToTotal(values: readonly number[], total: number): number[] {
  const sum = values.reduce((a, b) => a + b, 0);
  if (sum <= 0) {
    const even = values.map(() => Math.floor(total / values.length));
    for (let i = 0; i < total - even.reduce((a, b) => a + b, 0); i++) even[i]!++;
    return even;
  }
  const exact = values.map((v) => (v / sum) * total);
  const floor = exact.map(Math.floor);
  let left = total - floor.reduce((a, b) => a + b, 0);
  const order = exact.map((v, i) => [v - Math.floor(v), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    floor[i]!++;
    left--;
  }
  return floor;
}

/** Parses "22,18,18,16,14,12" (CLI); throws with a reason a person can act on. */
export function parseWeights(text: string): Weights {
  const parts = text.split(',').map((s) => s.trim());
  if (parts.length !== FACTORS.length) throw new Error(`--weights needs ${FACTORS.length} numbers (${FACTORS.join(', ')}), got ${parts.length}`);
  const nums = parts.map(Number);
  if (nums.some((n) => !Number.isFinite(n) || n < 0)) throw new Error('--weights must be non-negative numbers');
  if (nums.every((n) => n === 0)) throw new Error('--weights cannot all be zero');
  const rounded = roundToTotal(nums, 100);
  return Object.fromEntries(FACTORS.map((f, i) => [f, rounded[i]!])) as Weights;
}

/**
 * Sets one factor's weight and redistributes the difference over the unlocked others in
 * proportion to their weights, so the total stays exactly 100. Locked factors never move;
 * the value is clamped to what the unlocked others can give or take.
 */
export function setWeight(weights: Weights, factor: FactorId, value: number, locked: ReadonlySet<FactorId> = new Set()): Weights {
  const others = FACTORS.filter((f) => f !== factor && !locked.has(f));
  const lockedSum = FACTORS.filter((f) => f !== factor && locked.has(f)).reduce((a, f) => a + weights[f], 0);
  const maxV = 100 - lockedSum;
  const v = Math.round(Math.min(Math.max(value, 0), others.length ? maxV : weights[factor]));
  const rest = 100 - lockedSum - v;
  const shares = roundToTotal(
    others.map((f) => weights[f]),
    rest,
  );
  const next = { ...weights, [factor]: v };
  others.forEach((f, i) => (next[f] = shares[i]!));
  return next;
}
