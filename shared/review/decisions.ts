/**
 * Committee decisions in review files: one per session. Several files (and the library's own)
 * may hold different decisions on a session; the one decided last is kept (ties broken by
 * content), so merging is deterministic (the order of the inputs does not matter) and
 * idempotent (merging a result again with any of its inputs changes nothing).
 */
import type { Decision } from '../committee/decision';
import { DECISION_FORMAT } from '../committee/outcomes';
import type { SessionDecision } from './schema';
import { canonical } from './canonical';

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Without empty optional fields, so equal decisions compare equal. */
function clean(d: SessionDecision): SessionDecision {
  const out: SessionDecision = { sessionHash: d.sessionHash, outcome: d.outcome, rationale: d.rationale, votes: d.votes.map((v) => (v.note === undefined ? { member: v.member, vote: v.vote } : { ...v })), decidedAt: d.decidedAt };
  if (d.sessionTitle !== undefined) out.sessionTitle = d.sessionTitle;
  return out;
}

/** Positive when `a` wins over `b`: decided later, or the same time and the greater content. */
export function compareDecisions(a: SessionDecision, b: SessionDecision): number {
  return Date.parse(a.decidedAt) - Date.parse(b.decidedAt) || cmp(canonical(a), canonical(b));
}

/** At most one decision per session, sorted by session hash; `notes` lists the sessions whose decisions differed. */
export function mergeDecisions(inputs: readonly SessionDecision[]): { decisions: SessionDecision[]; notes: string[] } {
  const best = new Map<string, SessionDecision>();
  const conflicts = new Set<string>();
  for (const raw of inputs) {
    const d = clean(raw);
    const prev = best.get(d.sessionHash);
    if (prev === undefined) {
      best.set(d.sessionHash, d);
      continue;
    }
    if (canonical(prev) === canonical(d)) continue;
    // A different title alone is not a different decision.
    const { sessionTitle: _a, ...p } = prev;
    const { sessionTitle: _b, ...q } = d;
    if (canonical(p) !== canonical(q)) conflicts.add(d.sessionHash);
    if (compareDecisions(d, prev) > 0) best.set(d.sessionHash, d);
  }
  const decisions = [...best.keys()].sort(cmp).map((h) => best.get(h)!);
  const notes = [...conflicts].sort(cmp).map((h) => `session ${h.slice(0, 12)}… has different decisions across files; kept the one decided last`);
  return { decisions, notes };
}

/** The library's decision (shared/committee/decision.ts) as a review file carries it. */
export function toSessionDecision(d: Decision, sessionHash: string, sessionTitle?: string): SessionDecision {
  return clean({ sessionHash, ...(sessionTitle !== undefined ? { sessionTitle } : {}), outcome: d.outcome, rationale: d.rationale, votes: d.votes, decidedAt: d.decidedAt });
}

/** A review file's decision as the library stores it; `contentHash` is the library session's. */
export function fromSessionDecision(d: SessionDecision, contentHash: string): Decision {
  return { format: DECISION_FORMAT, version: 1, outcome: d.outcome, rationale: d.rationale, votes: clean(d).votes, decidedAt: d.decidedAt, sessions: [contentHash] };
}
