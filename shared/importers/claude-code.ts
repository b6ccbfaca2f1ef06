/**
 * Claude Code transcripts (`~/.claude/projects/<project>/<sessionId>.jsonl`, versions 1.0 to
 * 2.1.x), also the JSON forms (one array, or `{"loglines": [...]}`) and files that begin with
 * `//` comment lines. Read as a stream: one record per line, turned into events as it goes.
 * docs/import-actors.md lists every record kind and who it is credited to.
 *
 * - Assistant records that share `message.id` are one API response split into blocks: their
 *   text and thinking are merged, each placed at the time of the record that carried it.
 * - `tool_use` is paired with its `tool_result` (and the record's `toolUseResult`), whichever
 *   comes first: Edit, MultiEdit and Write become diffs, Bash a command (also through an
 *   editor's agent proxy, `mcp__acp__*`), Read/Grep/Glob tool calls of their category, Task a
 *   subagent lane, AskUserQuestion a decision, ExitPlanMode an approval.
 * - Who did what: typed prompts (also messages queued while the agent worked), bash-mode
 *   commands, interrupts, slash commands, refusals and answers are the candidate's;
 *   responses, thinking and tool calls are the agent's; harness text (isMeta, IDE context,
 *   task notifications, command output, reminders, compaction summaries) is nobody's prompt.
 *   Subagent messages (inline sidechains, subagent files, `agent_progress` records) land on
 *   the subagent's lane, where the "user" messages are the main agent briefing it.
 * - Replayed history (a resumed session writing earlier messages again with new uuids) is
 *   imported once.
 * - Records that carry no reviewable action (progress, file-history-snapshot, session context
 *   such as permission-mode, turn timings…) are counted and named in one warning.
 */
import type { BlobRef, SessionEvent, SessionMetaInput } from '../model/schema';
import { JsonArrayStream } from './json-array-stream';
import type { ImportContext, SessionBuilder } from '../import/context';
import type { FormatImporter } from '../import/registry';
import { ImportError, type ByteSource } from '../import/types';
import { canonicalInput, canonicalTool, parseAcpBash, parseBashInput, parseBashOutput, parseSlash, typedReason, typedText } from './claude-text';
import { CLAUDE_CONTEXT_TYPES, CLAUDE_RECORD_TYPES, looksLikeClaudeTranscript } from './claude-detect';
import { claudeToolDiff, resultText, toolCategory } from './claude-tools';
import { clip, fnv1a, isRecord, largeText, readLines, str, Tally, titleFrom, tryJson, UNKNOWN_CANDIDATE } from './text-support';

export { CLAUDE_CONTEXT_TYPES, CLAUDE_RECORD_TYPES, looksLikeClaudeTranscript } from './claude-detect';
export { claudeToolDiff, resultText, structuredToUnified, toolCategory } from './claude-tools';

const INTERRUPT_RE = /^\[Request interrupted by user( for tool use)?\]/;
const DENIAL_RE = /(doesn't want to proceed with this tool use|user (?:denied|rejected)|was rejected|requested permissions to|permission to use .* (?:was|has been) denied|The user doesn't want to take this action)/i;

interface PendingTool {
  id: string;
  name: string;
  input: Record<string, unknown>;
  t: number;
  line: number;
  lane?: string;
}

interface OpenResponse {
  msgId: string;
  texts: string[];
  thinking: string[];
  /** Time of the record that carried the first text, and the first thinking, of the message. */
  tText: number;
  tThinking: number;
  /** A tool_use came after the gathered text: more text starts another response. */
  toolSinceText: boolean;
  line: number;
  lane?: string;
  model?: string;
  synthetic: boolean;
  uuid: string;
}

/** Options when a transcript is imported as part of a project group (subagent files). */
export interface ClaudeRunOptions {
  /** Every record of this file belongs to this lane (a subagent file). */
  lane?: { id: string; label: string };
  /** Shared with the other files of the group so times line up. */
  startMs?: number;
}

/** Most messages kept waiting in the queue, and timestamps kept per repeated prompt text. */
const MAX_QUEUED = 1000;
const MAX_REPEAT_TIMES = 64;

/** A queued message (typed while the agent worked) waiting to be delivered or pulled back. */
interface Queued {
  text: string;
  t: number;
  line: number;
  /** Queued by the harness (a background task's notification), not typed. */
  harness: boolean;
}

/** A prompt whose text was seen before: a replay if the next assistant record is one. */
interface Suspect {
  ev: SessionEvent;
  line: number;
}

/** A bash-mode command (`! cmd`) waiting for the record that carries its output. */
interface BashInput {
  id: string;
  cmd: string;
  t: number;
  line: number;
}

/** A tool result that arrived before its tool_use record. */
interface OrphanResult {
  block: Record<string, unknown>;
  tur: unknown;
  line: number;
  t: number;
  uuid: string;
}

