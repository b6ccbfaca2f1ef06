/**
 * The committee's decision about a candidate: hire, no hire or more evidence, the rationale
 * typed in the meeting and, optionally, each member's vote. Stored with the session and
 * exported with the reviews (a `.baton-decision` JSON file, see docs/committee.md).
 */
import { z } from 'zod';
import { DECISION_FORMAT, OUTCOME_LABELS, OUTCOMES, type Outcome } from './outcomes';

export { DECISION_FORMAT, OUTCOME_LABELS, OUTCOMES, type Outcome };

export const Vote = z.strictObject({
  member: z.string().min(1).max(200),
  vote: z.enum([...OUTCOMES, 'abstain']),
  note: z.string().max(4000).optional(),
});
export type Vote = z.infer<typeof Vote>;

export const Decision = z.strictObject({
  format: z.literal(DECISION_FORMAT).default(DECISION_FORMAT),
  version: z.literal(1).default(1),
  outcome: z.enum(OUTCOMES),
  rationale: z.string().max(20_000),
  votes: z.array(Vote).max(100).default([]),
  decidedAt: z.iso.datetime({ offset: true }),
  /** Content hashes of the sessions the decision was made on. */
  sessions: z.array(z.string().max(200)).max(1000).default([]),
});
export type Decision = z.infer<typeof Decision>;
export type DecisionInput = z.input<typeof Decision>;

/** Votes per outcome, and the members who voted against the decision (abstentions are not dissent). */
export function tally(d: Pick<Decision, 'outcome' | 'votes'>): { counts: Record<Outcome | 'abstain', number>; dissent: Vote[] } {
  const counts = { hire: 0, 'no-hire': 0, 'more-evidence': 0, abstain: 0 };
  for (const v of d.votes) counts[v.vote]++;
  return { counts, dissent: d.votes.filter((v) => v.vote !== 'abstain' && v.vote !== d.outcome) };
}

/** Parses a decision file; the message names the file and the field. */
export function parseDecision(text: string, file = 'decision'): Decision {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not valid JSON: ${(e as Error).message}`);
  }
  const r = Decision.safeParse(data);
  if (r.success) return r.data;
  throw new Error(r.error.issues.slice(0, 10).map((i) => `${file}: ${i.path.join('.') || 'decision'}: ${i.message}`).join('\n'));
}
