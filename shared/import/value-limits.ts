/**
 * Caps on values a log can set to anything: times, durations, the session's labels. A value
 * out of range is clipped and reported as a warning in the import report, never a failure:
 * a cast event at 1e15 s would otherwise freeze the replay's clock, a time of 1e303 s would
 * become an infinite duration, and a 300-character version string would fail the whole
 * import with a schema error.
 */
import { SessionMeta, type SessionMetaInput } from '../model/schema';
import { ImportError } from './types';
import { describeZodError } from './zod-message';

/** The longest a session may last: 31 days. Later times are clipped to it. */
export const MAX_SESSION_MS = 31 * 24 * 3600 * 1000;

/** Latest time a Date can hold (±8.64e15 ms around 1970). */
const MAX_DATE_MS = 8.64e15;

/** An ISO time for a Unix time in ms, or undefined when no Date can hold it. */
export function isoTime(ms: number): string | undefined {
  return Number.isFinite(ms) && Math.abs(ms) <= MAX_DATE_MS ? new Date(ms).toISOString() : undefined;
}

/** A time or duration clipped to [0, MAX_SESSION_MS]; NaN becomes 0. */
export function clipTime(ms: number): number {
  if (Number.isNaN(ms) || ms < 0) return 0;
  return ms > MAX_SESSION_MS ? MAX_SESSION_MS : ms;
}

const TIME_FIELDS = ['t', 'endT', 'durationMs'] as const;

/** A diff's before or after text longer than this is not kept: no viewer can show it. The patch (if any) stays. */
export const MAX_DIFF_TEXT_CHARS = 8 * 1024 * 1024;
/** A message (prompt, response, thinking, narration) longer than this is clipped. */
export const MAX_MESSAGE_CHARS = 8 * 1024 * 1024;

/**
 * Applies the size caps to an event in place; returns what was clipped, as a phrase for the
 * import report, or undefined.
 */
export function clipEventTexts(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const ev = raw as Record<string, unknown>;
  if (ev.kind === 'diff') {
    const dropped: string[] = [];
    for (const f of ['before', 'after'] as const) {
      const v = ev[f];
      if (typeof v === 'string' && v.length > MAX_DIFF_TEXT_CHARS) {
        delete ev[f];
        dropped.push(`${f} (${v.length.toLocaleString('en-US')} characters)`);
      }
    }
    const patch = ev.patch;
    if (typeof patch === 'string' && patch.length > MAX_DIFF_TEXT_CHARS) {
      ev.patch = `${patch.slice(0, MAX_DIFF_TEXT_CHARS)}\n`;
      dropped.push('patch (clipped)');
    }
    return dropped.length ? `the change to ${String(ev.path)} is too large to show: ${dropped.join(', ')} not kept` : undefined;
  }
  if (ev.kind === 'prompt' || ev.kind === 'response' || ev.kind === 'thinking' || ev.kind === 'narration') {
    const v = ev.text;
    if (typeof v === 'string' && v.length > MAX_MESSAGE_CHARS) {
      ev.text = `${v.slice(0, MAX_MESSAGE_CHARS)}…`;
      return `a ${String(ev.kind)} of ${v.length.toLocaleString('en-US')} characters was clipped to ${MAX_MESSAGE_CHARS.toLocaleString('en-US')}`;
    }
  }
  return undefined;
}

/**
 * Clips an event's times in place (`t`, `endT`, `durationMs` past MAX_SESSION_MS or not
 * finite). Returns true when something was clipped.
 */
export function clipEventTimes(raw: unknown): boolean {
  if (typeof raw !== 'object' || raw === null) return false;
  const ev = raw as Record<string, unknown>;
  let clipped = false;
  for (const f of TIME_FIELDS) {
    const v = ev[f];
    if (typeof v === 'number' && (v > MAX_SESSION_MS || !Number.isFinite(v))) {
      ev[f] = Number.isNaN(v) ? 0 : clipTime(v);
      clipped = true;
    }
  }
  return clipped;
}

function clipString(v: unknown, max: number, what: string, warn: (reason: string) => void): unknown {
  if (typeof v !== 'string' || v.length <= max) return v;
  warn(`the ${what} is ${v.length} characters long; clipped to ${max}`);
  return `${v.slice(0, max - 1)}…`;
}

