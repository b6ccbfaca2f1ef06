/**
 * Writes the bundled sample sessions: resources/samples/<style>.baton and index.json.
 * The narrator sample gets a speech track made with espeak-ng and sox, which is why this is
 * an authoring-time script (`npm run samples`): the app and the tests never call either tool.
 * Reruns produce byte-identical archives (fixed createdAt, deterministic synthesis, sox -R).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeArchiveToBytes, type ArchiveBlob } from '../shared/archive/baton-writer';
import { computePeaks, PEAK_PAIRS } from '../shared/audio/peaks';
import type { AudioTrack, SessionEvent } from '../shared/model/schema';
import { generateSample, SAMPLE_FILES, type GeneratedSession } from '../shared/samples/index';
import { NARRATION_MS } from '../shared/samples/narration-timing';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(ROOT, 'resources/samples');
const TIMING_FILE = join(ROOT, 'shared/samples/narration-timing.ts');
const CREATED_AT = '2026-03-01T00:00:00.000Z';
const VOICE = ['-v', 'en-us', '-s', '160', '-g', '2'];
const SPEECH_RATE = 22_050; // espeak-ng's native rate
const AUDIO_RATE = 16_000;
const AUDIO_BLOB = 'audio/narration.ogg';

function tool(cmd: string, args: string[], opts: { encoding?: 'buffer' } = {}): Buffer {
  try {
    return execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 512 * 1024 * 1024, ...opts });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: Buffer };
    if (err.code === 'ENOENT') throw new Error(`${cmd} is not installed (apt-get install espeak-ng sox libsox-fmt-all)`);
    throw new Error(`${cmd} ${args.join(' ')} failed: ${err.stderr?.toString() ?? err.message}`);
  }
}

function samplesOf(wav: string): number {
  return Number(tool('soxi', ['-s', wav]).toString().trim());
}

/** Speaks each text into its own wav and returns the files and their lengths in ms. */
function speak(texts: string[], dir: string): Map<string, { wav: string; samples: number; ms: number }> {
  const out = new Map<string, { wav: string; samples: number; ms: number }>();
  texts.forEach((text, i) => {
    if (out.has(text)) return;
    const wav = join(dir, `seg-${i}.wav`);
    tool('espeak-ng', [...VOICE, '-w', wav, text]);
    const rate = Number(tool('soxi', ['-r', wav]).toString().trim());
    if (rate !== SPEECH_RATE) throw new Error(`espeak-ng wrote ${rate} Hz, expected ${SPEECH_RATE}`);
    const samples = samplesOf(wav);
    out.set(text, { wav, samples, ms: Math.round((samples * 1000) / SPEECH_RATE) });
  });
  return out;
}

/** Lays the segments out at their t offsets (silence between) and encodes one small ogg/vorbis track. */
function buildTrack(narration: Extract<SessionEvent, { kind: 'narration' }>[], segs: Map<string, { wav: string; samples: number }>, dir: string): { ogg: Uint8Array; audio: AudioTrack } {
  const parts: string[] = [];
  let cursor = 0;
  narration.forEach((n, i) => {
    const seg = segs.get(n.text)!;
    const start = Math.round((n.t * SPEECH_RATE) / 1000);
    const gap = start - cursor;
    if (gap < 0) throw new Error(`narration ${n.id} overlaps the previous segment by ${-gap} samples`);
    const part = join(dir, `part-${i}.wav`);
    tool('sox', ['-R', seg.wav, part, 'pad', `${gap}s`, '0']);
    parts.push(part);
    cursor = start + seg.samples;
  });
  const tail = join(dir, 'tail.wav');
  tool('sox', ['-R', '-n', '-r', String(SPEECH_RATE), '-c', '1', '-b', '16', tail, 'trim', '0', '0.5']);
  parts.push(tail);
  const track = join(dir, 'track.wav');
  tool('sox', ['-R', ...parts, track]);
  const ogg = join(dir, 'narration.ogg');
  tool('sox', ['-R', track, '-r', String(AUDIO_RATE), '-c', '1', '-C', '0', ogg]);
  const bytes = new Uint8Array(readFileSync(ogg));

  // Decode what was encoded, so duration and peaks describe the file that ships.
  const raw = tool('sox', ['-R', ogg, '-t', 'raw', '-e', 'floating-point', '-b', '32', '-L', '-c', '1', '-']);
  const pcm = new Float32Array(raw.buffer, raw.byteOffset, Math.floor(raw.byteLength / 4));
  const rate = Number(tool('soxi', ['-r', ogg]).toString().trim());
  const peaks = computePeaks([pcm], PEAK_PAIRS);
  const durationMs = Math.round((pcm.length * 1000) / rate);
  return { ogg: bytes, audio: { blob: { blob: AUDIO_BLOB, mime: 'audio/ogg', size: bytes.byteLength }, durationMs, offsetMs: 0, peaks } };
}

