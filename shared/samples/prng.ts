/**
 * A tiny seeded PRNG (mulberry32) and the helpers the sample generator needs. Pure and
 * deterministic: the same seed always yields the same sequence, in a browser worker or Node.
 */

export interface Rng {
  /** Uniform in [0, 1). */
  (): number;
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  /** `n` lowercase hex digits. */
  hex(n: number): string;
  /** `ms` scaled by a factor in [1 - spread, 1 + spread], rounded, at least 1. */
  around(ms: number, spread?: number): number;
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over a string, mixed with a numeric seed: distinct streams per (label, seed). */
export function mixSeed(label: string, seed: number): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= Math.floor(seed / 4294967296);
  return h >>> 0;
}

const HEX = '0123456789abcdef';

export function createRng(seed: number): Rng {
  const next = mulberry32(seed);
  const rng = (() => next()) as Rng;
  rng.int = (min, max) => min + Math.floor(next() * (max - min + 1));
  rng.pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(next() * items.length)] as T;
  };
  rng.chance = (p) => next() < p;
  rng.hex = (n) => {
    let s = '';
    for (let i = 0; i < n; i++) s += HEX[Math.floor(next() * 16)];
    return s;
  };
  rng.around = (ms, spread = 0.25) => Math.max(1, Math.round(ms * (1 + (next() * 2 - 1) * spread)));
  return rng;
}
