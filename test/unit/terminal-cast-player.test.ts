import headless from '@xterm/headless';
import serialize from '@xterm/addon-serialize';
import { describe, expect, it } from 'vitest';
import { parseCast } from '../../shared/importers/asciinema';
import { buildCheckpoints, castFrames, CastPlayer, checkpointFor, type TermLike } from '../../renderer/src/features/replay/terminal/cast-player';

function makeTerm(cols: number, rows: number): TermLike & { screen(): string } {
  const t = new headless.Terminal({ cols, rows, allowProposedApi: true, scrollback: 200 });
  const s = new serialize.SerializeAddon();
  t.loadAddon(s as unknown as Parameters<typeof t.loadAddon>[0]);
  return {
    write: (d) => new Promise<void>((r) => t.write(d, r)),
    reset: () => t.reset(),
    resize: (c, r) => t.resize(c, r),
    serialize: () => s.serialize({ scrollback: 50 }),
    // The visible screen as plain text: what a reviewer sees.
    screen: () => {
      const b = t.buffer.active;
      const lines: string[] = [];
      for (let y = 0; y < t.rows; y++) lines.push(b.getLine(b.viewportY + y)?.translateToString(true) ?? '');
      return `${t.cols}x${t.rows}|${b.cursorX},${b.cursorY}|${lines.join('\n')}`;
    },
  };
}

/** A cast with colour, progress bars redrawn with \r, a clear screen and a resize. */
function makeCast(): string {
  const lines = [JSON.stringify({ version: 2, width: 60, height: 12 })];
  let t = 0;
  const out = (d: string) => lines.push(JSON.stringify([Number((t += 0.05).toFixed(3)), 'o', d]));
  for (let i = 0; i < 400; i++) {
    out(`\x1b[3${i % 7}m[${String(i).padStart(3)}]\x1b[0m compiling module_${i}.ts ... ok\r\n`);
    if (i % 50 === 0) for (let p = 0; p <= 10; p++) out(`\rprogress [${'#'.repeat(p)}${' '.repeat(10 - p)}] ${p * 10}%`);
    if (i === 200) out('\x1b[2J\x1b[H');
    if (i === 300) lines.push(JSON.stringify([Number((t += 0.05).toFixed(3)), 'r', '72x14']));
  }
  return lines.join('\n');
}

async function screenByFeedingAll(frames: ReturnType<typeof castFrames>, upTo: number): Promise<string> {
  const t = makeTerm(60, 12);
  for (const f of frames.slice(0, upTo)) {
    if (f.resize) t.resize(...f.resize);
    await t.write(f.data);
  }
  return t.screen();
}

describe('asciinema playback with checkpoints', () => {
  const { header, events } = parseCast(makeCast());
  const frames = castFrames(events, 1_000);

  it('turns output and resizes into frames on the session clock', () => {
    expect(header.cols).toBe(60);
    expect(frames[0]!.t).toBe(1_050);
    expect(frames.some((f) => f.resize?.[0] === 72)).toBe(true);
  });

  it('a seek shows exactly the screen that feeding from the start shows, forwards and backwards', async () => {
    const scratch = makeTerm(60, 12);
    const cps = await buildCheckpoints(frames, scratch, { cols: 60, rows: 12 }, { bytes: 4096 });
    expect(cps.length).toBeGreaterThan(5);
    const term = makeTerm(60, 12);
    const player = new CastPlayer(frames, term, { cols: 60, rows: 12 });
    player.setCheckpoints(cps);
    // Targets out of order: far forward, back, a little forward, past the resize, to the end.
    for (const frac of [0.8, 0.1, 0.12, 0.55, 0.05, 0.95, 1]) {
      const target = Math.round(frames.length * frac);
      const t = target === 0 ? 0 : frames[target - 1]!.t;
      await player.seek(t);
      expect(player.position).toBe(target);
      expect(term.screen()).toBe(await screenByFeedingAll(frames, target));
    }
  });

  it('a backward seek restores a checkpoint and feeds only what lies after it', async () => {
    const scratch = makeTerm(60, 12);
    const cps = await buildCheckpoints(frames, scratch, { cols: 60, rows: 12 }, { bytes: 4096 });
    const term = makeTerm(60, 12);
    const player = new CastPlayer(frames, term, { cols: 60, rows: 12 });
    player.setCheckpoints(cps);
    await player.seek(frames.at(-1)!.t);
    const target = Math.round(frames.length * 0.6);
    await player.seek(frames[target - 1]!.t);
    expect(player.last.restored).toBe(true);
    expect(player.last.fed).toBe(target - checkpointFor(cps, target)!.frame);
    expect(player.last.fed).toBeLessThan(frames.length / 5);
    // Playback: a small step forward feeds just the new frames, no restore.
    await player.seek(frames[target + 2]!.t);
    expect(player.last).toEqual({ fed: 3, restored: false });
  });

  it('overlapping seeks apply the newest target', async () => {
    const term = makeTerm(60, 12);
    const player = new CastPlayer(frames, term, { cols: 60, rows: 12 });
    const a = player.seek(frames[100]!.t);
    const b = player.seek(frames[10]!.t);
    await Promise.all([a, b]);
    expect(player.position).toBe(11);
  });
});
