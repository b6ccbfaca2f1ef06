/**
 * The Terminal pane: the session's commands (exit code, duration, who ran them) in step with
 * the clock, and an xterm showing either the current command's output with its ANSI colours
 * or, when the session carries an asciinema recording, that recording played on the clock
 * (seeks restore checkpoints instead of re-feeding from the start; see cast-player.ts).
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { SerializeAddon } from '@xterm/addon-serialize';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { parseCast } from '../../../../../shared/importers/asciinema';
import type { LargeText, SessionEvent, TerminalTrack } from '../../../../../shared/model/schema';
import { floorIndex } from '../../../../../shared/util/bisect';
import { formatDuration } from '../../../components/format';
import { formatClock } from '../../session/summary';
import { useClock, type ReplayClock } from '../clock';
import type { LoadedSession, PaneProps } from '../types';
import { useScrollSync } from '../scroll-sync';
import { holdScrollWrites } from '../scroll-batch';
import { buildCheckpoints, castFrames, CastPlayer, type TermLike } from './cast-player';
import { clampTermSize } from '../../../../../shared/replay/terminal-size';
import { askToOpen } from '../../../components/links';
import { scrollAwayProps } from '../scroll-away';

type Command = Extract<SessionEvent, { kind: 'command' }>;
const ROW = 30;

function theme(): { background: string; foreground: string; cursor: string; selectionBackground: string } {
  const dark = matchMedia('(prefers-color-scheme: dark)').matches;
  return dark
    ? { background: '#0d1014', foreground: '#e7eaee', cursor: '#e7eaee', selectionBackground: '#2d3a55' }
    : { background: '#fbfbfc', foreground: '#1b1f24', cursor: '#1b1f24', selectionBackground: '#cdd7ff' };
}

/** Font size for the terminal: readable at 1280×800, larger on a wide projector. */
function fontSizeFor(width: number, cols: number): number {
  const fit = Math.floor(width / (cols * 0.62));
  return Math.max(10, Math.min(18, fit));
}

function asTermLike(t: Terminal, ser: SerializeAddon): TermLike {
  return {
    write: (d) => new Promise<void>((r) => t.write(d, r)),
    reset: () => t.reset(),
    resize: (c, r) => t.resize(c, r),
    serialize: () => ser.serialize({ scrollback: 50 }),
  };
}

async function textOf(session: LoadedSession, v: LargeText | undefined): Promise<string> {
  if (v === undefined) return '';
  if (typeof v === 'string') return v;
  const b = await session.loadBlob(v.blob);
  return b ? await b.text() : `[${v.blob} is missing]`;
}

const CommandRow = memo(function CommandRow({ c, state, top, clock }: { c: Command; state: 'past' | 'current' | 'future'; top: number; clock: ReplayClock }) {
  const failed = (c.exitCode ?? 0) !== 0 || c.interrupted;
  return (
    <div
      className={`term-cmd ${state === 'past' ? '' : state} ${failed ? 'failed' : ''}`}
      data-testid="terminal-command"
      data-event-id={c.id}
      aria-current={state === 'current' ? 'true' : undefined}
      onClick={() => clock.seek(c.t)}
      style={{ position: 'absolute', left: 0, right: 0, top: 0, height: ROW, transform: `translateY(${top}px)` }}
      title={c.cmd}
    >
      <span className="ev-time">{formatClock(c.t)}</span>
      <span className={`term-exit ${failed ? 'bad' : 'ok'}`}>{c.interrupted ? 'stopped' : c.exitCode === undefined || c.exitCode === null ? '—' : `exit ${c.exitCode}`}</span>
      <code className="term-cmd-text">$ {c.cmd}</code>
      <span className="muted small term-dur">{c.durationMs !== undefined ? formatDuration(c.durationMs) : ''}</span>
      <span className={`term-who actor-${c.actor}`}>{c.actor === 'candidate' ? 'candidate' : 'agent'}</span>
    </div>
  );
});