class ClaudeRun {
  private file: string;
  /** Lane of every record in the file being read (a subagent file), if any. */
  private fileLane: string | undefined;
  private b!: SessionBuilder;
  private startMs: number | undefined;
  private lastT = 0;
  private records = 0;
  private badLines = 0;
  private comments = 0;
  private sessionId: string | undefined;
  private version: string | undefined;
  private model: string | undefined;
  private firstPrompt: string | undefined;
  private summary: string | undefined;
  /** The name the person gave the session (/rename), and the one Claude Code generated: latest wins. */
  private customTitle: string | undefined;
  private aiTitle: string | undefined;
  private cwd: string | undefined;
  private open: OpenResponse | undefined;
  private readonly pending = new Map<string, PendingTool>();
  private readonly lanes = new Map<string, string>();
  private readonly seenUuids = new Set<string>();
  private readonly skipped = new Tally();
  private readonly unknown = new Tally();
  private seq = 0;
  private images = 0;
  private array: JsonArrayStream | undefined;
  /** Assistant content already imported, by message id and block: replayed history repeats it. */
  private readonly seenBlocks = new Set<string>();
  /** tool_use ids already seen, and those whose result was imported. */
  private readonly seenToolUses = new Set<string>();
  private readonly doneTools = new Set<string>();
  private readonly orphans = new Map<string, OrphanResult>();
  /** Candidate texts already imported (text → timestamps), to recognise replayed prompts. */
  private readonly promptTimes = new Map<string, string[]>();
  private suspects: Suspect[] = [];
  private queue: Queued[] = [];
  /** Queued items a queued_command attachment already imported, whose remove is still to come. */
  private absorbed = 0;
  /** Texts imported at a remove, whose queued_command attachment may still follow. */
  private queueEmitted: string[] = [];
  private bashInput: BashInput | undefined;

  constructor(
    private readonly ctx: ImportContext,
    private readonly opts: ClaudeRunOptions = {},
    /** Where the transcript's bytes come from: the import's own file, or an entry of a zip. */
    private readonly input: ImportContext = ctx,
    private readonly companionList: readonly { source: ByteSource; lane: string }[] = ctx.companions,
  ) {
    this.file = input.fileName;
    this.startMs = opts.startMs;
    if (opts.lane) {
      this.lanes.set(opts.lane.id, opts.lane.label);
      this.fileLane = opts.lane.id;
    }
  }

  /** Reads a subagent file into this session, every record on its lane. */
  private async companion(source: { source: ByteSource; lane: string }): Promise<void> {
    const sub = this.ctx.companionReader(source.source);
    const prevFile = this.file;
    this.file = source.source.name;
    this.fileLane = source.lane;
    if (!this.lanes.has(source.lane)) this.lanes.set(source.lane, `Subagent ${source.lane}`);
    try {
      await readLines(sub, (text, line) => this.line(text, line), { between: () => this.b.drain() });
      this.endOfFile();
      for (const p of [...this.pending.values()]) if (p.lane === source.lane) {
        this.pending.delete(p.id);
        await this.finishTool(p, undefined, undefined, p.line);
      }
    } finally {
      for (const p of sub.problems.list) this.ctx.problems.add(p);
      this.file = prevFile;
      this.fileLane = this.opts.lane?.id;
    }
  }

  async run(): Promise<void> {
    this.b = await this.ctx.openSession();
    try {
      await this.read();
    } catch (e) {
      // Inside a zip of several transcripts, one failing must not leave its writes staged.
      if (this.input !== this.ctx) await this.b.writer.abort();
      throw e;
    }
  }

  /** What is still held back when a file ends: the open response, suspects, a bash-mode command. */
  private endOfFile(): void {
    this.flushResponse();
    this.releaseSuspects();
    this.flushBash();
  }

  private async read(): Promise<void> {
    let mode: 'unknown' | 'lines' | 'array' = 'unknown';
    await readLines(
      this.input,
      async (text, line) => {
        if (mode === 'unknown') {
          const s = text.trim();
          if (s === '') return;
          if (s.startsWith('//')) {
            this.comments++;
            return;
          }
          mode = s.startsWith('[') || s.startsWith('{"loglines"') || (s === '{' && line === 1) ? 'array' : 'lines';
          if (mode === 'array') this.array = new JsonArrayStream(['loglines', 'messages'], this.ctx.limits.maxLineBytes, line);
        }
        if (mode === 'array') {
          for (const el of this.array!.push(`${text}\n`)) await this.arrayElement(el.text, el.line);
          return;
        }
        await this.line(text, line);
      },
      { between: () => this.b.drain() },
    );
    if (this.array) this.endArray(this.array);
    this.endOfFile();
    if (this.input !== this.ctx) for (const p of this.input.problems.list) this.ctx.problems.add(p);
    for (const c of this.companionList) await this.companion(c);
    for (const p of [...this.pending.values()]) await this.finishTool(p, undefined, undefined, p.line);
    if (this.orphans.size) this.skipped.add('tool results whose call never appeared', this.orphans.size);
    if (this.queue.length) this.skipped.add('queued messages never sent (the session ended first)', this.queue.length);
    await this.b.finish();
    if (this.records === 0) {
      const why = this.badLines ? `all ${this.badLines} non-empty lines failed to parse` : 'it holds no Claude Code records';
      throw new ImportError(`${this.file}: nothing usable — ${why}`);
    }
    if (this.b.eventCount === 0) throw new ImportError(`${this.file}: nothing usable — no prompts, responses or tool calls in ${this.records} records`);
    if (this.comments) this.warn(undefined, `${this.comments} comment lines (//) before the transcript were ignored`);
    if (this.skipped.size) this.warn(undefined, `kept as context, not as events: ${this.skipped.describe()}`);
    if (this.unknown.size) this.warn(undefined, `unknown record types skipped: ${this.unknown.describe()}`);
    if (this.badLines) this.warn(undefined, `${this.badLines} lines were not valid JSON and were skipped (listed above)`);
    // Claude Code's own summary makes a good title, unless it only records an error.
    const useful = this.summary && !/^\s*(API Error|Error|Invalid API key)/i.test(this.summary) ? this.summary : undefined;
    const named = this.customTitle?.trim() || this.aiTitle?.trim() || useful;
    const title = named ? clip(named, 80) : titleFrom(this.firstPrompt, 'Claude Code session');
    const meta: SessionMetaInput = {
      id: `claude-${clip(this.sessionId ?? 'session', 180).replace(/[^\w.-]/g, '_')}`,
      title,
      candidate: { ...UNKNOWN_CANDIDATE },
      task: { title: titleFrom(this.firstPrompt, title), statement: '' },
      source: { format: 'claude-code', version: this.version, fileName: this.file },
      agent: { name: 'Claude Code', version: this.version },
      model: this.model,
      startedAt: new Date(this.startMs ?? 0).toISOString(),
      durationMs: Math.max(this.lastT, this.b.maxT),
      lanes: [...this.lanes].map(([id, label]) => ({ id, label })),
      tags: this.cwd ? [`cwd:${clip(this.cwd, 180)}`] : [],
    };
    this.ctx.finishSession(this.b, meta);
  }

