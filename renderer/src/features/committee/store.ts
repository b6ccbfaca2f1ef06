/**
 * The committee record of a session in IndexedDB (schema v5 `committee`): the edited reel,
 * the decision, the presenter's notes; and the candidate-blind setting (on by default).
 * What is read back is checked: a bad stored reel or decision is dropped, not trusted.
 */
import { Decision } from '../../../../shared/committee/decision';
import { parseReel, type Reel } from '../../../../shared/committee/reel';
import { db, type BatonDB, type CommitteeRow } from '../../db/schema';
import { tracked } from '../../state/pending-writes';

export interface CommitteeRecord {
  reel?: Reel;
  decision?: Decision;
  notes: string;
}

export async function loadCommittee(sid: string, database: BatonDB = db()): Promise<CommitteeRecord> {
  const row = await database.committee.get(sid);
  const reel = row?.reel === undefined ? undefined : parseReel(row.reel).reel;
  const d = row?.decision === undefined ? undefined : Decision.safeParse(row.decision);
  return { ...(reel ? { reel } : {}), ...(d?.success ? { decision: d.data } : {}), notes: row?.notes ?? '' };
}

function patch(sid: string, change: Partial<CommitteeRow>, database: BatonDB): Promise<void> {
  return tracked(
    database.transaction('rw', database.committee, async () => {
      const prev = await database.committee.get(sid);
      await database.committee.put({ ...(prev ?? {}), ...change, sid, updatedAt: Date.now() });
    }),
  );
}

export const saveReel = (sid: string, reel: Reel, database: BatonDB = db()) => patch(sid, { reel }, database);
export const saveNotes = (sid: string, notes: string, database: BatonDB = db()) => patch(sid, { notes }, database);
export const saveDecision = (sid: string, decision: Decision, database: BatonDB = db()) => patch(sid, { decision, outcome: decision.outcome }, database);

export { decisionOutcomes } from './outcomes';

const BLIND_KEY = 'committee.blind';

export async function loadBlindSetting(database: BatonDB = db()): Promise<boolean> {
  const row = await database.settings.get(BLIND_KEY);
  return row?.value !== false;
}

export async function saveBlindSetting(on: boolean, database: BatonDB = db()): Promise<void> {
  await database.settings.put({ key: BLIND_KEY, value: on });
}
