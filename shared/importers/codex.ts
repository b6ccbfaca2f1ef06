/**
 * Codex CLI rollouts (`~/.codex/sessions/YYYY/MM/DD/rollout-<time>-<uuid>.jsonl`).
 *
 * Two line shapes are read:
 * - the envelope form (0.2x onwards): `{timestamp, type, payload}` with type session_meta,
 *   response_item, event_msg, turn_context or compacted;
 * - the older flat form: a first line `{id, timestamp, instructions, git?}` followed by bare
 *   response items (`{type: "message", role, content}`, `{type: "function_call", …}`) and
 *   `{record_type: "state"}` lines, without per-line timestamps.
 *
 * Who did what: typed prompts and approval decisions are the candidate's; messages,
 * reasoning, commands and patches are the agent's; harness-injected context (AGENTS.md,
 * <environment_context>, permissions…) is not a prompt at all.
 */
import type { BlobRef, SessionEvent, SessionMetaInput, ToolCategory } from '../model/schema';
import type { ImportContext, SessionBuilder } from '../import/context';
import type { FormatImporter, Sniff } from '../import/registry';
import { ImportError } from '../import/types';
import { extractCodexPatch, parseCodexPatch } from './text-patch';
import {
  clip,
  decodeDataUrl,
  firstNonBlankLine,
  isRecord,
  largeText,
  num,
  readLines,
  str,
  Tally,
  titleFrom,
  tryJson,
  UNKNOWN_CANDIDATE,
} from './text-support';

const ENVELOPE_TYPES = new Set(['session_meta', 'response_item', 'event_msg', 'turn_context', 'compacted']);
const ITEM_TYPES = new Set([
  'message',
  'reasoning',
  'function_call',
  'function_call_output',
  'local_shell_call',
  'custom_tool_call',
  'custom_tool_call_output',
  'web_search_call',
  'ghost_snapshot',
  'compaction',
  'compaction_summary',
]);

/** Context the harness sends as a "user" message; none of it was typed by the candidate. */
const HARNESS_PREFIXES = [
  '# AGENTS.md instructions',
  '<environment_context',
  '<user_instructions',
  '<permissions instructions',
  '<INSTRUCTIONS>',
  '<turn_aborted',
  '<skill',
  '<plugins',
  '<subagents',
  '<subagent_notification',
  '<collaboration_mode',
  '<personality',
  '<developer_instructions',
  '<model_switch',
];

export function isHarnessText(text: string): boolean {
  const t = text.trim();
  if (t === '') return true;
  if (HARNESS_PREFIXES.some((p) => t.startsWith(p))) return true;
  // Any other message that is one whole <snake_case_tag>…</snake_case_tag> block was injected.
  const m = /^<([a-z][a-z0-9_ -]{0,60})>/.exec(t);
  return !!m && t.endsWith(`</${m[1]}>`);
}

