/** The classifier's result types: evidence items, per-session results, scores. */
import type { FactorId } from './weights';

export interface TextSpan {
  eventId: string;
  start: number;
  end: number;
}

export interface Evidence {
  factor: FactorId;
  rule: string;
  /**
   * Points this item adds to its factor's score (0-100 scale; negative for what counts
   * against). A rule's k-th item is worth its weight times (g(k) - g(k-1)), g = log2(1 + n):
   * repeated behaviour counts, with diminishing returns.
   */
  points: number;
  /** 0…1 display value: 0.5 + points / 100, clipped. */
  value: number;
  /** points ≥ 0. */
  positive: boolean;
  /** |points| / 50, clipped to 1: how far from neutral. */
  strength: number;
  eventIds: string[];
  spans: TextSpan[];
  /** Session time of the moment, for seeking. */
  t: number;
  explanation: string;
}

export interface ClassifierResult {
  version: string;
  evidence: Evidence[];
  /** Per factor: evidence indices (into `evidence`). */
  byFactor: Record<FactorId, number[]>;
  /** Per factor: how many opportunities the session gave the candidate to show it. */
  opportunities: Record<FactorId, number>;
}

export interface FactorScore {
  factor: FactorId;
  score: number;
  opportunities: number;
  insufficient: boolean;
  /** The weight actually applied (after spreading insufficient factors' weights). */
  effectiveWeight: number;
}

export interface Scores {
  overall: number | null;
  factors: Record<FactorId, FactorScore>;
  /** Per evidence index: contribution to its factor's score and to the overall score. */
  contribution: { factor: number; overall: number }[];
  why: string;
}
