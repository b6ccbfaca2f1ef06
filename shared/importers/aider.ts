/**
 * aider chat histories (`.aider.chat.history.md`).
 *
 * The file is markdown that aider appends to as it runs:
 * - `# aider chat started at YYYY-MM-DD HH:MM:SS` opens each run of aider ("chat"); every
 *   chat becomes one session.
 * - `#### text` lines are what the person typed (consecutive lines form one prompt), and
 *   also the answer to a confirmation when it was typed as a word ("all").
 * - `> text` lines are aider's own output: confirmations with the answer, `Applied edit to
 *   X`, `Commit <sha> <msg>`, token/cost reports, warnings and errors. aider prefixes only
 *   the first line of a multi-line message, so an edit-error report continues unprefixed.
 * - everything else is the model's reply, with SEARCH/REPLACE edit blocks.
 *
 * aider writes no per-message times: events are placed 5 s apart from the chat's start,
 * whose local time (no zone) is read as UTC. Both facts are reported once per file.
 *
 * Edit blocks become `diff` events only once aider says it applied them (`Applied edit to
 * X`, or "the other N blocks were applied" after a partial failure); a block the candidate
 * refused, that failed to match, or whose fate the log does not tell becomes a `tool_call`
 * "edit" with status denied / error / pending, so diffs always describe real file changes.
 */
import type { SessionEvent, SessionMetaInput } from '../model/schema';
import type { ImportContext, SessionBuilder } from '../import/context';
import type { FormatImporter, Sniff } from '../import/registry';
import { ImportError } from '../import/types';
import { EchoIndex } from './aider-blocks';
import { hunkPatch } from './text-patch';
import { clip, readLines, Tally, titleFrom, UNKNOWN_CANDIDATE } from './text-support';

export const AIDER_STEP_MS = 5000;

/**
 * What aider prints after `/undo`, over its versions: `Removed: <sha> <msg>` (mid-2024 on),
 * ``Commit `<sha>` with message '<msg>' was reset and removed from git.``, ``Commit `<sha>` was
 * reset and removed from git.`` (2024), `The above commit <sha> was reset and removed from git.` (2023).
 */
const UNDO_RE = /^(?:Removed: ([0-9a-f]{7,40}) (.*)|Commit `([0-9a-f]{7,40})`(?: with message '([\s\S]*)')? was reset and removed from git\.?|The above commit ([0-9a-f]{7,40}) was reset and removed from git\.?)\s*$/;
const CHAT_START = /^# aider chat started at (\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)\s*$/;
const PROMPT = /^####(?: (.*))?$/;
const TOOL = /^>(?: (.*))?$/;
const HEAD = /^<{5,9} SEARCH>?\s*$/;
const DIVIDER = /^={5,9}\s*$/;
const UPDATED = /^>{5,9} REPLACE\s*$/;
const FENCE = /^(`{3,}|~{3,})/;
const THINK_OPEN = /^<(thinking-content-[0-9a-f]+|think|thinking)>\s*$/;
/** `Question? (Y)es/(N)o/(D)on't ask again [Yes]: y` */
const CONFIRM = /^(.+?\?)\s+(\(\w\)[^[\]]*?)\s*\[([^\]]*)\]:\s*(.*)$/;
const APPROVAL_QUESTIONS: [RegExp, string][] = [
  [/^Run shell commands?\b/i, 'shell'],
  [/^Run pip install\b/i, 'pip install'],
  [/^Allow edits to\b/i, 'edit'],
  [/^(Create new file|Allow creation of new file)\b/i, 'create file'],
];
/** The last line of a Python traceback: `TypeError: …`. */
const EXCEPTION_LINE = /^[A-Za-z_][\w.]*(Error|Exception|Interrupt|Exit)\b(:|$)/;
/** aider's error lines: `litellm.BadRequestError: …`, `Error: …`. */
const ERROR_LINE = /^(?:[\w.]*(?:Error|Exception)|Error):\s/;

interface Block {
  path: string;
  search: string[];
  replace: string[];
  part: 'search' | 'replace';
  line: number;
}

