import 'fake-indexeddb/auto';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { writeArchiveToBytes } from '../../shared/archive/baton-writer';
import { wavPeaks } from '../../shared/audio/wav';
import { bytesSource, MemorySink } from '../../shared/import/memory-sink';
import { importSource } from '../../shared/import/pipeline';
import type { SessionMeta } from '../../shared/model/schema';
import type { BatonDB } from '../../renderer/src/db/schema';
import { DexieSink, saveReport } from '../../renderer/src/db/store';
import { addMissingPeaks, type AudioDecoder } from '../../renderer/src/import/audio-peaks';
import { encodeWav, fmtChunk, narrationSignal, riff, chunk } from '../fixtures/wav';
import { events, meta } from './helpers/session';
import { eachFreshDb } from './helpers/fresh-db';

const SR = 8000;
const wav = encodeWav({ sampleRate: SR, channels: [narrationSignal(12, SR)], format: 's16' });

function withAudio(path: string, mime: string, size: number, extra: Partial<SessionMeta['audio']> = {}): SessionMeta {
  return meta({ audio: { blob: { blob: path, mime, size }, durationMs: 12_000, offsetMs: 0, ...extra } });
}

async function archive(m: SessionMeta, blobs: { path: string; data: Uint8Array }[]) {
  return writeArchiveToBytes({ meta: m, events: events(), blobs, createdAt: '2026-01-02T11:00:00.000Z' });
}

async function importToMemory(bytes: Uint8Array, name = 'talk.baton') {
  const sink = new MemorySink();
  const report = await importSource(bytesSource(name, bytes, 4096), sink);
  const stored = [...sink.sessions.values()][0];
  return { report, stored };
}

describe('peaks computed at import (archive reader)', () => {
  it('a WAV track without peaks gets them, equal to the peaks of the recording', async () => {
    const { report, stored } = await importToMemory(await archive(withAudio('audio/narration.wav', 'audio/wav', wav.byteLength), [{ path: 'audio/narration.wav', data: wav }]));
    expect(report.status).toBe('imported');
    expect(report.problems).toEqual([]);
    expect(stored!.info.meta.audio!.peaks).toHaveLength(4000);
    expect(stored!.info.meta.audio!.peaks).toEqual(wavPeaks(wav).peaks);
  });

  it('peaks already in the manifest are kept as they are', async () => {
    const mine = [-0.5, 0.5, -0.25, 0.25];
    const { stored } = await importToMemory(await archive(withAudio('audio/narration.wav', 'audio/wav', wav.byteLength, { peaks: mine }), [{ path: 'audio/narration.wav', data: wav }]));
    expect(stored!.info.meta.audio!.peaks).toEqual(mine);
  });

  it('works when the manifest comes after the recording in the zip, whatever the blob is called', async () => {
    const bytes = await archive(withAudio('audio/take 1.bin', 'application/octet-stream', wav.byteLength), [{ path: 'audio/take 1.bin', data: wav }]);
    const entries = unzipSync(bytes);
    const { 'manifest.json': manifest, ...rest } = entries;
    const reordered = zipSync({ ...rest, 'manifest.json': manifest! });
    expect(Object.keys(unzipSync(reordered)).at(-1)).toBe('manifest.json');
    const { report, stored } = await importToMemory(reordered);
    expect(report.status).toBe('imported');
    expect(stored!.info.meta.audio!.peaks).toEqual(wavPeaks(wav).peaks);
  });

  it('a WAV that is not the audio track is left alone', async () => {
    const { stored } = await importToMemory(
      await archive(withAudio('audio/narration.ogg', 'audio/ogg', 4), [
        { path: 'audio/narration.ogg', data: new Uint8Array([0x4f, 0x67, 0x67, 0x53]) },
        { path: 'audio/other.wav', data: wav },
      ]),
    );
    expect(stored!.info.meta.audio!.peaks).toBeUndefined();
  });

  it('a damaged WAV still imports, with a warning naming the file and what is wrong', async () => {
    const cut = wav.slice(0, wav.byteLength - 1000);
    const { report, stored } = await importToMemory(await archive(withAudio('audio/narration.wav', 'audio/wav', cut.byteLength), [{ path: 'audio/narration.wav', data: cut }]));
    expect(report.status).toBe('imported');
    expect(stored!.info.meta.audio!.peaks).toBeUndefined();
    expect(stored!.info.meta.audio!.blob.blob).toBe('audio/narration.wav');
    expect(report.problems).toEqual([
      {
        file: 'talk.baton:audio/narration.wav',
        severity: 'warning',
        reason: 'audio is a damaged WAV file: its data chunk is truncated: the header declares 192,000 bytes of audio but the file holds 191,000 bytes (99%)',
      },
    ]);
  });

  it('compressed audio and WAV encodings the reader does not handle are left for the browser, without a warning', async () => {
    const mulaw = fmtChunk('s16', 1, SR);
    new DataView(mulaw.buffer).setUint16(8, 7, true);
    new DataView(mulaw.buffer).setUint16(8 + 12, 1, true);
    new DataView(mulaw.buffer).setUint16(8 + 14, 8, true);
    const ulaw = riff([mulaw, chunk('data', new Uint8Array(800).fill(0xff))]);
    for (const [path, data] of [
      ['audio/n.ogg', new Uint8Array([0x4f, 0x67, 0x67, 0x53, 0, 2, 0, 0])],
      ['audio/n.wav', ulaw],
    ] as const) {
      const { report, stored } = await importToMemory(await archive(withAudio(path, 'audio/x', data.byteLength), [{ path, data }]));
      expect(report.status).toBe('imported');
      expect(report.problems).toEqual([]);
      expect(stored!.info.meta.audio!.peaks).toBeUndefined();
    }
  });
});