/**
 * The session's details, parsed, with every value a log could push out of range clipped
 * (and each clip reported through `warn`). Throws a plain sentence when the details are
 * still invalid.
 */
export function parseMetaClipped(input: SessionMetaInput, file: string, warn: (reason: string) => void): SessionMeta {
  const parsed = SessionMeta.safeParse(clipMetaInput(input, warn, { replaceBadStart: true }));
  if (!parsed.success) throw new ImportError(`${file}: the session's details are not valid (${describeZodError(parsed.error)})`);
  return parsed.data;
}

/**
 * The session's details with every value a log could push out of range clipped, each clip
 * reported through `warn`; not yet validated. Takes anything (an archive's manifest is
 * untrusted JSON): what is not shaped like session details is passed on for the schema to refuse.
 */
export function clipMetaInput(input: SessionMetaInput, warn: (reason: string) => void, opts: { replaceBadStart?: boolean } = {}): Record<string, unknown> {
  const m: Record<string, unknown> = { ...input };
  m.title = clipString(m.title, 1000, 'title', warn);
  m.id = clipString(m.id, 200, 'session id', warn);
  m.model = clipString(m.model, 200, 'model name', warn);
  if (input.source) m.source = { ...input.source, version: clipString(input.source.version, 200, 'tool version', warn), fileName: clipString(input.source.fileName, 4096, 'file name', warn) };
  if (input.agent) m.agent = { ...input.agent, name: clipString(input.agent.name, 200, 'agent name', warn), version: clipString(input.agent.version, 200, 'agent version', warn) };
  if (input.task) m.task = { ...input.task, title: clipString(input.task.title, 1000, 'task title', warn) };
  if (input.candidate) m.candidate = { ...input.candidate, id: clipString(input.candidate.id, 200, 'candidate id', warn), displayName: clipString(input.candidate.displayName, 200, 'candidate name', warn) };
  if (Array.isArray(input.tags)) {
    if (input.tags.length > 100) warn(`${input.tags.length} tags; only the first 100 were kept`);
    m.tags = input.tags.slice(0, 100).map((t) => clipString(t, 200, 'tag', warn));
  }
  if (Array.isArray(input.lanes)) {
    if (input.lanes.length > 10_000) warn(`${input.lanes.length} lanes; only the first 10000 were kept`);
    m.lanes = input.lanes.slice(0, 10_000).map((l) => (l && typeof l === 'object' ? { ...l, id: clipString(l.id, 200, 'lane id', warn), label: clipString(l.label, 1000, 'lane label', warn) } : l));
  }
  const offsetOk = (v: unknown) => v === undefined || (typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= MAX_SESSION_MS);
  if (input.audio) {
    const a = input.audio;
    if (!offsetOk(a.offsetMs) || !(Number.isFinite(a.durationMs) && a.durationMs <= MAX_SESSION_MS)) {
      warn(`the narration's length or offset is out of range; clipped to ${MAX_SESSION_MS / 86_400_000} days`);
      m.audio = { ...a, durationMs: clipTime(a.durationMs), offsetMs: offsetOk(a.offsetMs) ? a.offsetMs : 0 };
    }
  }
  if (Array.isArray(input.terminals) && input.terminals.some((t) => !offsetOk(t?.offsetMs))) {
    warn('a terminal recording\'s offset is out of range; it starts with the session instead');
    m.terminals = input.terminals.map((t) => (offsetOk(t?.offsetMs) ? t : { ...t, offsetMs: 0 }));
  }
  const d = input.durationMs;
  if (typeof d === 'number' && (d > MAX_SESSION_MS || !Number.isFinite(d) || d < 0)) {
    warn(`the session's duration is out of range; clipped to ${MAX_SESSION_MS / 86_400_000} days`);
    m.durationMs = clipTime(d);
  }
  // An importer's own start time that no date holds; an archive's manifest must say it right.
  if (opts.replaceBadStart && (typeof input.startedAt !== 'string' || !Number.isFinite(Date.parse(input.startedAt)))) {
    warn('the start time is unknown or out of range; shown as 1970-01-01');
    m.startedAt = new Date(0).toISOString();
  }
  return m;
}