interface ErrorEcho {
  block?: Block;
  echoPath?: string;
  fence: boolean;
  tail: boolean;
  otherApplied: boolean;
  failed: Set<Block>;
  /** The pending blocks, indexed for the echoes (built at the first one). */
  index?: EchoIndex<Block>;
}

interface Chat {
  index: number;
  builder: SessionBuilder;
  date: string;
  time: string;
  line: number;
  clock: number;
  lastT: number;
  seq: number;
  firstPrompt?: string;
  lastPrompt?: string;
  lastPromptId?: string;
  model?: string;
  version?: string;
}

function optionLabels(spec: string): string[] {
  return spec
    .split('/')
    .map((o) => o.replace(/\((\w)\)/, '$1').trim())
    .filter(Boolean);
}

function chosenOption(options: string[], answer: string, fallback: string): string {
  const a = answer.trim().toLowerCase();
  if (!a) return fallback;
  return options.find((o) => o.toLowerCase() === a) ?? options.find((o) => o.toLowerCase().startsWith(a)) ?? answer.trim();
}

function normPath(p: string): string {
  return p.trim().replace(/\\/g, '/').replace(/^\.\//, '');
}

export function samePath(a: string, b: string): boolean {
  const x = normPath(a);
  const y = normPath(b);
  return x === y || x.endsWith(`/${y}`) || y.endsWith(`/${x}`);
}

/** The file a SEARCH block edits: the nearest line above it that is not a fence (aider's rule). */
function blockPath(prev: string[]): string | undefined {
  for (let i = prev.length - 1, seen = 0; i >= 0 && seen < 3; i--, seen++) {
    const line = prev[i]!.trim();
    if (HEAD.test(line) || DIVIDER.test(line) || UPDATED.test(line)) return undefined;
    if (FENCE.test(line)) {
      const rest = line.replace(FENCE, '').trim();
      if (rest.includes('.') || rest.includes('/')) return rest;
      continue;
    }
    const name = line.replace(/^#+\s*/, '').replace(/[*`]/g, '').replace(/:$/, '').trim();
    return name || undefined;
  }
  return undefined;
}

function textOf(lines: string[]): string {
  return lines.length ? `${lines.join('\n')}\n` : '';
}

class AiderRun {
  private readonly file: string;
  private chat: Chat | undefined;
  private chats = 0;
  private preamble = 0;
  // prompt being collected
  private promptLines: string[] | undefined;
  private promptLine = 0;
  private heldConfirm: { text: string; line: number } | undefined;
  // reply being collected
  private reply: { lines: string[]; line: number; thinking: { text: string; line: number }[] } | undefined;
  private think: { tag: string; lines: string[]; line: number } | undefined;
  private block: Block | undefined;
  private lastBlockPath: string | undefined;
  private pending: Block[] = [];
  // aider output states
  private error: ErrorEcho | undefined;
  private traceback: { line: number; last: string } | undefined;
  private running: { cmd: string; line: number; out: string[]; actor: 'candidate' | 'agent' } | undefined;
  private readonly skipped = new Tally();

  constructor(private readonly ctx: ImportContext) {
    this.file = ctx.fileName;
  }

  async run(): Promise<void> {
    await readLines(this.ctx, (text, line) => this.line(text, line), { between: () => this.chat?.builder.drain() ?? Promise.resolve() });
    await this.endChat();
    if (this.chats === 0) {
      throw new ImportError(`${this.file}: not an aider chat history — no "# aider chat started at" line`);
    }
    if (this.preamble) this.warn(1, `${this.preamble} line${this.preamble === 1 ? '' : 's'} before the first "# aider chat started at" ignored`);
    this.warn(undefined, 'chat start times carry no time zone; they were read as UTC');
    this.warn(undefined, `aider records no per-message times; events are placed ${AIDER_STEP_MS / 1000} s apart from each chat's start`);
    if (this.skipped.size) this.warn(undefined, `aider output not imported as events: ${this.skipped.describe()}`);
  }

  private warn(line: number | undefined, reason: string): void {
    this.ctx.problems.add({ file: this.file, line, severity: 'warning', reason });
  }

  // ── events ────────────────────────────────────────────────────────────────

  private emit(ev: DistributiveOmit<SessionEvent, 'id' | 't'>, line: number): SessionEvent | undefined {
    const chat = this.chat!;
    const t = chat.clock;
    chat.clock += AIDER_STEP_MS;
    chat.lastT = t;
    const id = `a${chat.index}.${chat.seq++}`;
    return chat.builder.add({ ...ev, id, t, source: { file: this.file, line } } as SessionEvent, { file: this.file, line }, true);
  }

  // ── chats ─────────────────────────────────────────────────────────────────

  private async startChat(date: string, time: string, line: number): Promise<void> {
    const builder = await this.ctx.openSession();
    this.chat = { index: this.chats++, builder, date, time, line, clock: 0, lastT: 0, seq: 0 };
    this.lastBlockPath = undefined;
    this.emit({ actor: 'system', kind: 'marker', label: 'aider chat started' }, line);
  }

  private async endChat(): Promise<void> {
    const chat = this.chat;
    if (!chat) return;
    this.closeAll();
    if (this.block) {
      this.warn(this.block.line, 'SEARCH/REPLACE block never closed; dropped');
      this.block = undefined;
    }
    this.resolvePending('pending');
    await chat.builder.finish();
    const fallback = `aider chat ${chat.date} ${chat.time}`;
    const title = titleFrom(chat.firstPrompt, fallback);
    const start = Date.parse(`${chat.date}T${chat.time}Z`);
    const meta: SessionMetaInput = {
      id: `aider-${chat.date.replace(/-/g, '')}${chat.time.replace(/:/g, '')}-${chat.index + 1}`,
      title,
      candidate: { ...UNKNOWN_CANDIDATE },
      task: { title, statement: '' },
      source: { format: 'aider', version: chat.version, fileName: this.file },
      agent: { name: 'aider', version: chat.version },
      model: chat.model,
      startedAt: new Date(Number.isFinite(start) ? start : 0).toISOString(),
      durationMs: chat.lastT,
    };
    this.ctx.finishSession(chat.builder, meta);
    this.chat = undefined;
  }

  // ── line dispatch ─────────────────────────────────────────────────────────

  private async line(raw: string, n: number): Promise<void> {
    const text = raw.replace(/\s+$/, '');
    const start = CHAT_START.exec(text);
    if (start) {
      await this.endChat();
      await this.startChat(start[1]!, start[2]!, n);
      return;
    }
    if (!this.chat) {
      if (text !== '') this.preamble++;
      return;
    }
    if (this.block && !this.error) {
      this.blockLine(raw, n);
      return;
    }
    if (this.error && this.errorLine(raw, text, n)) return;

    const prompt = PROMPT.exec(text);
    const tool = prompt ? null : TOOL.exec(text);
    if (this.heldConfirm && text !== '') {
      const held = this.heldConfirm;
      this.heldConfirm = undefined;
      // aider echoes a typed answer as `> Question…: a`; keep that one, not both.
      const sameQuestion = tool && CONFIRM.exec(tool[1] ?? '')?.[1] === CONFIRM.exec(held.text)?.[1];
      if (!sameQuestion) this.confirm(held.text, held.line);
    }
    if (prompt) {
      this.closeReply();
      this.closeOutput();
      this.promptLineIn(prompt[1] ?? '', n);
    } else if (tool) {
      this.closePrompt();
      this.closeReply();
      this.toolLine(tool[1] ?? '', n);
    } else {
      this.closePrompt();
      if (text === '') {
        this.closeOutput();
        if (this.reply) this.reply.lines.push('');
        return;
      }
      this.closeOutput();
      this.replyLine(raw, n);
    }
  }

  private closeAll(): void {
    if (this.error) this.endError();
    if (this.heldConfirm) {
      this.confirm(this.heldConfirm.text, this.heldConfirm.line);
      this.heldConfirm = undefined;
    }
    this.closePrompt();
    this.closeReply();
    this.closeOutput();
  }

  // ── prompts ───────────────────────────────────────────────────────────────

  private promptLineIn(text: string, n: number): void {
    if (CONFIRM.test(text)) {
      // A confirmation answered by typing a word: not a prompt.
      this.closePrompt();
      this.heldConfirm = { text, line: n };
      return;
    }
    if (!this.promptLines) {
      // Whatever the previous reply proposed and aider never reported on stays unresolved.
      this.resolvePending('pending');
      this.promptLines = [];
      this.promptLine = n;
    }
    this.promptLines.push(text);
  }

  private closePrompt(): void {
    const lines = this.promptLines;
    if (!lines) return;
    this.promptLines = undefined;
    const text = lines.join('\n').trim();
    if (!text) return;
    const ev = this.emit({ actor: 'candidate', kind: 'prompt', text }, this.promptLine);
    const chat = this.chat!;
    // A slash command ("/undo") makes a poor title.
    if (!text.startsWith('/')) chat.firstPrompt ??= text;
    chat.lastPrompt = text;
    chat.lastPromptId = ev?.id;
  }

  // ── replies ───────────────────────────────────────────────────────────────

  private replyLine(raw: string, n: number): void {
    if (!this.reply) this.reply = { lines: [], line: n, thinking: [] };
    const text = raw.replace(/\s+$/, '');
    if (this.think) {
      if (text === `</${this.think.tag}>`) {
        const body = this.think.lines.join('\n').trim();
        if (body) this.reply.thinking.push({ text: body, line: this.think.line });
        this.think = undefined;
      } else {
        this.think.lines.push(raw);
      }
      return;
    }
    const open = THINK_OPEN.exec(text);
    if (open) {
      this.think = { tag: open[1]!, lines: [], line: n };
      return;
    }
    if (HEAD.test(text)) {
      const path = blockPath(this.reply.lines) ?? this.lastBlockPath;
      if (!path) this.warn(n, 'SEARCH/REPLACE block without a file name; the previous file could not be used either');
      this.block = { path: path ?? 'unknown', search: [], replace: [], part: 'search', line: n };
    }
    this.reply.lines.push(raw);
  }

  private blockLine(raw: string, n: number): void {
    const block = this.block!;
    const text = raw.replace(/\s+$/, '');
    this.reply?.lines.push(raw);
    if (block.part === 'search' && DIVIDER.test(text)) {
      block.part = 'replace';
      return;
    }
    if (UPDATED.test(text)) {
      this.block = undefined;
      if (block.part === 'search') {
        this.warn(n, 'SEARCH/REPLACE block without "=======" divider; dropped');
        return;
      }
      this.lastBlockPath = block.path;
      this.pending.push(block);
      return;
    }
    (block.part === 'search' ? block.search : block.replace).push(raw);
  }

  private closeReply(): void {
    const reply = this.reply;
    if (!reply) return;
    this.reply = undefined;
    if (this.think) {
      const body = this.think.lines.join('\n').trim();
      if (body) reply.thinking.push({ text: body, line: this.think.line });
      this.think = undefined;
    }
    for (const th of reply.thinking) this.emit({ actor: 'agent', kind: 'thinking', text: th.text }, th.line);
    const text = reply.lines.join('\n').trim();
    if (!text) return;
    const ev: DistributiveOmit<SessionEvent, 'id' | 't'> = { actor: 'agent', kind: 'response', text };
    if (this.chat?.model) ev.model = clip(this.chat.model, 200);
    this.emit(ev, reply.line);
  }

  // ── edit outcomes ─────────────────────────────────────────────────────────

  private resolvePending(outcome: 'applied' | 'denied' | 'error' | 'pending', path?: string): void {
    const keep: Block[] = [];
    for (const b of this.pending) {
      if (path !== undefined && !samePath(b.path, path)) keep.push(b);
      else this.blockOutcome(b, outcome);
    }
    this.pending = keep;
  }

  private blockOutcome(b: Block, outcome: 'applied' | 'denied' | 'error' | 'pending'): void {
    const path = normPath(b.path) || 'unknown';
    const before = textOf(b.search);
    const after = textOf(b.replace);
    if (outcome === 'applied') {
      this.emit(
        { actor: 'agent', kind: 'diff', path: clip(path, 4096), change: before === '' ? 'created' : 'modified', before, after, patch: hunkPatch(path, before, after) },
        b.line,
      );
      return;
    }
    this.emit({ actor: 'agent', kind: 'tool_call', name: 'edit', category: 'edit', input: { path, search: before, replace: after }, status: outcome }, b.line);
  }

  // ── aider output (`> ` lines) ─────────────────────────────────────────────

  private closeOutput(): void {
    if (this.traceback) {
      this.emit({ actor: 'system', kind: 'marker', label: clip(`error: ${this.traceback.last || 'Python traceback'}`, 300) }, this.traceback.line);
      this.traceback = undefined;
    }
    if (this.running) {
      const r = this.running;
      this.running = undefined;
      const ev: DistributiveOmit<SessionEvent, 'id' | 't'> = { actor: r.actor, kind: 'command', cmd: r.cmd };
      const out = r.out.join('\n').trim();
      if (out) ev.stdout = out;
      this.emit(ev, r.line);
    }
  }

  private toolLine(text: string, n: number): void {
    if (this.traceback) {
      this.traceback.last = text;
      if (EXCEPTION_LINE.test(text)) this.closeOutput();
      return;
    }
    let m: RegExpExecArray | null;
    if (this.running && !this.isKnownOutput(text)) {
      this.running.out.push(text);
      return;
    }
    this.closeOutput();
    if ((m = /^Applied edit to (.+)$/.exec(text))) {
      this.resolvePending('applied', m[1]!);
    } else if ((m = /^Skipping edits to (.+)$/.exec(text))) {
      this.resolvePending('denied', m[1]!);
    } else if ((m = /^Did not apply edit to (.+?)(?: \(--dry-run\))?$/.exec(text))) {
      this.resolvePending('pending', m[1]!);
    } else if ((m = /^Commit ([0-9a-f]{7,40}) (.*)$/.exec(text))) {
      this.emit({ actor: 'agent', kind: 'git_action', action: 'commit', sha: m[1]!, message: m[2]! }, n);
    } else if ((m = UNDO_RE.exec(text))) {
      // `/undo`, typed by the candidate, reset aider's last commit.
      const sha = m[1] ?? m[3] ?? m[5]!;
      const message = m[2] ?? m[4];
      const ev: DistributiveOmit<SessionEvent, 'id' | 't'> = { actor: 'candidate', kind: 'git_action', action: 'reset', sha, ...(message !== undefined ? { message } : {}) };
      if (this.chat?.lastPromptId && /^\/undo\b/.test(this.chat.lastPrompt ?? '')) ev.parentId = this.chat.lastPromptId;
      this.emit(ev, n);
    } else if (/^# \d+ SEARCH\/REPLACE blocks? failed to match!?$/.test(text)) {
      this.error = { fence: false, tail: false, otherApplied: false, failed: new Set() };
    } else if ((m = /^Running (.+)$/.exec(text))) {
      const cmd = m[1]!.trim();
      const typed = /^(?:\/run|\/test|!)\s*(.*)$/s.exec(this.chat?.lastPrompt ?? '');
      this.running = { cmd, line: n, out: [], actor: typed && typed[1]!.trim() === cmd ? 'candidate' : 'agent' };
    } else if (CONFIRM.test(text)) {
      this.confirm(text, n);
    } else if (/^Traceback \(most recent call last\):?$/.test(text)) {
      this.traceback = { line: n, last: '' };
    } else if (ERROR_LINE.test(text)) {
      this.emit({ actor: 'system', kind: 'marker', label: clip(`error: ${text}`, 300) }, n);
    } else if (/^Processing your request\.\.\.$/.test(text)) {
      // Watch mode: the candidate saved an "AI!" comment in a file; its text is not logged.
      // It starts a new request, like a prompt.
      this.resolvePending('pending');
      this.emit({ actor: 'candidate', kind: 'marker', label: 'request given in an "AI!" code comment (text not in the log)' }, n);
    } else if ((m = /^Aider v(\S+)/.exec(text))) {
      if (this.chat) this.chat.version ??= m[1]!;
      this.skipped.add('startup lines');
    } else if ((m = /^(?:Main model|Model): (\S+)/.exec(text))) {
      if (this.chat) this.chat.model ??= m[1]!;
      this.skipped.add('startup lines');
    } else if (/^Tokens: |^Cost: /.test(text)) {
      this.skipped.add('token/cost reports');
    } else {
      this.skipped.add('other aider messages');
    }
  }

  /** Output lines that end a running command's captured output. */
  private isKnownOutput(text: string): boolean {
    return (
      CONFIRM.test(text) ||
      /^(Applied edit to|Commit [0-9a-f]{7,}|Running |Tokens: |Added \d+ lines? of output|Traceback \(most recent)/.test(text)
    );
  }

  private confirm(text: string, n: number): void {
    const m = CONFIRM.exec(text);
    if (!m) return;
    const question = m[1]!.trim();
    const options = optionLabels(m[2]!);
    const chosen = chosenOption(options, m[4]!, m[3]!.trim());
    const approval = APPROVAL_QUESTIONS.find(([re]) => re.test(question));
    if (approval) {
      this.emit({ actor: 'candidate', kind: 'approval', tool: approval[1], granted: /^(yes|all)$/i.test(chosen), reason: clip(question, 1000) }, n);
    } else {
      this.emit({ actor: 'candidate', kind: 'decision', question, options, chosen }, n);
    }
  }

  // ── edit-error reports (`> # 1 SEARCH/REPLACE block failed to match!` …) ─────

  /** True when the line belongs to the report; false hands it to normal processing. */
  private errorLine(raw: string, text: string, n: number): boolean {
    const e = this.error!;
    if (e.block) {
      const b = e.block;
      if (b.part === 'search' && DIVIDER.test(text)) b.part = 'replace';
      else if (UPDATED.test(text)) {
        e.block = undefined;
        this.markFailed(b);
      } else (b.part === 'search' ? b.search : b.replace).push(raw);
      return true;
    }
    if (e.fence) {
      if (FENCE.test(text)) e.fence = false;
      return true;
    }
    if (PROMPT.test(text) || TOOL.test(text)) {
      this.endError();
      return false;
    }
    let m: RegExpExecArray | null;
    if (HEAD.test(text)) {
      e.block = { path: e.echoPath ?? '', search: [], replace: [], part: 'search', line: n };
      return true;
    }
    if ((m = /^## SearchReplace\w*: .* in (.+)$/.exec(text))) {
      e.echoPath = m[1]!;
      return true;
    }
    if (FENCE.test(text)) {
      e.fence = true;
      return true;
    }
    if (/^The SEARCH section must exactly match/.test(text)) {
      e.tail = true;
      return true;
    }
    if (/^# The other \d+ SEARCH\/REPLACE blocks? (were|was) applied successfully/.test(text)) {
      e.otherApplied = true;
      e.tail = true;
      return true;
    }
    if (e.tail) {
      if (text === '' || /^Don't re-send them/.test(text) || /^Just reply with fixed versions/.test(text)) return true;
      this.endError();
      return false;
    }
    return true;
  }

  /** The echoed block names one of the reply's pending blocks: find it by file and SEARCH text. */
  private markFailed(echo: Block): void {
    const e = this.error!;
    const hit = (e.index ??= new EchoIndex(this.pending, e.failed)).take(echo);
    if (hit) e.failed.add(hit);
  }

  private endError(): void {
    const e = this.error;
    if (!e) return;
    this.error = undefined;
    for (const b of this.pending) this.blockOutcome(b, e.failed.has(b) || !e.otherApplied ? 'error' : 'applied');
    this.pending = [];
  }
}

/** Omit that keeps a union a union. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export const aiderImporter: FormatImporter = {
  format: 'aider',
  label: 'aider chat history (.aider.chat.history.md)',
  detect(s: Sniff) {
    if (s.isBinary || s.isZip) return 0;
    return /^# aider chat started at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s*$/m.test(s.text) ? 1 : 0;
  },
  async run(ctx: ImportContext) {
    await new AiderRun(ctx).run();
  },
};
