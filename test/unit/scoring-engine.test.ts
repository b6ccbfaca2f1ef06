import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { writeArchiveToBytes } from '../../shared/archive/baton-writer';
import { bytesSource } from '../../shared/import/memory-sink';
import { importSource } from '../../shared/import/pipeline';
import { CLASSIFIER_VERSION } from '../../shared/classifier';
import { generateSample, DEFAULT_SAMPLE_SEED } from '../../shared/samples';
import type { BatonDB } from '../../renderer/src/db/schema';
import { DexieSink } from '../../renderer/src/db/store';
import { createScoringEngine } from '../../renderer/src/scoring/engine';
import { eachFreshDb } from './helpers/fresh-db';

let database: BatonDB;

eachFreshDb('baton-scoring-test', (d) => (database = d));

async function importSample(): Promise<string> {
  const s = generateSample('scoper', DEFAULT_SAMPLE_SEED);
  const bytes = await writeArchiveToBytes({ meta: s.meta, events: s.events, blobs: [], createdAt: '2026-01-02T11:00:00.000Z' });
  const report = await importSource(bytesSource('scoper.baton', bytes), new DexieSink(database, 'scoper.baton'));
  expect(report.status).toBe('imported');
  return report.sessions[0]!.id;
}

describe('scoring engine', () => {
  it('extracts once, caches per classifier version, and says where the time went', async () => {
    const id = await importSample();
    const engine = createScoringEngine(() => database);
    const first = await engine.score([id, 'no-such-session']);
    expect(Object.keys(first)).toEqual([id]);
    expect(first[id]!.version).toBe(CLASSIFIER_VERSION);
    expect(first[id]!.evidence.length).toBeGreaterThan(0);
    const t = engine.timings();
    expect(t.extracted).toBe(1);
    expect(t.readMs).toBeGreaterThan(0);
    expect(t.extractMs).toBeGreaterThan(0);
    expect(await database.scores.get([id, CLASSIFIER_VERSION])).toBeDefined();

    // Second call: from the cache, nothing extracted, same result.
    const second = await engine.score([id]);
    expect(second[id]).toEqual(first[id]);
    expect(engine.timings()).toEqual({ readMs: 0, extractMs: 0, writeMs: 0, extracted: 0 });
  });
});
