/**
 * Harness page for scripts/bench-terminal.ts: the same recording in Baton's terminal player
 * (xterm + checkpoints) and in the asciinema-player package, with one seek function each.
 * Both report a seek as done when the recording has been applied and a frame has painted.
 */
import * as AsciinemaPlayer from 'asciinema-player';
import 'asciinema-player/dist/bundle/asciinema-player.css';
import { SerializeAddon } from '@xterm/addon-serialize';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { parseCast } from '../../shared/importers/asciinema';
import { buildCheckpoints, castFrames, CastPlayer, type TermLike } from '../../renderer/src/features/replay/terminal/cast-player';

const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));

function termLike(t: Terminal, s: SerializeAddon): TermLike {
  return {
    write: (d) => new Promise<void>((r) => t.write(d, r)),
    reset: () => t.reset(),
    resize: (c, r) => t.resize(c, r),
    serialize: () => s.serialize({ scrollback: 50 }),
  };
}

async function setup(text: string) {
  const { header, events } = parseCast(text);
  const frames = castFrames(events, 0);
  const t0 = performance.now();
  const term = new Terminal({ cols: header.cols, rows: header.rows, scrollback: 2000, fontSize: 12, allowProposedApi: true, disableStdin: true });
  const ser = new SerializeAddon();
  term.loadAddon(ser);
  term.open(document.getElementById('ours')!);
  const player = new CastPlayer(frames, termLike(term, ser), { cols: header.cols, rows: header.rows });
  const scratch = new Terminal({ cols: header.cols, rows: header.rows, scrollback: 200, allowProposedApi: true });
  const scratchSer = new SerializeAddon();
  scratch.loadAddon(scratchSer);
  const cps = await buildCheckpoints(frames, termLike(scratch, scratchSer), { cols: header.cols, rows: header.rows });
  player.setCheckpoints(cps);
  const checkpointMs = performance.now() - t0;

  const theirs = AsciinemaPlayer.create({ data: text }, document.getElementById('theirs')!, { preload: true, fit: false, terminalFontSize: '12px', controls: false });
  // Their player loads the recording on the first seek; do that before measuring.
  await theirs.seek(0);
  await frame();
  return {
    durationMs: frames.at(-1)!.t,
    checkpoints: cps.length,
    checkpointMs,
    checkpointChars: cps.reduce((n, c) => n + c.state.length, 0),
    async ours(tMs: number, paint: boolean) {
      await player.seek(tMs);
      if (paint) await frame();
    },
    async theirs(tMs: number, paint: boolean) {
      await theirs.seek(tMs / 1000);
      if (paint) await frame();
    },
    oursScreen: () => document.getElementById('ours')!.innerText.slice(0, 200),
    theirsScreen: () => document.getElementById('theirs')!.innerText.slice(0, 200),
  };
}

Object.assign(window, { terminalBench: { setup } });
document.title = 'terminal-bench-ready';
