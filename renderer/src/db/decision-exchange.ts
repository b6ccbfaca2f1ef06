/**
 * Committee decisions (table `committee`, keyed by session id) in `.baton-review` files,
 * where sessions are named by their review hash: written with a reviewer's export, read back
 * by the panel lead's import. Importing merges each file's decision with the library's by
 * shared/review/decisions.ts (the one decided last wins, ties by content): importing the same
 * files again, or in another order, gives the same result.
 */
import { Decision } from '../../../shared/committee/decision';
import { canonical } from '../../../shared/review/canonical';
import { fromSessionDecision, mergeDecisions, toSessionDecision } from '../../../shared/review/decisions';
import type { SessionDecision } from '../../../shared/review/schema';
import { reviewKey } from '../../../shared/review/session-key';
import type { BatonDB, SessionRow } from './schema';

function stored(value: unknown): Decision | undefined {
  const d = Decision.safeParse(value);
  return d.success ? d.data : undefined;
}

/** The library's decisions for the sessions given by review hash (every decided session when omitted), sorted by hash. */
export async function decisionsForReview(database: BatonDB, sessionHashes?: readonly string[]): Promise<SessionDecision[]> {
  const wanted = sessionHashes ? new Set(sessionHashes) : undefined;
  const rows = await database.committee.where('outcome').above('').toArray();
  const out: SessionDecision[] = [];
  for (const row of rows) {
    const d = stored(row.decision);
    const session = await database.sessions.get(row.sid);
    if (!d || !session) continue;
    const hash = reviewKey(session.contentHash);
    if (!wanted || wanted.has(hash)) out.push(toSessionDecision(d, hash, session.title));
  }
  return mergeDecisions(out).decisions;
}

export interface DecisionImport {
  /** Sessions whose stored decision the import set or replaced. */
  changed: number;
  /** Decisions in the files for sessions of this library. */
  matched: number;
  /** Review hashes of decided sessions that are not in the library. */
  unmatched: string[];
  notes: string[];
}

export async function importDecisions(database: BatonDB, decisions: readonly SessionDecision[]): Promise<DecisionImport> {
  const result: DecisionImport = { changed: 0, matched: 0, unmatched: [], notes: [] };
  if (!decisions.length) return result;
  const byKey = new Map<string, SessionRow>();
  for (const row of (await database.sessions.toArray()).sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const key = reviewKey(row.contentHash);
    if (!byKey.has(key)) byKey.set(key, row);
  }
  const files = mergeDecisions(decisions);
  result.notes.push(...files.notes);
  await database.transaction('rw', database.committee, async () => {
    for (const incoming of files.decisions) {
      const session = byKey.get(incoming.sessionHash);
      if (!session) {
        result.unmatched.push(incoming.sessionHash);
        continue;
      }
      result.matched++;
      const prevRow = await database.committee.get(session.id);
      const prev = stored(prevRow?.decision);
      const candidates = prev ? [toSessionDecision(prev, incoming.sessionHash), incoming] : [incoming];
      const merged = mergeDecisions(candidates);
      const winner = fromSessionDecision(merged.decisions[0]!, session.contentHash);
      if (prev && merged.notes.length) result.notes.push(`"${session.title}": the library's decision and the file's differ; kept the one decided last (${winner.decidedAt})`);
      if (prev && canonical(prev) === canonical(winner)) continue;
      await database.committee.put({ ...(prevRow ?? {}), sid: session.id, decision: winner, outcome: winner.outcome, updatedAt: Date.now() });
      result.changed++;
    }
  });
  return result;
}
