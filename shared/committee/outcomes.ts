/** The committee's outcomes, their labels and the decision file's format name (decision.ts describes the file). Kept apart from the zod schema so the library's Decision column does not build it. */
export const OUTCOMES = ['hire', 'no-hire', 'more-evidence'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABELS: Record<Outcome | 'abstain', string> = { hire: 'Hire', 'no-hire': 'No hire', 'more-evidence': 'More evidence', abstain: 'Abstain' };

export const DECISION_FORMAT = 'baton-decision';