describe('peaks added by the import client (browser decoder)', () => {
  let database: BatonDB;
  eachFreshDb('baton-peaks-test', (d) => (database = d));

  async function importToDexie(bytes: Uint8Array, name = 'talk.baton') {
    const report = await importSource(bytesSource(name, bytes), new DexieSink(database, name));
    const reportId = await saveReport(database, report);
    return { report, reportId };
  }

  const ogg = new Uint8Array([0x4f, 0x67, 0x67, 0x53, 1, 2, 3, 4, 5, 6]);
  const oggArchive = () => archive(withAudio('audio/narration.ogg', 'audio/ogg', ogg.byteLength), [{ path: 'audio/narration.ogg', data: ogg }]);

  it('decodes audio without peaks once, stores the peaks, and leaves the report alone', async () => {
    const outcome = await importToDexie(await oggArchive());
    const sid = outcome.report.sessions[0]!.id;
    expect(outcome.report.sessions[0]!.audioWithoutPeaks).toBe(true);
    const calls: { size: number; durationMs: number }[] = [];
    const decode: AudioDecoder = async (bytes, durationMs) => {
      calls.push({ size: bytes.byteLength, durationMs });
      return [Float32Array.from({ length: 8000 }, (_, i) => (i % 2 ? 0.5 : -0.75))];
    };
    const after = await addMissingPeaks(database, outcome, decode);
    expect(calls).toEqual([{ size: ogg.byteLength, durationMs: 12_000 }]);
    expect(after.report).toEqual(outcome.report);
    const row = await database.sessions.get(sid);
    expect(row!.meta.audio!.peaks).toHaveLength(4000);
    expect(row!.meta.audio!.peaks!.slice(0, 4)).toEqual([-0.75, 0.5, -0.75, 0.5]);
    expect(row!.problemCount).toBe(0);
    // A second pass has nothing to do.
    await addMissingPeaks(database, outcome, decode);
    expect(calls).toHaveLength(1);
  });

  it('sessions whose peaks came from the archive or the WAV reader are not decoded again', async () => {
    const outcome = await importToDexie(await archive(withAudio('audio/narration.wav', 'audio/wav', wav.byteLength), [{ path: 'audio/narration.wav', data: wav }]));
    const row = await database.sessions.get(outcome.report.sessions[0]!.id);
    expect(row!.meta.audio!.peaks).toEqual(wavPeaks(wav).peaks);
    expect(outcome.report.sessions[0]!.audioWithoutPeaks).toBeUndefined();
    let calls = 0;
    await addMissingPeaks(database, outcome, async () => {
      calls++;
      return [];
    });
    expect(calls).toBe(0);
  });

  it('when decoding fails the session stays as stored, and the report gets a warning naming the file', async () => {
    const outcome = await importToDexie(await oggArchive());
    const sid = outcome.report.sessions[0]!.id;
    const before = await database.sessions.get(sid);
    const after = await addMissingPeaks(database, outcome, async () => {
      throw new DOMException('Unable to decode audio data', 'EncodingError');
    });
    const warning = {
      file: 'talk.baton:audio/narration.ogg',
      severity: 'warning',
      reason: 'the audio could not be decoded (Unable to decode audio data); the session was imported without its waveform',
    };
    expect(after.report.status).toBe('imported');
    expect(after.report.problems).toEqual([warning]);
    const row = await database.sessions.get(sid);
    expect(row).toEqual({ ...before, problemCount: before!.problemCount + 1 });
    expect(row!.meta.audio!.peaks).toBeUndefined();
    // The stored report (what "View report" shows later) says the same.
    expect((await database.reports.get(outcome.reportId))!.report.problems).toEqual([warning]);
  });

  it('a damaged WAV the browser cannot decode either keeps the one warning the reader gave', async () => {
    const cut = wav.slice(0, wav.byteLength - 1000);
    const outcome = await importToDexie(await archive(withAudio('audio/narration.wav', 'audio/wav', cut.byteLength), [{ path: 'audio/narration.wav', data: cut }]));
    expect(outcome.report.problems.map((p) => p.reason)).toEqual([expect.stringMatching(/^audio is a damaged WAV file: its data chunk is truncated/)]);
    const sid = outcome.report.sessions[0]!.id;
    const before = await database.sessions.get(sid);
    let calls = 0;
    const after = await addMissingPeaks(database, outcome, async () => {
      calls++;
      throw new DOMException('Unable to decode audio data', 'EncodingError');
    });
    // The browser was given its chance (it is more lenient than the reader), and failed.
    expect(calls).toBe(1);
    expect(after.report.problems).toEqual(outcome.report.problems);
    expect(await database.sessions.get(sid)).toEqual(before);
  });

  it('a recording with no samples is a failure too; the listed-problem limit holds', async () => {
    const outcome = await importToDexie(await oggArchive());
    const full = { ...outcome, report: { ...outcome.report, problems: [{ file: 'x', severity: 'warning' as const, reason: 'r' }] } };
    const after = await addMissingPeaks(database, full, async () => [new Float32Array(0)], { maxReportedProblems: 1 });
    expect(after.report.problems).toHaveLength(1);
    expect(after.report.problemsOmitted).toBe(1);
  });

  it('duplicates and failed imports are not touched', async () => {
    const bytes = await oggArchive();
    await importToDexie(bytes);
    const dup = await importToDexie(bytes);
    expect(dup.report.status).toBe('duplicate');
    let calls = 0;
    const decode: AudioDecoder = async () => {
      calls++;
      return [new Float32Array(10)];
    };
    expect(await addMissingPeaks(database, dup, decode)).toBe(dup);
    expect(calls).toBe(0);
  });
});