  /** One element of a transcript saved as a JSON array (streamed, see json-array-stream.ts). */
  private async arrayElement(text: string, line: number): Promise<void> {
    const r = tryJson(text);
    if (r === undefined) {
      this.badLines++;
      this.warn(line, 'a record that is not valid JSON; skipped');
      return;
    }
    await this.record(r, line);
  }

  private endArray(a: JsonArrayStream): void {
    if (!a.found) throw new ImportError(`${this.file}: the file starts like a JSON transcript but does not parse as one`);
    for (const line of a.skipped) this.warn(line, 'a record larger than the line limit; skipped');
    if (!a.finished) this.warn(a.lineNumber, 'the JSON array is cut off here (no closing "]"); the records before it were imported');
  }

  private warn(line: number | undefined, reason: string): void {
    this.ctx.problems.add({ file: this.file, line, severity: 'warning', reason });
  }

  private add(ev: SessionEvent, line: number): void {
    ev.source = { file: this.file, line };
    this.b.add(ev, { file: this.file, line }, true);
  }

  private nextId(base: string): string {
    return `${base}.${this.seq++}`;
  }

  private timeOf(ts: unknown): number {
    const ms = typeof ts === 'string' ? Date.parse(ts) : NaN;
    if (!Number.isFinite(ms)) return this.lastT;
    if (this.startMs === undefined) this.startMs = ms;
    const t = Math.max(0, ms - this.startMs);
    this.lastT = Math.max(this.lastT, t);
    return t;
  }

  private async line(text: string, line: number): Promise<void> {
    // Most lines are objects: skip the trim (a copy of a line that can be megabytes long).
    const c = text.charCodeAt(0);
    const s = c === 123 /* { */ ? text : text.trim();
    if (s === '') return;
    if (s.startsWith('//')) {
      this.comments++;
      return;
    }
    const r = tryJson(s);
    if (!isRecord(r)) {
      this.badLines++;
      this.ctx.problems.add({ file: this.file, line, severity: 'warning', reason: r === undefined ? 'not valid JSON (a truncated or redacted line?); skipped' : 'not a JSON object; skipped' });
      return;
    }
    await this.record(r, line);
  }

  private laneOf(r: Record<string, unknown>): string | undefined {
    if (this.fileLane) return this.fileLane;
    if (r.isSidechain === true) {
      const id = str(r.agentId) ?? 'sidechain';
      if (!this.lanes.has(id)) this.lanes.set(id, id === 'sidechain' ? 'Subagent' : `Subagent ${id}`);
      return id;
    }
    return undefined;
  }

