/** The committee's stored outcomes, read for the library without loading the committee's schemas (store.ts holds the rest of its records). */
import { db, type BatonDB } from '../../db/schema';

/** Outcome per session id, for the library's Decision column. */
export async function decisionOutcomes(database: BatonDB = db()): Promise<Map<string, string>> {
  const rows = await database.committee.where('outcome').above('').toArray();
  return new Map(rows.map((r) => [r.sid, r.outcome!]));
}