function writeTiming(ms: Map<string, number>): boolean {
  const entries = [...ms].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const same = entries.length === Object.keys(NARRATION_MS).length && entries.every(([k, v]) => NARRATION_MS[k] === v);
  const body = entries.map(([k, v]) => `  ${JSON.stringify(k)}: ${v},`).join('\n');
  writeFileSync(
    TIMING_FILE,
    `/**\n * Spoken length (ms) of each narration text of the narrator sample, measured from the\n * synthesised audio. Written by \`npm run samples\`; do not edit by hand.\n */\nexport const NARRATION_MS: Readonly<Record<string, number>> = {\n${body}\n};\n`,
  );
  return !same;
}

async function main(): Promise<void> {
  mkdirSync(OUT_DIR, { recursive: true });
  const index: { file: string; title: string; style: string }[] = [];
  let timingChanged = false;
  for (const { style, seed, file } of SAMPLE_FILES) {
    let session: GeneratedSession = generateSample(style, seed);
    const blobs: ArchiveBlob[] = [];
    const narration = session.events.filter((e): e is Extract<SessionEvent, { kind: 'narration' }> => e.kind === 'narration');
    if (narration.length) {
      const dir = mkdtempSync(join(tmpdir(), 'baton-narration-'));
      try {
        const segs = speak(narration.map((n) => n.text), dir);
        const measured = new Map([...segs].map(([text, s]) => [text, s.ms]));
        // Lay the session out again around the real spoken lengths.
        session = generateSample(style, seed, { speechMs: (text) => measured.get(text) });
        const laid = session.events.filter((e): e is Extract<SessionEvent, { kind: 'narration' }> => e.kind === 'narration');
        const { ogg, audio } = buildTrack(laid, segs, dir);
        session.meta = { ...session.meta, audio, durationMs: Math.max(session.meta.durationMs, Math.ceil(audio.durationMs / 1000) * 1000) };
        blobs.push({ path: AUDIO_BLOB, data: ogg });
        timingChanged = writeTiming(measured) || timingChanged;
        console.log(`${style}: ${laid.length} narration segments, ${(audio.durationMs / 1000).toFixed(1)} s of audio, ${(ogg.byteLength / 1024).toFixed(0)} KiB`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    const bytes = await writeArchiveToBytes({
      meta: session.meta,
      events: session.events,
      blobs,
      workspace: session.workspace ?? [],
      generator: 'baton gen-samples',
      createdAt: CREATED_AT,
    });
    writeFileSync(join(OUT_DIR, file), bytes);
    index.push({ file, title: session.meta.title, style });
    console.log(`${file}: ${session.events.length} events, ${(session.meta.durationMs / 60_000).toFixed(1)} min, ${(bytes.byteLength / 1024).toFixed(0)} KiB`);
  }
  writeFileSync(join(OUT_DIR, 'index.json'), JSON.stringify(index, null, 2) + '\n');
  if (timingChanged) console.log('shared/samples/narration-timing.ts was updated with the measured speech lengths.');
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