export function TerminalPane({ session, clock }: PaneProps) {
  const commands = useMemo(() => session.events.filter((e): e is Command => e.kind === 'command'), [session.events]);
  const starts = useMemo(() => Float64Array.from(commands, (c) => c.t), [commands]);
  const track: TerminalTrack | undefined = session.meta.terminals[0];
  const [mode, setMode] = useState<'recording' | 'output'>(track ? 'recording' : 'output');
  const current = useClock(clock, (s) => floorIndex(starts, s.t));
  const [follow, setFollow] = useState(true);
  const listRef = useRef<HTMLDivElement>(null);
  const screenRef = useRef<HTMLDivElement>(null);
  const termRef = useRef<{ term: Terminal; ser: SerializeAddon } | null>(null);
  const [castState, setCastState] = useState<'none' | 'loading' | 'ready' | 'error'>(track ? 'loading' : 'none');
  const list = useScrollSync(listRef);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer returns fresh functions by design
  const v = useVirtualizer({ count: commands.length, getScrollElement: () => listRef.current, estimateSize: () => ROW, overscan: 6, useFlushSync: false, observeElementOffset: list.observeElementOffset });

  // Keep the current command in view from the clock's own listener, which runs before React
  // renders a seek (as the event list does): the render then holds the rows of the new
  // position, and the scroll write waits for its commit (scroll-batch.ts).
  const live = useRef({ follow, count: commands.length, starts });
  useLayoutEffect(() => {
    live.current = { follow, count: commands.length, starts };
  });
  useLayoutEffect(
    () =>
      clock.subscribe((s) =>
        holdScrollWrites(() => {
          const { follow, count, starts } = live.current;
          const i = follow ? floorIndex(starts, s.t) : -1;
          if (i >= 0) list.reveal(i * ROW, (i + 1) * ROW, count * ROW, 1 / 3);
        }),
      ),
    [clock, list],
  );
  // And when following resumes or the list changes, in the commit: that frame shows the row.
  // After a seek the listener has already brought it into view, so this writes nothing.
  useLayoutEffect(() => {
    if (follow && current >= 0) list.reveal(current * ROW, (current + 1) * ROW, commands.length * ROW, 1 / 3);
  }, [follow, current, commands.length, list]);

  // The visible terminal.
  useEffect(() => {
    const host = screenRef.current;
    if (!host) return;
    const { cols, rows } = clampTermSize(track?.cols ?? 100, track?.rows ?? 30);
    const term = new Terminal({
      cols,
      rows,
      convertEol: false,
      disableStdin: true,
      cursorBlink: false,
      scrollback: 2000,
      fontFamily: getComputedStyle(host).getPropertyValue('--mono').trim() || 'monospace',
      fontSize: fontSizeFor(host.clientWidth || 800, cols),
      theme: theme(),
      allowProposedApi: true,
      // OSC 8 links in recorded output ask in the app's own dialog, not the browser's confirm().
      linkHandler: { activate: (_e, uri) => askToOpen(uri), allowNonHttpProtocols: false },
    });
    const ser = new SerializeAddon();
    term.loadAddon(ser);
    term.open(host);
    termRef.current = { term, ser };
    const ro = new ResizeObserver(() => {
      const size = fontSizeFor(host.clientWidth, term.cols);
      if (term.options.fontSize !== size) term.options.fontSize = size;
    });
    ro.observe(host);
    const mq = matchMedia('(prefers-color-scheme: dark)');
    const onTheme = () => (term.options.theme = theme());
    mq.addEventListener('change', onTheme);
    return () => {
      ro.disconnect();
      mq.removeEventListener('change', onTheme);
      termRef.current = null;
      term.dispose();
    };
  }, [track]);

  // Recording mode: load the cast, build checkpoints in the background, follow the clock.
  useEffect(() => {
    if (mode !== 'recording' || !track || !termRef.current) return;
    const { term, ser } = termRef.current;
    const abort = { aborted: false };
    let unsub = () => {};
    setCastState('loading');
    void (async () => {
      const blob = await session.loadBlob(track.blob.blob);
      if (abort.aborted) return;
      if (!blob) return setCastState('error');
      let frames;
      try {
        frames = castFrames(parseCast(await blob.text()).events, track.offsetMs);
      } catch {
        return setCastState('error');
      }
      if (abort.aborted) return;
      const size = clampTermSize(track.cols, track.rows);
      const player = new CastPlayer(frames, asTermLike(term, ser), size);
      unsub = clock.subscribe((s) => void player.seek(s.t));
      await player.seek(clock.get().t);
      if (abort.aborted) return;
      setCastState('ready');
      // Checkpoints: a terminal that is never shown parses the recording once, in slices.
      const scratchTerm = new Terminal({ ...size, scrollback: 200, allowProposedApi: true });
      const scratchSer = new SerializeAddon();
      scratchTerm.loadAddon(scratchSer);
      const pause = () => new Promise<void>((r) => setTimeout(r, 0));
      try {
        const cps = await buildCheckpoints(frames, asTermLike(scratchTerm, scratchSer), size, { pause, signal: abort });
        if (!abort.aborted) player.setCheckpoints(cps);
      } finally {
        scratchTerm.dispose();
      }
      // npm run bench drives the player directly (only with ?bench in the URL).
      if (new URLSearchParams(window.location.search).has('bench')) Object.assign(window, { __batonCast: player });
    })();
    return () => {
      abort.aborted = true;
      unsub();
    };
  }, [mode, track, session, clock]);

  // Output mode: the current command and its output.
  useEffect(() => {
    if (mode !== 'output' || !termRef.current) return;
    const { term } = termRef.current;
    const c = commands[current];
    let live = true;
    void (async () => {
      const [out, err] = c ? await Promise.all([textOf(session, c.stdout), textOf(session, c.stderr)]) : ['', ''];
      if (!live) return;
      term.reset();
      if (!c) {
        term.write('\x1b[2mNo command has run yet at this point of the session.\x1b[0m');
        return;
      }
      const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n');
      let text = `\x1b[2m${c.cwd ?? ''}\x1b[0m\r\n\x1b[1m$ ${crlf(c.cmd)}\x1b[0m\r\n`;
      if (out) text += crlf(out) + (out.endsWith('\n') ? '' : '\r\n');
      if (err) text += `\x1b[31m${crlf(err)}\x1b[0m${err.endsWith('\n') ? '' : '\r\n'}`;
      const code = c.interrupted ? '\x1b[33minterrupted\x1b[0m' : c.exitCode === undefined || c.exitCode === null ? '' : c.exitCode === 0 ? '\x1b[32mexit 0\x1b[0m' : `\x1b[31mexit ${c.exitCode}\x1b[0m`;
      if (code) text += `\r\n${code}${c.durationMs !== undefined ? `\x1b[2m in ${formatDuration(c.durationMs)}\x1b[0m` : ''}\r\n`;
      // Start at the command line; the reviewer scrolls down through long output.
      term.write(text, () => live && term.scrollToTop());
    })();
    return () => {
      live = false;
    };
  }, [mode, current, commands, session]);

  return (
    <div className="terminal-pane" data-testid="terminal-pane">
      {track && (
        <div className="term-modes" role="radiogroup" aria-label="Terminal shows">
          <label>
            <input type="radio" checked={mode === 'recording'} onChange={() => setMode('recording')} /> Recording{track.title ? `: ${track.title}` : ''}
          </label>
          <label>
            <input type="radio" checked={mode === 'output'} onChange={() => setMode('output')} /> Command output
          </label>
          {mode === 'recording' && castState === 'loading' && <span className="muted small">loading…</span>}
          {mode === 'recording' && castState === 'error' && <span className="muted small">The recording could not be read.</span>}
        </div>
      )}
      {commands.length > 0 ? (
        <div className="term-list" ref={listRef} {...scrollAwayProps(`${commands.length} commands`, () => setFollow(false))}>
          <div role="list" style={{ height: v.getTotalSize(), position: 'relative' }}>
            {v.getVirtualItems().map((vi) => (
              <div role="listitem" key={vi.key}>
                <CommandRow c={commands[vi.index]!} state={vi.index === current ? 'current' : vi.index > current ? 'future' : 'past'} top={vi.start} clock={clock} />
              </div>
            ))}
          </div>
        </div>
      ) : (
        <p className="pane-empty muted">{track ? 'No shell commands were recorded; the recording plays below.' : 'No shell commands in this session.'}</p>
      )}
      {!follow && (
        <button className="btn small follow-btn term-follow" onClick={() => setFollow(true)}>
          Follow playhead
        </button>
      )}
      <div className="term-screen" ref={screenRef} data-testid="terminal-screen" data-mode={mode} data-cast={castState} />
    </div>
  );
}
