/**
 * The ratings a reviewer gives each session: the six orchestration factors and an overall
 * rating, each 1-5 or N/A. These are the names used in .baton-review files, review CSV and
 * the raters' TSV; REVIEW_TO_CLASSIFIER maps them to the classifier's factor ids.
 */
import type { FactorId } from '../classifier/weights';

export const REVIEW_FACTORS = ['scoping', 'tradeoff', 'adversarial', 'selfcorrection', 'edgecase', 'sequencing', 'overall'] as const;
export type ReviewFactor = (typeof REVIEW_FACTORS)[number];

export function isReviewFactor(s: string): s is ReviewFactor {
  return (REVIEW_FACTORS as readonly string[]).includes(s);
}

export const REVIEW_TO_CLASSIFIER: Record<Exclude<ReviewFactor, 'overall'>, FactorId> = {
  scoping: 'scoping',
  tradeoff: 'tradeoffs',
  adversarial: 'adversarial',
  selfcorrection: 'selfCorrection',
  edgecase: 'edgeCases',
  sequencing: 'sequencing',
};

export const MIN_SCORE = 1;
export const MAX_SCORE = 5;