  private async record(r: unknown, line: number): Promise<void> {
    if (!isRecord(r)) {
      this.badLines++;
      this.warn(line, 'not a JSON object; skipped');
      return;
    }
    const type = str(r.type);
    if (!type || !CLAUDE_RECORD_TYPES.has(type)) {
      if (type && CLAUDE_CONTEXT_TYPES.has(type)) {
        this.records++;
        this.sessionId ??= str(r.sessionId);
        if (type === 'custom-title') this.customTitle = str(r.customTitle) ?? this.customTitle;
        if (type === 'ai-title') this.aiTitle = str(r.aiTitle) ?? this.aiTitle;
        this.skipped.add(type);
      } else this.unknown.add(type ?? '(no type)');
      return;
    }
    this.records++;
    const uuid = str(r.uuid);
    if (uuid) {
      // Resumed sessions copy earlier records verbatim.
      if (this.seenUuids.has(uuid)) {
        this.skipped.add('repeated records of a resumed session');
        return;
      }
      this.seenUuids.add(uuid);
    }
    this.sessionId ??= str(r.sessionId);
    this.version ??= str(r.version);
    this.cwd ??= str(r.cwd);
    if (type === 'summary') {
      this.summary ??= str(r.summary);
      this.skipped.add('summary (used as the title)');
      return;
    }
    if (type === 'queue-operation') return this.queueOperation(r, line);
    if (type === 'progress') {
      const d = isRecord(r.data) ? r.data : undefined;
      if (d && d.type === 'agent_progress' && isRecord(d.message)) return this.agentProgress(r, d, d.message, line);
      this.skipped.add(`progress${d && str(d.type) ? ` (${str(d.type)})` : ''}`);
      return;
    }
    if (type === 'attachment') {
      const a = isRecord(r.attachment) ? r.attachment : undefined;
      if (a && a.type === 'queued_command') return this.queuedAttachment(r, a, line, uuid ?? `at${line}`);
      this.skipped.add(`attachment${a && str(a.type) ? ` (${str(a.type)})` : ''}`);
      return;
    }
    if (type === 'file-history-snapshot') {
      this.skipped.add(type);
      return;
    }
    const t = this.timeOf(r.timestamp);
    const lane = this.laneOf(r);
    if (type === 'system') return this.system(r, t, line, lane, uuid);
    const msg = isRecord(r.message) ? r.message : undefined;
    if (!msg) {
      this.skipped.add(`${type} without a message`);
      return;
    }
    if (type === 'assistant') await this.assistant(r, msg, t, line, lane, uuid ?? `a${line}`);
    else await this.user(r, msg, t, line, lane, uuid ?? `u${line}`);
  }

  private system(r: Record<string, unknown>, t: number, line: number, lane: string | undefined, uuid: string | undefined): void {
    this.flushResponse();
    const sub = str(r.subtype) ?? 'system';
    const content = str(r.content);
    if (sub === 'local_command' && content !== undefined) {
      // The same rule as a slash command in a user record.
      const slash = parseSlash(content);
      if (slash) {
        this.slashCommand(slash, t, line, lane, uuid ?? `s${line}`, r.timestamp);
        return;
      }
      if (!typedText(content).trim()) {
        this.skipped.add('local command output');
        return;
      }
    }
    if (sub === 'api_error' || sub === 'compact_boundary' || sub === 'local_command') {
      const label = sub === 'api_error' ? `API error${content ? `: ${clip(content, 200)}` : ''}` : sub === 'compact_boundary' ? 'Context compacted' : `Local command${content ? `: ${clip(content, 200)}` : ''}`;
      this.add({ id: this.nextId(uuid ?? `s${line}`), t, actor: 'system', kind: 'marker', label, ...(lane ? { lane } : {}) }, line);
    } else {
      this.skipped.add(`system ${sub}`);
    }
  }

  /**
   * Messages typed while the agent works: `enqueue` holds the text; `remove` means it was
   * delivered mid-turn (no user record follows, so it is the candidate's prompt here, at the
   * time it was typed); `dequeue` means it was sent as the next prompt (the user record that
   * follows is that prompt); `popAll` pulled it back into the input box to be edited.
   */
  private queueOperation(r: Record<string, unknown>, line: number): void {
    const op = str(r.operation);
    const content = queuedText(r.content);
    if (op === 'enqueue') {
      if (content !== undefined) this.queue.push({ text: content, t: this.timeOf(r.timestamp), line, harness: !typedText(content).trim() });
      else this.skipped.add('queue-operation enqueue without text');
      // A queue holds a few messages; a file that only ever enqueues must not make each lookup slow.
      if (this.queue.length > MAX_QUEUED) {
        this.queue.shift();
        this.skipped.add(`queued messages beyond ${MAX_QUEUED} waiting at once`);
      }
      return;
    }
    // The record names its item by content when it has one. Otherwise: the harness's own
    // notifications go first (seen: one queued behind a typed message was dequeued at once),
    // then typed messages in the order they were queued.
    if (op === 'remove' && content === undefined && this.absorbed > 0) {
      this.absorbed--;
      return;
    }
    let at = content !== undefined ? this.queue.findIndex((q) => q.text === content) : -1;
    if (at < 0) at = this.queue.findIndex((q) => q.harness);
    const q = at >= 0 ? this.queue.splice(at, 1)[0] : this.queue.shift();
    if (!q) {
      this.skipped.add(`queue-operation ${op ?? '?'} with nothing queued`);
      return;
    }
    if (q.harness) this.skipped.add('queued harness notifications (task-notification…)');
    else if (op === 'remove') {
      this.flushResponse();
      this.candidateText(typedText(q.text), q.t, q.line, undefined, this.nextId(`q${q.line}`), [], undefined, q.text);
      this.queueEmitted.push(q.text);
      if (this.queueEmitted.length > 64) this.queueEmitted.shift();
    } else if (op === 'dequeue') this.skipped.add('queue-operation dequeue (the prompt record that follows is imported)');
    else if (op === 'popAll') this.skipped.add('queued messages pulled back to be edited');
    else this.skipped.add(`queue-operation ${op ?? '?'}`);
  }

