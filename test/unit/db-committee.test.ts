import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { BatonDB } from '../../renderer/src/db/schema';
import { purgeSession } from '../../renderer/src/db/store';
import { decisionOutcomes, loadBlindSetting, loadCommittee, saveBlindSetting, saveDecision, saveNotes, saveReel } from '../../renderer/src/features/committee/store';
import { Decision } from '../../shared/committee/decision';
import type { Reel } from '../../shared/committee/reel';

let n = 0;
const open: Dexie[] = [];
afterEach(async () => {
  for (const d of open.splice(0)) await d.delete();
});

async function fresh(): Promise<BatonDB> {
  const d = new BatonDB(`baton-committee-${++n}`);
  open.push(d);
  await d.open();
  return d;
}

const reel: Reel = { version: 1, clips: [{ id: 'c1', t0: 0, t1: 9000, factor: 'scoping', polarity: '+', why: 'plan first', source: 'evidence', eventIds: ['e1'] }] };
const decision = Decision.parse({ outcome: 'more-evidence', rationale: 'Need a second session.', decidedAt: '2026-03-03T11:00:00Z', votes: [{ member: 'A', vote: 'hire' }] });

describe('committee storage (schema v5)', () => {
  it('upgrades a v2 database, keeping its rows, with an empty committee table', async () => {
    const name = `baton-v2-${++n}`;
    const v2 = new Dexie(name);
    v2.version(1).stores({ sessions: 'id, &contentHash, title, startedAt, format, taskTitle, candidateId, importedAt', events: '[sid+seq], [sid+t], [sid+kind]', blobs: '[sid+id], sid', reports: '++id, at', staging: 'id, startedAt', settings: 'key' });
    v2.version(2).stores({ scores: '[sid+version], sid' });
    await v2.table('settings').put({ key: 'samplesLoaded', value: true });
    await v2.table('scores').put({ sid: 's', version: 'v', at: 1, result: {} });
    v2.close();
    const current = new BatonDB(name);
    open.push(current);
    await current.open();
    expect(current.verno).toBe(6);
    expect(await current.committee.count()).toBe(0);
    expect(await current.settings.get('samplesLoaded')).toEqual({ key: 'samplesLoaded', value: true });
    expect(await current.scores.count()).toBe(1);
  });

  it('upgrades a v3 database (review panel tables) to v5, keeping the reviewers', async () => {
    const name = `baton-v3-${++n}`;
    const v3 = new Dexie(name);
    v3.version(1).stores({ sessions: 'id, &contentHash, title, startedAt, format, taskTitle, candidateId, importedAt', events: '[sid+seq], [sid+t], [sid+kind]', blobs: '[sid+id], sid', reports: '++id, at', staging: 'id, startedAt', settings: 'key' });
    v3.version(2).stores({ scores: '[sid+version], sid' });
    v3.version(3).stores({ reviewers: 'id, name', annotations: 'id, sessionHash, reviewer, [sessionHash+reviewer]', ratings: '[sessionHash+reviewer], sessionHash, reviewer' });
    await v3.table('reviewers').put({ id: 'r1', name: 'Robin' });
    v3.close();
    const current = new BatonDB(name);
    open.push(current);
    await current.open();
    expect(current.verno).toBe(6);
    expect(await current.table('reviewers').get('r1')).toMatchObject({ name: 'Robin' });
    expect(await current.committee.count()).toBe(0);
  });

  it('keeps the reel, decision and notes of a session, and removes them with it', async () => {
    const d = await fresh();
    expect(await loadCommittee('s1', d)).toEqual({ notes: '' });
    await saveReel('s1', reel, d);
    await saveDecision('s1', decision, d);
    await saveNotes('s1', 'ask about tests', d);
    expect(await loadCommittee('s1', d)).toEqual({ reel, decision, notes: 'ask about tests' });
    expect(await decisionOutcomes(d)).toEqual(new Map([['s1', 'more-evidence']]));
    await purgeSession(d, 's1');
    expect(await d.committee.count()).toBe(0);
  });

  it('drops a stored reel or decision that is not valid instead of trusting it', async () => {
    const d = await fresh();
    await d.committee.put({ sid: 's2', reel: { version: 1, clips: [{ id: 1 }] }, decision: { outcome: 'maybe' }, updatedAt: 0 });
    expect(await loadCommittee('s2', d)).toEqual({ notes: '' });
  });

  it('has candidate-blind on by default', async () => {
    const d = await fresh();
    expect(await loadBlindSetting(d)).toBe(true);
    await saveBlindSetting(false, d);
    expect(await loadBlindSetting(d)).toBe(false);
  });
});

describe('committee inputs from the review panel tables', () => {
  it('gives the reviewers, annotations and submitted ratings (before and after) of the session', async () => {
    const { loadCommitteeInputs } = await import('../../renderer/src/features/committee/inputs');
    const d = await fresh();
    const hash = 'c'.repeat(64);
    const scores = (o: number) => ({ scoping: o, tradeoff: 3, adversarial: 3, selfcorrection: 3, edgecase: 3, sequencing: 3, overall: o });
    await d.reviewers.bulkPut([
      { id: 'r1', name: 'Robin', initials: 'R', colour: '#1f77b4', createdAt: 1 },
      { id: 'r2', name: 'Sasha', initials: 'S', colour: '#ff7f0e', createdAt: 2 },
      { id: 'r3', name: 'Idle', initials: 'I', colour: '#2ca02c', createdAt: 3 },
    ]);
    await d.annotations.put({ id: 'a1', sessionHash: hash, reviewer: 'r1', t0: 1000, factor: 'edgecase', polarity: '-', note: 'no empty input' });
    await d.annotations.put({ id: 'a2', sessionHash: 'd'.repeat(64), reviewer: 'r1', t0: 1000, factor: 'scoping', polarity: '+', note: 'other session' });
    await d.ratings.put({ sessionHash: hash, reviewer: 'r1', current: { scores: scores(4), submittedAt: '2026-03-03T10:00:00Z', reason: 'the reel' }, revisions: [{ scores: scores(2), submittedAt: '2026-03-02T10:00:00Z' }] });
    await d.ratings.put({ sessionHash: hash, reviewer: 'r2', draft: { overall: 5 }, revisions: [] });
    const inputs = await loadCommitteeInputs(hash, d);
    expect(inputs.reviewers!.map((r) => r.name)).toEqual(['Robin']);
    expect(inputs.annotations).toEqual([{ id: 'a1', reviewer: 'r1', t0: 1000, factor: 'edgeCases', polarity: '-', note: 'no empty input' }]);
    expect(inputs.ratings).toEqual([{ reviewer: 'r1', before: { scores: scores(2), submittedAt: '2026-03-02T10:00:00Z' }, after: { scores: scores(4), submittedAt: '2026-03-03T10:00:00Z', reason: 'the reel' } }]);
  });
});