/** Joins a shell argv into one command line; for `bash -lc <script>` that is the script. */
export function shellCommandText(command: unknown): string | undefined {
  if (typeof command === 'string') return command;
  if (!Array.isArray(command) || command.length === 0 || !command.every((s) => typeof s === 'string')) return undefined;
  const a = command as string[];
  if (a.length === 3 && /(^|[\\/])(ba|z|da|k|fi)?sh(\.exe)?$/.test(a[0]!) && /^-(l?c|cl)$/.test(a[1]!)) return a[2]!;
  if (a.length >= 3 && /(^|[\\/])(powershell|pwsh)(\.exe)?$/i.test(a[0]!) && /^-(command|c)$/i.test(a[a.length - 2]!)) {
    return a[a.length - 1]!;
  }
  if (a.length === 3 && /(^|[\\/])cmd(\.exe)?$/i.test(a[0]!) && /^\/c$/i.test(a[1]!)) return a[2]!;
  return a.map((s) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`)).join(' ');
}

export interface ToolOutput {
  text: string;
  exitCode?: number;
  durationMs?: number;
  success?: boolean;
}

function intOf(v: unknown): number | undefined {
  const n = num(v);
  return n !== undefined && Number.isInteger(n) ? n : undefined;
}

/**
 * A tool result in any of the shapes Codex wrote over the versions: a JSON string
 * `{"output", "metadata": {"exit_code", "duration_seconds"}}`; freeform text with an
 * `Exit code:` / `Wall time:` / `Output:` header (shell_command, exec_command); a
 * sandbox failure sentence ending in `exit code: N`; content items; `{content, success}`.
 */
export function parseToolOutput(raw: unknown): ToolOutput {
  let text = '';
  let success: boolean | undefined;
  if (typeof raw === 'string') text = raw;
  else if (Array.isArray(raw)) text = raw.map((i) => (isRecord(i) ? (str(i.text) ?? '') : '')).filter(Boolean).join('\n');
  else if (isRecord(raw)) {
    text = str(raw.content) ?? str(raw.output) ?? JSON.stringify(raw);
    if (typeof raw.success === 'boolean') success = raw.success;
  }
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    const j = tryJson(trimmed);
    if (isRecord(j) && typeof j.output === 'string') {
      const md = isRecord(j.metadata) ? j.metadata : {};
      const secs = num(md.duration_seconds);
      return { text: j.output, exitCode: intOf(md.exit_code), durationMs: secs !== undefined ? secs * 1000 : undefined, success };
    }
  }
  if (/^(Exit code: -?\d+|Chunk ID: |Wall time: |Process exited with code |Process running with session ID )/.test(trimmed)) {
    const marker = '\nOutput:\n';
    const at = trimmed.indexOf(marker);
    const header = at === -1 ? trimmed : trimmed.slice(0, at);
    const exit = /^(?:Exit code:|Process exited with code) (-?\d+)/m.exec(header);
    const wall = /^(?:Wall time|Duration): ([\d.]+) seconds?/m.exec(header);
    return {
      text: at === -1 ? '' : trimmed.slice(at + marker.length),
      exitCode: exit ? Number(exit[1]) : undefined,
      durationMs: wall ? Number(wall[1]) * 1000 : undefined,
      success,
    };
  }
  const sandbox = /^(?:failed in sandbox|execution error)[^\n]*?exit code: (-?\d+)/.exec(trimmed);
  if (sandbox) return { text, exitCode: Number(sandbox[1]), success };
  return { text, success };
}

/** The text Codex wraps around an attached image (`<image name=[Image #1]>`, `</image>`). */
const IMAGE_WRAPPER = /^\s*<\/?image\b[^>]*>\s*$/;

const REJECTED = /^(exec command|patch) rejected by user/;

function contentText(content: unknown, types: readonly string[]): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .filter((c) => isRecord(c) && types.includes(String(c.type)) && typeof c.text === 'string')
    .map((c) => (c as { text: string }).text)
    .join('\n');
}

function norm(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function toolCategory(name: string): { category: ToolCategory; server?: string } {
  const mcp = /^(?:mcp__)?([\w.-]+?)__([\w.-]+)$/.exec(name);
  if (mcp) return { category: 'mcp', server: mcp[1] };
  if (/^(view_image|read_file|list_dir)$/.test(name)) return { category: 'read' };
  if (/^(web_search|grep_files|search|tool_search)$/.test(name)) return { category: 'search' };
  if (/^(write_stdin)$/.test(name)) return { category: 'shell' };
  return { category: 'other' };
}

interface PendingCall {
  callId: string;
  id: string;
  line: number;
  t: number;
  tsMs?: number;
  name: string;
  kind: 'command' | 'patch' | 'tool';
  cmd?: string;
  cwd?: string;
  patch?: string;
  input?: unknown;
}

type DedupeKind = 'prompt' | 'response' | 'thinking';
interface EmPending {
  kind: DedupeKind;
  key: string;
  event: SessionEvent;
  line: number;
}

/**
 * Codex writes most conversation content twice: as a `response_item` (what the model saw)
 * and as an `event_msg` (what the UI showed: user_message, agent_message, agent_reasoning).
 * The response_item is the source of truth: it exists in every version, including the flat
 * form that has no event_msg at all, and it carries the full content (images, roles,
 * reasoning summaries). An event_msg is imported only when no response_item twin turns up
 * for it — which happens for turns the candidate interrupted: the UI had already shown the
 * agent's message or reasoning, but no response_item was recorded. Twins are matched by
 * normalised text within one turn (a prompt may also match by containment, since a turn
 * has exactly one). The order of the twins differs between versions, so each side waits
 * for the other until the next candidate prompt, an aborted turn or the end of the file.
 */
class Dedupe {
  private riSeen: { kind: DedupeKind; key: string }[] = [];
  private em: EmPending[] = [];
  /**
   * event_msg items emitted when the previous turn closed without their twin: a message the
   * candidate sent mid-turn closes the turn, and the twin response_item can still follow.
   */
  private emitted: { kind: DedupeKind; key: string }[] = [];
  twins = 0;

  private static match(kind: DedupeKind, a: string, b: string): boolean {
    if (a === b) return true;
    return kind === 'prompt' && a.length > 0 && b.length > 0 && (a.includes(b) || b.includes(a));
  }

  /** Drops an event_msg twin that is waiting for this response_item; true if there was one. */
  dropHeldTwin(kind: DedupeKind, text: string): boolean {
    const key = norm(text);
    const i = this.em.findIndex((e) => e.kind === kind && Dedupe.match(kind, e.key, key));
    if (i === -1) return false;
    this.em.splice(i, 1);
    this.twins++;
    return true;
  }

  /**
   * A response_item arrived: drops its waiting event_msg twin, or remembers it for a later
   * one. True when its twin was already emitted (the response_item is then not imported).
   */
  fromItem(kind: DedupeKind, text: string): boolean {
    if (this.dropHeldTwin(kind, text)) return false;
    const key = norm(text);
    const i = this.emitted.findIndex((e) => e.kind === kind && e.key === key);
    if (i !== -1) {
      this.emitted.splice(i, 1);
      this.twins++;
      return true;
    }
    this.riSeen.push({ kind, key });
    if (this.riSeen.length > 512) this.riSeen.shift();
    return false;
  }

  /** An event_msg arrived: skipped if its twin was already emitted, else held. */
  fromEvent(p: EmPending, flushOverflow: (e: EmPending) => void): void {
    const i = this.riSeen.findIndex((r) => r.kind === p.kind && Dedupe.match(p.kind, r.key, p.key));
    if (i !== -1) {
      this.riSeen.splice(i, 1);
      this.twins++;
      return;
    }
    this.em.push(p);
    if (this.em.length > 512) flushOverflow(this.em.shift()!);
  }

  /** Ends a turn: returns the event_msg items that never found a twin. */
  takeUnmatched(): EmPending[] {
    const out = this.em;
    this.em = [];
    this.riSeen = [];
    this.emitted = out.filter((e) => e.kind !== 'prompt').map((e) => ({ kind: e.kind, key: e.key }));
    return out;
  }
}

class CodexRun {
  private readonly file: string;
  private b!: SessionBuilder;
  private startMs: number | undefined;
  private lastT = 0;
  private synthesized = 0;
  private records = 0;
  private badLines = 0;
  private metaCount = 0;
  private sessionId: string | undefined;
  private cliVersion: string | undefined;
  private model: string | undefined;
  private firstPrompt: string | undefined;
  private readonly pending = new Map<string, PendingCall>();
  private readonly asked = new Map<string, { t: number; line: number; tool: string }>();
  private readonly ends = new Map<string, { exitCode?: number; durationMs?: number; success?: boolean; declined?: boolean }>();
  private readonly dedupe = new Dedupe();
  /** A view_image call was made: the image it returns arrives as a "user" message with no text. */
  private viewImage = false;
  private readonly skipped = new Tally();
  private readonly unknown = new Tally();
  private seq = 0;

  constructor(private readonly ctx: ImportContext) {
    this.file = ctx.fileName;
  }

  async run(): Promise<void> {
    this.b = await this.ctx.openSession();
    await readLines(this.ctx, (text, line) => this.line(text, line), { between: () => this.b.drain() });
    this.endTurn();
    // Calls whose output never arrived (the log ends mid-turn).
    for (const pc of [...this.pending.values()]) await this.finish(pc, undefined, pc.line, undefined);
    await this.b.finish();
    if (this.records === 0) {
      const why = this.badLines ? `all ${this.badLines} non-empty lines failed to parse` : 'it holds no Codex CLI records';
      throw new ImportError(`${this.file}: nothing usable — ${why}`);
    }
    if (this.metaCount > 1) {
      this.warn(undefined, `rollout was resumed (${this.metaCount} session_meta records); imported as one session — the copied history carries the resume time`);
    }
    if (this.synthesized) {
      this.warn(undefined, `${this.synthesized} records carry no timestamp (older rollout format); they were spaced 1 s apart to keep their order`);
    }
    if (this.skipped.size) this.warn(undefined, `not imported as events: ${this.skipped.describe()}`);
    if (this.unknown.size) this.warn(undefined, `unknown record types skipped: ${this.unknown.describe()}`);
    const title = titleFrom(this.firstPrompt, 'Codex CLI session');
    const meta: SessionMetaInput = {
      id: `codex-${clip(this.sessionId ?? 'session', 180).replace(/[^\w.-]/g, '_')}`,
      title,
      candidate: { ...UNKNOWN_CANDIDATE },
      task: { title, statement: '' },
      source: { format: 'codex', version: this.cliVersion, fileName: this.file },
      agent: { name: 'Codex CLI', version: this.cliVersion },
      model: this.model,
      startedAt: new Date(this.startMs ?? 0).toISOString(),
      durationMs: this.lastT,
    };
    this.ctx.finishSession(this.b, meta);
  }

  private warn(line: number | undefined, reason: string): void {
    this.ctx.problems.add({ file: this.file, line, severity: 'warning', reason });
  }

  private add(ev: SessionEvent, line: number): void {
    ev.source = { file: this.file, line };
    this.b.add(ev, { file: this.file, line }, true);
  }

  private nextId(line: number): string {
    return `c${line}.${this.seq++}`;
  }

  /** ms from the session start for a record's timestamp; untimed records reuse the last time. */
  private timeOf(ts: unknown, synthesize: boolean): { t: number; ms?: number } {
    const ms = typeof ts === 'string' ? Date.parse(ts) : typeof ts === 'number' ? ts * 1000 : NaN;
    if (Number.isFinite(ms)) {
      if (this.startMs === undefined) this.startMs = ms;
      const t = Math.max(0, ms - this.startMs);
      this.lastT = Math.max(this.lastT, t);
      return { t, ms };
    }
    if (synthesize) {
      this.synthesized++;
      this.lastT += 1000;
    }
    return { t: this.lastT };
  }

  private async line(text: string, line: number): Promise<void> {
    if (text.trim() === '') return;
    let obj: unknown;
    try {
      obj = JSON.parse(text);
    } catch (e) {
      this.badLines++;
      this.warn(line, `not valid JSON (${(e as Error).message})`);
      return;
    }
    if (!isRecord(obj)) {
      this.badLines++;
      this.warn(line, 'not a JSON object; skipped');
      return;
    }
    const type = str(obj.type);
    if (type && ENVELOPE_TYPES.has(type) && isRecord(obj.payload)) {
      this.records++;
      const { t, ms } = this.timeOf(obj.timestamp, false);
      const p = obj.payload;
      switch (type) {
        case 'session_meta':
          return this.sessionMeta(p);
        case 'turn_context':
          this.model ??= str(p.model);
          this.skipped.add('turn_context');
          return;
        case 'compacted':
          this.add({ id: this.nextId(line), t, actor: 'system', kind: 'marker', label: 'conversation compacted' }, line);
          return;
        case 'response_item':
          return this.item(p, line, t, ms);
        default:
          return this.eventMsg(p, line, t);
      }
    }
    if (type === undefined && this.records === 0 && typeof obj.id === 'string' && 'timestamp' in obj) {
      // Flat form, first line: the session's own metadata.
      this.records++;
      this.timeOf(obj.timestamp, false);
      return this.sessionMeta(obj);
    }
    if (type && ITEM_TYPES.has(type)) {
      this.records++;
      const { t, ms } = this.timeOf(obj.timestamp, obj.timestamp === undefined);
      return this.item(obj, line, t, ms);
    }
    if (obj.record_type === 'state') {
      this.records++;
      this.skipped.add('state records');
      return;
    }
    this.unknown.add(type ?? (typeof obj.record_type === 'string' ? obj.record_type : 'untyped'));
  }

  private sessionMeta(p: Record<string, unknown>): void {
    this.metaCount++;
    if (this.metaCount > 1) return;
    this.sessionId = str(p.id);
    this.cliVersion = str(p.cli_version);
    this.model ??= str(p.model);
  }

  // ── response items ─────────────────────────────────────────────────────────

  private async item(p: Record<string, unknown>, line: number, t: number, ms: number | undefined): Promise<void> {
    switch (p.type) {
      case 'message':
        return this.message(p, line, t);
      case 'reasoning': {
        const summary = Array.isArray(p.summary) ? p.summary : [];
        const parts = summary.map((s) => (isRecord(s) ? (str(s.text) ?? '') : '')).filter((s) => s.trim() !== '');
        let text = parts.join('\n\n');
        if (!text) text = contentText(p.content, ['reasoning_text', 'text']);
        if (!text.trim()) {
          this.skipped.add('reasoning without readable text');
          return;
        }
        let twins = 0;
        for (const part of parts.length ? parts : [text]) if (this.dedupe.fromItem('thinking', part)) twins++;
        if (twins > 0 && twins === (parts.length || 1)) return;
        this.add({ id: this.nextId(line), t, actor: 'agent', kind: 'thinking', text }, line);
        return;
      }
      case 'function_call':
      case 'custom_tool_call':
      case 'local_shell_call':
        return this.call(p, line, t, ms);
      case 'function_call_output':
      case 'custom_tool_call_output': {
        const callId = str(p.call_id) ?? '';
        const pc = this.pending.get(callId);
        if (!pc) {
          this.warn(line, 'tool output for a call that is not in the log; skipped');
          return;
        }
        return this.finish(pc, p.output, line, ms);
      }
      case 'web_search_call': {
        const action = isRecord(p.action) ? p.action : {};
        const status = str(p.status);
        this.add(
          {
            id: this.nextId(line),
            t,
            actor: 'agent',
            kind: 'tool_call',
            name: 'web_search',
            category: 'search',
            input: action,
            status: status === 'failed' ? 'error' : status === 'in_progress' ? 'pending' : 'ok',
          },
          line,
        );
        return;
      }
      case 'compaction':
      case 'compaction_summary':
        this.add({ id: this.nextId(line), t, actor: 'system', kind: 'marker', label: 'conversation compacted' }, line);
        return;
      default:
        this.skipped.add(String(p.type));
    }
  }

  private async message(p: Record<string, unknown>, line: number, t: number): Promise<void> {
    const role = str(p.role);
    const content = Array.isArray(p.content) ? p.content : typeof p.content === 'string' ? [{ type: 'input_text', text: p.content }] : [];
    if (role === 'user') {
      const texts: string[] = [];
      const images: BlobRef[] = [];
      let harness = 0;
      for (const c of content) {
        if (!isRecord(c)) continue;
        const text = str(c.text);
        if (text !== undefined && (c.type === 'input_text' || c.type === 'text')) {
          if (text.trimStart().startsWith('<user_shell_command>')) {
            this.userShell(text, line, t);
            continue;
          }
          if (isHarnessText(text)) harness++;
          else if (!IMAGE_WRAPPER.test(text)) texts.push(text);
        } else if (c.type === 'input_image' && typeof c.image_url === 'string') {
          const img = decodeDataUrl(c.image_url);
          if (img) {
            const ext = img.mime.split('/')[1]?.replace(/[^\w]/g, '') || 'bin';
            const path = `blobs/codex-${line}-${images.length}.${ext}`;
            await this.b.writer.blob(path, img.data, img.mime);
            images.push({ blob: path, mime: img.mime, size: img.data.byteLength });
          }
        }
      }
      if (harness) this.skipped.add('harness context messages (not candidate prompts)', harness);
      const text = texts.join('\n\n');
      if (!text.trim() && images.length === 0) return;
      if (!text.trim() && this.viewImage) {
        // view_image's output: the harness hands the model the image as a user message.
        this.skipped.add('images returned by view_image (tool output, not a prompt)');
        return;
      }
      this.viewImage = false;
      // A new candidate prompt starts a turn: settle the previous turn's event_msg items.
      this.endTurn(text);
      this.firstPrompt ??= text;
      const ev: SessionEvent = { id: this.nextId(line), t, actor: 'candidate', kind: 'prompt', text };
      if (images.length) ev.images = images;
      this.add(ev, line);
      return;
    }
    if (role === 'assistant') {
      this.viewImage = false;
      // Some writers put reasoning inside the assistant message as its own content item.
      const reasoning = contentText(content, ['reasoning']);
      if (reasoning.trim()) {
        if (!this.dedupe.fromItem('thinking', reasoning)) this.add({ id: this.nextId(line), t, actor: 'agent', kind: 'thinking', text: reasoning }, line);
      }
      const text = contentText(content, ['output_text', 'text']);
      if (!text.trim()) return;
      if (this.dedupe.fromItem('response', text)) return;
      const ev: SessionEvent = { id: this.nextId(line), t, actor: 'agent', kind: 'response', text };
      if (this.model) ev.model = clip(this.model, 200);
      this.add(ev, line);
      return;
    }
    this.skipped.add(`${role ?? 'unknown-role'} messages`);
  }

  /** `!cmd` typed in the TUI is recorded as a <user_shell_command> user message. */
  private userShell(text: string, line: number, t: number): void {
    const cmd = /<command>\n?([\s\S]*?)\n?<\/command>/.exec(text)?.[1]?.trim();
    if (!cmd) {
      this.skipped.add('unreadable user shell commands');
      return;
    }
    const result = /<result>\n?([\s\S]*?)\n?<\/result>/.exec(text)?.[1];
    const out = result !== undefined ? parseToolOutput(result) : undefined;
    const ev: SessionEvent = { id: this.nextId(line), t, actor: 'candidate', kind: 'command', cmd };
    if (out) {
      if (out.exitCode !== undefined) ev.exitCode = out.exitCode;
      if (out.durationMs !== undefined) ev.durationMs = out.durationMs;
      if (out.text) ev.stdout = out.text;
    }
    this.add(ev, line);
  }

  private async call(p: Record<string, unknown>, line: number, t: number, ms: number | undefined): Promise<void> {
    const callId = str(p.call_id) ?? str(p.id) ?? `line-${line}`;
    let name = str(p.name) ?? (p.type === 'local_shell_call' ? 'local_shell' : 'tool');
    let args: unknown;
    if (p.type === 'local_shell_call') {
      const action = isRecord(p.action) ? p.action : {};
      args = { command: action.command, workdir: action.working_directory };
    } else if (p.type === 'custom_tool_call') {
      args = p.input;
    } else {
      args = typeof p.arguments === 'string' ? (tryJson(p.arguments) ?? p.arguments) : p.arguments;
    }
    const pc: PendingCall = { callId, id: this.nextId(line), line, t, tsMs: ms, name, kind: 'tool', input: args };
    const a = isRecord(args) ? args : {};
    let cmd: string | undefined;
    if (/^(shell|container\.exec|local_shell|shell_command)$/.test(name)) cmd = shellCommandText(a.command);
    else if (name === 'exec_command') cmd = shellCommandText(a.cmd ?? a.command);
    // apply_patch arrives as its own tool (JSON or freeform input), as argv ["apply_patch", patch],
    // or as a shell script feeding the patch through a heredoc.
    const argv = Array.isArray(a.command) ? a.command : undefined;
    let patchSource: string | undefined;
    if (name === 'apply_patch') patchSource = typeof args === 'string' ? args : (str(a.input) ?? str(a.patch));
    else if (argv && /^apply_?patch$/.test(String(argv[0])) && typeof argv[1] === 'string') patchSource = argv[1];
    else if (cmd !== undefined && /\bapply_?patch\b/.test(cmd)) patchSource = cmd;
    const patch = patchSource !== undefined ? extractCodexPatch(patchSource) : undefined;
    if (patch) {
      pc.kind = 'patch';
      pc.patch = patch;
      name = 'apply_patch';
      pc.name = name;
    } else if (cmd !== undefined) {
      pc.kind = 'command';
      pc.cmd = cmd;
      pc.cwd = str(a.workdir) ?? str(a.cwd);
    }
    const earlier = this.pending.get(callId);
    if (earlier) await this.finish(earlier, undefined, earlier.line, undefined);
    if (name === 'view_image') this.viewImage = true;
    this.pending.set(callId, pc);
  }

  /** Emits a call once its output is known (or at the end of the log without one). */
  private async finish(pc: PendingCall, output: unknown, outLine: number, outMs: number | undefined): Promise<void> {
    this.pending.delete(pc.callId);
    const out = output === undefined ? undefined : parseToolOutput(output);
    const end = this.ends.get(pc.callId);
    const asked = this.asked.get(pc.callId);
    const where = pc.line;
    const denied = (out && REJECTED.test(out.text.trim())) || end?.declined === true;
    const tool = pc.kind === 'command' ? 'shell' : pc.name;
    if (denied) {
      this.add(
        { id: `${pc.id}.a`, t: asked?.t ?? pc.t, actor: 'candidate', kind: 'approval', tool: clip(tool, 500), granted: false, reason: pc.cmd ?? (pc.kind === 'patch' ? 'apply patch' : undefined) },
        asked?.line ?? outLine,
      );
      return;
    }
    if (asked && out) {
      this.add({ id: `${pc.id}.a`, t: asked.t, actor: 'candidate', kind: 'approval', tool: clip(tool, 500), granted: true }, asked.line);
    }
    const exitCode = out?.exitCode ?? end?.exitCode;
    let durationMs = out?.durationMs ?? end?.durationMs;
    if (durationMs === undefined && out && outMs !== undefined && pc.tsMs !== undefined && outMs > pc.tsMs) durationMs = outMs - pc.tsMs;
    if (pc.kind === 'command') {
      const ev: SessionEvent = { id: pc.id, t: pc.t, actor: 'agent', kind: 'command', cmd: pc.cmd ?? '' };
      if (pc.cwd) ev.cwd = clip(pc.cwd, 4096);
      if (exitCode !== undefined) ev.exitCode = exitCode;
      if (durationMs !== undefined) ev.durationMs = durationMs;
      if (out?.text) ev.stdout = await largeText(this.b.writer, `blobs/codex-${pc.line}-stdout.txt`, out.text);
      if (out && /^aborted\b/i.test(out.text.trim())) ev.interrupted = true;
      this.add(ev, where);
      return;
    }
    if (pc.kind === 'patch') {
      const failed =
        (exitCode !== undefined && exitCode !== 0) ||
        end?.success === false ||
        out?.success === false ||
        (out !== undefined && /^(apply_patch verification failed|failed to|error[: ]|invalid patch)/i.test(out.text.trim()));
      const files = failed ? [] : parseCodexPatch(pc.patch ?? '');
      if (failed || files.length === 0) {
        const ev: SessionEvent = {
          id: pc.id,
          t: pc.t,
          actor: 'agent',
          kind: 'tool_call',
          name: 'apply_patch',
          category: 'edit',
          input: { patch: pc.patch },
          status: failed ? 'error' : out ? 'ok' : 'pending',
        };
        if (out?.text) ev.output = await largeText(this.b.writer, `blobs/codex-${pc.line}-output.txt`, out.text);
        if (durationMs !== undefined) ev.durationMs = durationMs;
        this.add(ev, where);
        return;
      }
      files.forEach((f, i) => {
        const ev: SessionEvent = { id: `${pc.id}.d${i}`, t: pc.t, actor: 'agent', kind: 'diff', path: f.path, change: f.change, patch: f.patch };
        if (f.oldPath) ev.oldPath = f.oldPath;
        if (f.after !== undefined) ev.after = f.after;
        this.add(ev, where);
      });
      return;
    }
    const { category, server } = toolCategory(pc.name);
    const failed = (exitCode !== undefined && exitCode !== 0) || out?.success === false || end?.success === false;
    const ev: SessionEvent = {
      id: pc.id,
      t: pc.t,
      actor: 'agent',
      kind: 'tool_call',
      name: clip(pc.name, 500),
      category,
      input: pc.input,
      status: !out ? 'pending' : failed ? 'error' : 'ok',
    };
    if (server) ev.server = server;
    if (out?.text) ev.output = await largeText(this.b.writer, `blobs/codex-${pc.line}-output.txt`, out.text);
    if (durationMs !== undefined) ev.durationMs = durationMs;
    this.add(ev, where);
  }

  // ── event messages ─────────────────────────────────────────────────────────

  private eventMsg(p: Record<string, unknown>, line: number, t: number): void {
    const type = str(p.type) ?? 'untyped';
    switch (type) {
      case 'user_message': {
        const text = str(p.message) ?? '';
        const kind = str(p.kind);
        if ((kind && kind !== 'plain') || isHarnessText(text)) {
          this.skipped.add('harness context messages (not candidate prompts)');
          return;
        }
        this.hold('prompt', text, { id: this.nextId(line), t, actor: 'candidate', kind: 'prompt', text }, line);
        return;
      }
      case 'agent_message': {
        const text = str(p.message) ?? '';
        if (!text.trim()) return;
        const ev: SessionEvent = { id: this.nextId(line), t, actor: 'agent', kind: 'response', text };
        if (this.model) ev.model = clip(this.model, 200);
        this.hold('response', text, ev, line);
        return;
      }
      case 'agent_reasoning': {
        const text = str(p.text) ?? '';
        if (!text.trim()) return;
        this.hold('thinking', text, { id: this.nextId(line), t, actor: 'agent', kind: 'thinking', text }, line);
        return;
      }
      case 'turn_aborted': {
        const reason = str(p.reason) ?? 'aborted';
        this.endTurn();
        if (reason === 'interrupted') this.add({ id: this.nextId(line), t, actor: 'candidate', kind: 'interrupt', reason }, line);
        else this.add({ id: this.nextId(line), t, actor: 'system', kind: 'marker', label: `turn aborted (${clip(reason, 200)})` }, line);
        return;
      }
      case 'exec_approval_request':
        this.asked.set(str(p.call_id) ?? '', { t, line, tool: 'shell' });
        return;
      case 'apply_patch_approval_request':
        this.asked.set(str(p.call_id) ?? '', { t, line, tool: 'apply_patch' });
        return;
      case 'exec_command_end': {
        const d = p.duration;
        const durationMs = isRecord(d) ? (num(d.secs) ?? 0) * 1000 + (num(d.nanos) ?? 0) / 1e6 : num(d) !== undefined ? num(d)! * 1000 : undefined;
        this.ends.set(str(p.call_id) ?? '', { exitCode: intOf(p.exit_code), durationMs, declined: p.status === 'declined' });
        return;
      }
      case 'patch_apply_end':
        this.ends.set(str(p.call_id) ?? '', { success: typeof p.success === 'boolean' ? p.success : undefined, declined: p.status === 'declined' });
        return;
      case 'error':
      case 'stream_error': {
        const msg = str(p.message) ?? 'error';
        this.add({ id: this.nextId(line), t, actor: 'system', kind: 'marker', label: clip(`error: ${msg}`, 2000) }, line);
        return;
      }
      case 'context_compacted':
        this.add({ id: this.nextId(line), t, actor: 'system', kind: 'marker', label: 'conversation compacted' }, line);
        return;
      case 'token_count':
      case 'task_started':
      case 'task_complete':
      case 'turn_started':
      case 'turn_complete':
      case 'agent_reasoning_raw_content':
      case 'agent_reasoning_section_break':
      case 'entered_review_mode':
      case 'exited_review_mode':
      case 'undo_completed':
      case 'thread_rolled_back':
      case 'thread_name_updated':
      case 'web_search_end':
      case 'mcp_tool_call_end':
      case 'view_image_tool_call':
      case 'plan_update':
        this.skipped.add(type);
        return;
      default:
        this.unknown.add(`event_msg ${type}`);
    }
  }

  private hold(kind: DedupeKind, text: string, event: SessionEvent, line: number): void {
    this.dedupe.fromEvent({ kind, key: norm(text), event, line }, (e) => this.emitHeld(e));
  }

  private emitHeld(e: EmPending): void {
    if (e.kind === 'prompt' && e.event.kind === 'prompt') this.firstPrompt ??= e.event.text;
    this.add(e.event, e.line);
  }

  /**
   * Closes a turn: event_msg items still waiting for a twin are emitted. `prompt` is the
   * response_item prompt that opens the next turn; its event_msg twin may be waiting
   * already (some versions write that first) or may come next.
   */
  private endTurn(prompt?: string): void {
    const matched = prompt !== undefined && this.dedupe.dropHeldTwin('prompt', prompt);
    for (const e of this.dedupe.takeUnmatched()) this.emitHeld(e);
    if (prompt !== undefined && !matched) this.dedupe.fromItem('prompt', prompt);
  }
}

export const codexImporter: FormatImporter = {
  format: 'codex',
  label: 'Codex CLI rollout (.jsonl)',
  detect(s: Sniff) {
    if (s.isBinary || s.isZip) return 0;
    const line = firstNonBlankLine(s.text).trim();
    if (!line.startsWith('{')) return 0;
    const o = tryJson(line);
    if (isRecord(o)) {
      if (o.type === 'session_meta' && isRecord(o.payload)) return 1;
      if (typeof o.timestamp === 'string' && typeof o.type === 'string' && ENVELOPE_TYPES.has(o.type) && isRecord(o.payload)) return 0.9;
      // Flat form: {id, timestamp, instructions, git?} then bare response items.
      if (o.type === undefined && typeof o.id === 'string' && typeof o.timestamp === 'string' && 'instructions' in o) return 0.8;
      return 0;
    }
    // The first line may be cut off by the sniff window (long instructions).
    return /^\{"timestamp":"[^"]*","type":"session_meta","payload":\{/.test(line) ? 0.9 : 0;
  },
  async run(ctx: ImportContext) {
    await new CodexRun(ctx).run();
  },
};