  /**
   * A queued message folded into the running turn, as newer releases record it: an
   * `attachment` of type `queued_command` holding the text (commandMode "prompt" from the
   * person, "task-notification" from the harness), next to the queue's enqueue and remove.
   * Imported once, placed when it was typed.
   */
  private queuedAttachment(r: Record<string, unknown>, a: Record<string, unknown>, line: number, uuid: string): void {
    const text = queuedText(a.prompt) ?? '';
    const done = this.queueEmitted.indexOf(text);
    if (done >= 0) {
      this.queueEmitted.splice(done, 1);
      this.skipped.add('queued_command attachments (imported from the queue already)');
      return;
    }
    let t = this.timeOf(r.timestamp);
    let where = line;
    const at = this.queue.findIndex((q) => q.text === text);
    if (at >= 0) {
      const q = this.queue.splice(at, 1)[0]!;
      t = q.t;
      where = q.line;
      this.absorbed++;
    }
    const mode = str(a.commandMode) ?? 'prompt';
    const origin = isRecord(a.origin) ? str(a.origin.kind) : undefined;
    const typed = typedText(text);
    if (mode !== 'prompt' || (origin !== undefined && origin !== 'human') || a.isMeta === true || !typed.trim()) {
      this.skipped.add(`queued_command attachments not typed by the person (${mode})`);
      return;
    }
    this.flushResponse();
    this.candidateText(typed, t, where, undefined, uuid, [], undefined, text);
  }

  /**
   * A subagent's message carried inside the main transcript (`progress` with
   * `data.type: "agent_progress"`): imported on the subagent's lane with its own timestamp.
   */
  private async agentProgress(r: Record<string, unknown>, d: Record<string, unknown>, inner: Record<string, unknown>, line: number): Promise<void> {
    const agentId = str(d.agentId) ?? 'subagent';
    if (!this.lanes.has(agentId)) {
      const task = this.pending.get(str(r.parentToolUseID) ?? '');
      const label = task ? str(task.input.description) ?? str(task.input.subagent_type) : undefined;
      this.lanes.set(agentId, label ? clip(label, 200) : `Subagent ${agentId}`);
    }
    const rec: Record<string, unknown> = { ...inner, isSidechain: true, agentId, timestamp: inner.timestamp ?? r.timestamp, sessionId: r.sessionId };
    const type = str(inner.type);
    if (type !== 'user' && type !== 'assistant') {
      this.skipped.add(`agent_progress ${type ?? 'without a message type'}`);
      return;
    }
    // Counted as one record of the file; the inner uuid keeps repeats out.
    this.records--;
    await this.record(rec, line);
  }

  private flushResponse(): void {
    const o = this.open;
    if (!o) return;
    this.open = undefined;
    const lane = o.lane ? { lane: o.lane } : {};
    if (o.thinking.length) this.add({ id: this.nextId(`${o.uuid}.th`), t: o.tThinking, actor: 'agent', kind: 'thinking', text: o.thinking.join('\n\n'), ...lane }, o.line);
    this.emitTexts(o);
  }

  /** The text gathered so far of an open message, as one response. */
  private emitTexts(o: OpenResponse): void {
    const lane = o.lane ? { lane: o.lane } : {};
    const text = o.texts.join('\n\n').trim();
    o.texts = [];
    o.toolSinceText = false;
    if (!text) return;
    if (o.synthetic) this.add({ id: this.nextId(`${o.uuid}.sys`), t: o.tText, actor: 'system', kind: 'marker', label: clip(text, 1900), ...lane }, o.line);
    else this.add({ id: this.nextId(`${o.uuid}.r`), t: o.tText, actor: 'agent', kind: 'response', text, ...(o.model ? { model: o.model } : {}), ...lane }, o.line);
  }

  /** Prompts held back because their text was seen before: not replays after all. */
  private releaseSuspects(): void {
    for (const s of this.suspects) this.add(s.ev, s.line);
    this.suspects = [];
  }

  private async assistant(r: Record<string, unknown>, msg: Record<string, unknown>, t: number, line: number, lane: string | undefined, uuid: string): Promise<void> {
    const msgId = str(msg.id) ?? uuid;
    const model = str(msg.model);
    const content = typeof msg.content === 'string' ? [{ type: 'text', text: msg.content }] : Array.isArray(msg.content) ? msg.content : [];
    // Replayed history: every block of this record was imported before under the same message id.
    let fresh = content.length === 0;
    const keys: string[] = [];
    for (const block of content) {
      const k = `${msgId}\u0000${blockKey(block)}`;
      keys.push(k);
      if (!this.seenBlocks.has(k)) fresh = true;
    }
    if (!fresh) {
      this.skipped.add('replayed history (messages already imported, written again with new uuids)');
      this.suspects = [];
      return;
    }
    for (const k of keys) this.seenBlocks.add(k);
    this.releaseSuspects();
    if (model && model !== '<synthetic>') this.model ??= model;
    if (!this.open || this.open.msgId !== msgId || this.open.lane !== lane) {
      this.flushResponse();
      this.open = { msgId, texts: [], thinking: [], tText: t, tThinking: t, toolSinceText: false, line, lane, model, synthetic: model === '<synthetic>', uuid };
    }
    for (const block of content) {
      if (!isRecord(block)) continue;
      if (block.type === 'text' && typeof block.text === 'string') {
        // Text after a tool call of the same message is a response of its own, at its own time.
        if (this.open.toolSinceText && this.open.texts.length) this.emitTexts(this.open);
        // Each record's own timestamp places its content.
        if (this.open.texts.length === 0) this.open.tText = t;
        this.open.texts.push(block.text);
      } else if (block.type === 'thinking' && typeof block.thinking === 'string') {
        if (this.open.thinking.length === 0) this.open.tThinking = t;
        this.open.thinking.push(block.thinking);
      } else if (block.type === 'redacted_thinking') this.skipped.add('redacted thinking blocks');
      else if (block.type === 'tool_use') {
        this.open.toolSinceText = true;
        const id = str(block.id) ?? this.nextId(`${uuid}.tu`);
        if (this.seenToolUses.has(id)) continue;
        this.seenToolUses.add(id);
        const p: PendingTool = { id, name: str(block.name) ?? 'tool', input: isRecord(block.input) ? block.input : {}, t, line, lane };
        const early = this.orphans.get(id);
        if (early) {
          // Its result was written first (seen in 2.1.12x).
          this.orphans.delete(id);
          this.doneTools.add(id);
          await this.finishTool(p, early.block, early.tur, early.line, Math.max(t, early.t), early.uuid);
        } else this.pending.set(id, p);
      }
    }
    void r;
  }

  private async image(block: Record<string, unknown>, base: string): Promise<BlobRef | undefined> {
    const src = isRecord(block.source) ? block.source : undefined;
    if (!src || src.type !== 'base64' || typeof src.data !== 'string') return undefined;
    try {
      const bin = atob(src.data);
      const data = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) data[i] = bin.charCodeAt(i);
      const mime = str(src.media_type) ?? 'image/png';
      const ext = mime.split('/')[1]?.replace(/[^\w]/g, '') || 'bin';
      const path = `images/${base.replace(/[^\w.-]/g, '_')}-${this.images++}.${ext}`;
      await this.b.writer.blob(path, data, mime);
      return { blob: path, mime, size: data.byteLength };
    } catch {
      this.skipped.add('images that were not valid base64');
      return undefined;
    }
  }

  private async user(r: Record<string, unknown>, msg: Record<string, unknown>, t: number, line: number, lane: string | undefined, uuid: string): Promise<void> {
    this.flushResponse();
    const content = msg.content;
    const blocks: Record<string, unknown>[] = typeof content === 'string' ? [{ type: 'text', text: content }] : Array.isArray(content) ? content.filter(isRecord) : [];
    const texts: string[] = [];
    const raw: string[] = [];
    const images: BlobRef[] = [];
    let results = 0;
    for (const b of blocks) {
      if (b.type === 'text' && typeof b.text === 'string') {
        raw.push(b.text);
        // IDE context and other harness blocks travel beside the typed text.
        const typed = typedText(b.text);
        if (typed.trim()) texts.push(typed);
      } else if (b.type === 'image') {
        const ref = await this.image(b, uuid);
        if (ref) images.push(ref);
      } else if (b.type === 'tool_result') {
        results++;
        const id = str(b.tool_use_id) ?? '';
        if (this.doneTools.has(id)) {
          this.skipped.add('replayed tool results');
          continue;
        }
        const p = this.pending.get(id);
        if (!p) {
          if (this.seenToolUses.has(id) || !id) this.skipped.add('tool results without their call');
          else this.orphans.set(id, { block: b, tur: r.toolUseResult, line, t, uuid });
          continue;
        }
        this.pending.delete(id);
        this.doneTools.add(id);
        await this.finishTool(p, b, r.toolUseResult, line, t, uuid);
      }
    }
    const rawText = raw.join('\n\n');
    if (!rawText.trim() && images.length === 0) return;
    if (r.isMeta === true || r.isCompactSummary === true || r.isVisibleInTranscriptOnly === true) {
      this.skipped.add(r.isCompactSummary === true ? 'compaction summaries' : 'harness messages (isMeta)');
      return;
    }
    // 2.1.2xx says where a message came from: {kind: "human"} for what the person typed.
    const origin = isRecord(r.origin) ? str(r.origin.kind) : undefined;
    if (origin !== undefined && origin !== 'human' && !lane) {
      this.skipped.add(`user messages whose origin is ${clip(origin, 40)}`);
      return;
    }
    // Bash mode: the candidate's own command, then a record with its output.
    const bashCmd = parseBashInput(rawText);
    if (bashCmd !== undefined) {
      this.flushBash();
      this.bashInput = { id: this.nextId(`${uuid}.bash`), cmd: bashCmd, t, line };
      return;
    }
    const bashOut = parseBashOutput(rawText);
    if (bashOut && this.bashInput) {
      this.flushBash(bashOut, t);
      return;
    }
    if (results && !texts.length && !images.length) return;
    this.candidateText(texts.join('\n\n'), t, line, lane, uuid, images, r.timestamp, rawText);
  }

  /** A bash-mode command, with its output once the record carrying it has been read. */
  private flushBash(out?: { stdout: string; stderr: string }, tOut?: number): void {
    const c = this.bashInput;
    if (!c) return;
    this.bashInput = undefined;
    this.add(
      {
        id: c.id,
        t: c.t,
        actor: 'candidate',
        kind: 'command',
        cmd: c.cmd,
        ...(this.cwd ? { cwd: this.cwd } : {}),
        // Claude Code records no exit status for bash mode: it stays unknown.
        ...(out ? { stdout: out.stdout, ...(out.stderr ? { stderr: out.stderr } : {}) } : {}),
        ...(tOut !== undefined ? { durationMs: Math.max(0, tOut - c.t) } : {}),
      },
      c.line,
    );
  }

  /** Text from a user record or a queued message: an interrupt, a slash command or a prompt. */
  private candidateText(text: string, t: number, line: number, lane: string | undefined, uuid: string, images: BlobRef[], stamp: unknown, rawText = text): void {
    const laneProps = lane ? { lane } : {};
    if (INTERRUPT_RE.test(rawText.trim())) {
      const ev: SessionEvent = { id: this.nextId(`${uuid}.int`), t, actor: 'candidate', kind: 'interrupt', ...laneProps };
      if (!this.isRepeat(rawText.trim(), stamp, ev, line)) this.add(ev, line);
      return;
    }
    const slash = parseSlash(rawText);
    if (slash) {
      this.slashCommand(slash, t, line, lane, uuid, stamp);
      return;
    }
    if (!text.trim() && images.length === 0) {
      this.skipped.add('harness text in user messages');
      return;
    }
    // In a subagent lane, "user" messages are the main agent briefing the subagent.
    const actor = lane ? 'agent' : 'candidate';
    const ev: SessionEvent = { id: this.nextId(`${uuid}.p`), t, actor, kind: 'prompt', text, ...(images.length ? { images } : {}), ...laneProps };
    if (actor === 'candidate' && this.isRepeat(text, stamp, ev, line)) return;
    if (actor === 'candidate') this.firstPrompt ??= text;
    this.add(ev, line);
  }

  /**
   * Slash commands, one rule wherever they are recorded: with arguments they are the
   * candidate's prompt (`/cmd args`, whole); without, a marker of what the candidate ran.
   */
  private slashCommand(slash: { name: string; args: string }, t: number, line: number, lane: string | undefined, uuid: string, stamp: unknown): void {
    const laneProps = lane ? { lane } : {};
    const actor = lane ? 'agent' : 'candidate';
    if (slash.args) {
      const text = `${slash.name} ${slash.args}`;
      const ev: SessionEvent = { id: this.nextId(`${uuid}.cmd`), t, actor, kind: 'prompt', text, ...laneProps };
      if (actor === 'candidate' && this.isRepeat(text, stamp, ev, line)) return;
      if (actor === 'candidate') this.firstPrompt ??= text;
      this.add(ev, line);
      return;
    }
    const ev: SessionEvent = { id: this.nextId(`${uuid}.cmd`), t, actor, kind: 'marker', label: clip(`ran ${slash.name}`, 1900), ...laneProps };
    if (actor === 'candidate' && this.isRepeat(slash.name, stamp, ev, line)) return;
    this.add(ev, line);
  }

  /**
   * A candidate text seen before is held back: with the same timestamp it is a replay; with
   * another, it is one only if the assistant record that follows is replayed too.
   */
  private isRepeat(text: string, stamp: unknown, ev: SessionEvent, line: number): boolean {
    const ts = typeof stamp === 'string' ? stamp : '';
    const times = this.promptTimes.get(text);
    if (!times) {
      this.promptTimes.set(text, [ts]);
      return false;
    }
    if (ts && times.includes(ts)) {
      this.skipped.add('replayed prompts');
      return true;
    }
    times.push(ts);
    if (times.length > MAX_REPEAT_TIMES) times.shift();
    this.suspects.push({ ev, line });
    return true;
  }

  /** Turns a tool call (and its result, if any) into the events it stands for. */
  private async finishTool(p: PendingTool, block: Record<string, unknown> | undefined, tur: unknown, line: number, tResult?: number, uuid?: string): Promise<void> {
    const idBase = `tool.${p.id}`;
    const laneProps = p.lane ? { lane: p.lane } : {};
    const text = block ? resultText(block.content) : '';
    const isError = block?.is_error === true;
    const turText = typeof tur === 'string' ? tur : '';
    const denied = isError && (DENIAL_RE.test(text) || DENIAL_RE.test(turText));
    const interrupted = INTERRUPT_RE.test(text.trim()) || (isRecord(tur) && tur.interrupted === true);
    const durationMs = tResult !== undefined ? Math.max(0, tResult - p.t) : undefined;
    const status = !block ? 'pending' : denied ? 'denied' : isError ? 'error' : 'ok';
    // An editor's agent proxy (mcp__acp__Edit…) stands for the built-in tool.
    const name = canonicalTool(p.name);
    const proxied = name !== p.name;
    const input = proxied ? canonicalInput(p.input) : p.input;
    const res = isRecord(tur) ? tur : {};
    const tEnd = tResult ?? p.t;

    if (denied) {
      // The reason is what the person typed when refusing; the harness's own wording is not theirs.
      const reason = typedReason(text) ?? typedReason(turText);
      this.add({ id: `${idBase}.deny`, t: tEnd, actor: 'candidate', kind: 'approval', tool: name, granted: false, ...(reason ? { reason } : {}), ...laneProps }, line);
    }
    // Images returned by tools (screenshots) are kept as blobs.
    if (block && Array.isArray(block.content)) {
      for (const c of block.content) if (isRecord(c) && c.type === 'image') await this.image(c, uuid ?? idBase);
    }

    const output = text ? await largeText(this.b.writer, `tool-output/${p.id.replace(/[^\w.-]/g, '_')}.txt`, text) : undefined;
    const call = (extra: Partial<Extract<SessionEvent, { kind: 'tool_call' }>> = {}) =>
      this.add(
        {
          id: idBase,
          t: p.t,
          actor: 'agent',
          kind: 'tool_call',
          name: p.name,
          category: toolCategory(name),
          input,
          ...(output !== undefined ? { output } : {}),
          status,
          ...(durationMs !== undefined ? { durationMs } : {}),
          ...(name.startsWith('mcp__') ? { server: name.split('__')[1] ?? 'mcp' } : {}),
          ...laneProps,
          ...extra,
        },
        p.line,
      );

    switch (name) {
      case 'Bash': {
        if (denied || !block) return call();
        const cmd = str(input.command) ?? '';
        const acp = proxied ? parseAcpBash(text) : undefined;
        const stdout = acp ? acp.output : (str(res.stdout) ?? (isError ? '' : text));
        const stderr = acp ? '' : (str(res.stderr) ?? (isError ? text : ''));
        const m = /exit code (\d+)/i.exec(isError ? text : '');
        const exitCode = acp ? acp.exitCode : isError ? (m ? Number(m[1]) : 1) : 0;
        const wasInterrupted = interrupted || acp?.interrupted === true;
        this.add(
          {
            id: idBase,
            t: p.t,
            actor: 'agent',
            kind: 'command',
            cmd,
            ...(this.cwd ? { cwd: this.cwd } : {}),
            exitCode: wasInterrupted ? null : exitCode,
            stdout: await largeText(this.b.writer, `tool-output/${p.id.replace(/[^\w.-]/g, '_')}.out.txt`, stdout),
            ...(stderr ? { stderr: await largeText(this.b.writer, `tool-output/${p.id.replace(/[^\w.-]/g, '_')}.err.txt`, stderr) } : {}),
            ...(durationMs !== undefined ? { durationMs } : {}),
            ...(wasInterrupted ? { interrupted: true } : {}),
            ...laneProps,
          },
          p.line,
        );
        return;
      }
      case 'Edit':
      case 'MultiEdit':
      case 'Write': {
        if (denied || !block || isError) return call();
        if (proxied && /^(Writing file failed|The user has left the building)/.test(text)) return call({ status: 'error' });
        const diff = claudeToolDiff({ name, input, t: p.t }, res, idBase);
        if (!diff) return call();
        this.add({ ...diff, ...laneProps }, p.line);
        return;
      }
      case 'Task':
      case 'Agent': {
        const agentId = str(res.agentId);
        const label = clip(str(input.description) ?? str(input.subagent_type) ?? 'Subagent', 200);
        if (agentId && (!this.lanes.has(agentId) || this.lanes.get(agentId) === `Subagent ${agentId}`)) this.lanes.set(agentId, label);
        return call();
      }
      case 'AskUserQuestion': {
        const qs = Array.isArray(input.questions) ? input.questions.filter(isRecord) : [];
        const answers = isRecord(res.answers) ? res.answers : {};
        qs.forEach((q, i) => {
          const question = str(q.question) ?? 'Question';
          const options = Array.isArray(q.options) ? q.options.map((o) => (isRecord(o) ? str(o.label) : str(o))).filter((o): o is string => !!o) : [];
          const chosen = str(answers[question]);
          this.add(
            {
              id: `${idBase}.q${i}`,
              t: tEnd,
              actor: 'candidate',
              kind: 'decision',
              question,
              options,
              ...(chosen ? { chosen } : status === 'ok' && text ? { rationale: clip(text, 2000) } : {}),
              ...laneProps,
            },
            line,
          );
        });
        return call();
      }
      case 'ExitPlanMode': {
        if (block && !denied) {
          const reason = isError ? typedReason(text) : undefined;
          this.add({ id: `${idBase}.plan`, t: tEnd, actor: 'candidate', kind: 'approval', tool: 'ExitPlanMode', granted: !isError, ...(reason ? { reason } : {}), ...laneProps }, line);
        }
        return call();
      }
      default:
        return call();
    }
  }
}

/** What makes an assistant content block the same block when a resumed session writes it again. */
function blockKey(block: unknown): string {
  if (!isRecord(block)) return 'x';
  if (block.type === 'tool_use') return `tu:${str(block.id) ?? ''}`;
  if (block.type === 'text') return `t:${fnv1a(str(block.text) ?? '')}`;
  if (block.type === 'thinking') return `th:${fnv1a(str(block.thinking) ?? '')}:${fnv1a(str(block.signature) ?? '')}`;
  return `${str(block.type) ?? '?'}:${fnv1a(JSON.stringify(block))}`;
}

/** The text of a queued message: a string, or text blocks. */
function queuedText(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    const t = content.filter(isRecord).map((b) => (b.type === 'text' ? str(b.text) ?? '' : '')).join('\n\n');
    return t || undefined;
  }
  return undefined;
}

export async function runClaudeTranscript(
  ctx: ImportContext,
  opts?: ClaudeRunOptions,
  input?: ImportContext,
  companions?: readonly { source: ByteSource; lane: string }[],
): Promise<void> {
  await new ClaudeRun(ctx, opts, input ?? ctx, companions ?? ctx.companions).run();
}

export const claudeCodeImporter: FormatImporter = {
  format: 'claude-code',
  label: 'Claude Code transcript (.jsonl)',
  detect: looksLikeClaudeTranscript,
  async run(ctx: ImportContext) {
    await runClaudeTranscript(ctx);
  },
};
