/**
 * The canonical Baton session model. Every importer produces it, the archive stores it,
 * the replay view and the classifier read it. zod is the single source of truth: the
 * TypeScript types are inferred and the JSON Schema in docs/ is generated from here.
 */
import { z } from 'zod';

/** Bumped when the event or manifest shape changes incompatibly. */
export const MODEL_VERSION = 1;

export const Actor = z.enum(['candidate', 'agent', 'system']);
export type Actor = z.infer<typeof Actor>;

/** A reference to bytes kept out of line (audio, images, very large outputs). */
export const BlobRef = z.object({
  blob: z.string().min(1).max(200),
  mime: z.string().max(200),
  size: z.number().int().nonnegative(),
});
export type BlobRef = z.infer<typeof BlobRef>;

/** Text that is either inline or, when large, a blob reference. */
export const LargeText = z.union([z.string(), BlobRef]);
export type LargeText = z.infer<typeof LargeText>;

export const ToolCategory = z.enum(['read', 'search', 'edit', 'write', 'shell', 'mcp', 'other']);
export type ToolCategory = z.infer<typeof ToolCategory>;

/** Where in the imported file an event came from, for reports and auditing. */
const SourceRef = z.object({ file: z.string().max(4096).optional(), line: z.number().int().nonnegative().optional() });

const base = {
  /** Stable id, unique within the session. */
  id: z.string().min(1).max(200),
  /** Milliseconds from the session start. */
  t: z.number().finite().nonnegative(),
  actor: Actor,
  /** Sub-lane (a subagent) this event belongs to; absent for the main lane. */
  lane: z.string().max(200).optional(),
  /** Id of an event this one answers or belongs to (a tool result's call, a response's prompt). */
  parentId: z.string().max(200).optional(),
  source: SourceRef.optional(),
};

export const PromptEvent = z.object({
  ...base,
  kind: z.literal('prompt'),
  text: z.string(),
  images: z.array(BlobRef).optional(),
});
export const ResponseEvent = z.object({
  ...base,
  kind: z.literal('response'),
  text: z.string(),
  model: z.string().max(200).optional(),
});
export const ThinkingEvent = z.object({ ...base, kind: z.literal('thinking'), text: z.string() });
export const ToolCallEvent = z.object({
  ...base,
  kind: z.literal('tool_call'),
  name: z.string().max(500),
  category: ToolCategory,
  input: z.unknown().optional(),
  output: LargeText.optional(),
  status: z.enum(['ok', 'error', 'denied', 'pending']),
  durationMs: z.number().nonnegative().optional(),
  /** MCP server name when category is mcp. */
  server: z.string().max(500).optional(),
});
export const DiffEvent = z.object({
  ...base,
  kind: z.literal('diff'),
  path: z.string().min(1).max(4096),
  change: z.enum(['created', 'modified', 'deleted', 'renamed']),
  oldPath: z.string().max(4096).optional(),
  before: z.string().optional(),
  after: z.string().optional(),
  /** Unified diff, used when the full before/after texts are not known. */
  patch: z.string().optional(),
});
export const CommandEvent = z.object({
  ...base,
  kind: z.literal('command'),
  cmd: z.string(),
  cwd: z.string().max(4096).optional(),
  exitCode: z.number().int().nullable().optional(),
  stdout: LargeText.optional(),
  stderr: LargeText.optional(),
  durationMs: z.number().nonnegative().optional(),
  interrupted: z.boolean().optional(),
});
export const TestRunEvent = z.object({
  ...base,
  kind: z.literal('test_run'),
  cmd: z.string().optional(),
  framework: z.string().max(200).optional(),
  passed: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative().optional(),
  exitCode: z.number().int().nullable().optional(),
  durationMs: z.number().nonnegative().optional(),
});
export const GitActionEvent = z.object({
  ...base,
  kind: z.literal('git_action'),
  action: z.enum(['commit', 'checkout', 'branch', 'merge', 'rebase', 'revert', 'reset', 'push', 'stash', 'other']),
  ref: z.string().max(1000).optional(),
  sha: z.string().max(100).optional(),
  message: z.string().optional(),
});
export const DecisionEvent = z.object({
  ...base,
  kind: z.literal('decision'),
  question: z.string(),
  options: z.array(z.string()),
  chosen: z.string().optional(),
  rationale: z.string().optional(),
});
export const ApprovalEvent = z.object({
  ...base,
  kind: z.literal('approval'),
  tool: z.string().max(500),
  granted: z.boolean(),
  reason: z.string().optional(),
});
export const InterruptEvent = z.object({ ...base, kind: z.literal('interrupt'), reason: z.string().optional() });
export const NarrationEvent = z.object({
  ...base,
  kind: z.literal('narration'),
  text: z.string(),
  /** End of the spoken segment, ms from session start. */
  endT: z.number().finite().nonnegative(),
});
export const MarkerEvent = z.object({ ...base, kind: z.literal('marker'), label: z.string().max(2000) });

export const SessionEvent = z.discriminatedUnion('kind', [
  PromptEvent,
  ResponseEvent,
  ThinkingEvent,
  ToolCallEvent,
  DiffEvent,
  CommandEvent,
  TestRunEvent,
  GitActionEvent,
  DecisionEvent,
  ApprovalEvent,
  InterruptEvent,
  NarrationEvent,
  MarkerEvent,
]);
export type SessionEvent = z.infer<typeof SessionEvent>;
export type EventKind = SessionEvent['kind'];
export type EventOf<K extends EventKind> = Extract<SessionEvent, { kind: K }>;
export const EVENT_KINDS = SessionEvent.options.map((o) => o.shape.kind.value) as EventKind[];

export const SourceFormat = z.enum([
  'baton',
  'claude-code',
  'claude-hooks',
  'codex',
  'asciinema',
  'aider',
  'unknown',
]);
export type SourceFormat = z.infer<typeof SourceFormat>;

export const AudioTrack = z.object({
  blob: BlobRef,
  durationMs: z.number().nonnegative(),
  /** Offset of the recording's start from the session start, ms. */
  offsetMs: z.number().default(0),
  /** Min/max peak pairs computed once at import, so a long recording opens fast. */
  peaks: z.array(z.number()).max(200_000).optional(),
});
export type AudioTrack = z.infer<typeof AudioTrack>;

export const TerminalTrack = z.object({
  id: z.string().min(1).max(200),
  blob: BlobRef,
  cols: z.number().int().positive().max(10_000),
  rows: z.number().int().positive().max(10_000),
  offsetMs: z.number().default(0),
  title: z.string().max(1000).optional(),
});
export type TerminalTrack = z.infer<typeof TerminalTrack>;

export const Lane = z.object({
  id: z.string().min(1).max(200),
  label: z.string().max(1000),
  parent: z.string().max(200).optional(),
});

/** Session metadata, as stored in an archive manifest and in the library. */
export const SessionMeta = z.object({
  id: z.string().min(1).max(200),
  title: z.string().max(1000),
  candidate: z.object({
    id: z.string().min(1).max(200),
    displayName: z.string().max(200).optional(),
  }),
  task: z.object({
    title: z.string().max(1000),
    /** Markdown. */
    statement: z.string().default(''),
  }),
  source: z.object({
    format: SourceFormat,
    /** Tool version that wrote the original log, when known. */
    version: z.string().max(200).optional(),
    fileName: z.string().max(4096).optional(),
  }),
  agent: z.object({ name: z.string().max(200), version: z.string().max(200).optional() }).optional(),
  model: z.string().max(200).optional(),
  /** ISO-8601 absolute start time. */
  startedAt: z.iso.datetime({ offset: true }),
  durationMs: z.number().nonnegative(),
  audio: AudioTrack.optional(),
  terminals: z.array(TerminalTrack).max(1000).default([]),
  lanes: z.array(Lane).max(10_000).default([]),
  tags: z.array(z.string().max(200)).max(100).default([]),
});
export type SessionMeta = z.infer<typeof SessionMeta>;
export type SessionMetaInput = z.input<typeof SessionMeta>;

export type EventCounts = Partial<Record<EventKind, number>>;

export function countEvents(events: Iterable<Pick<SessionEvent, 'kind'>>, into: EventCounts = {}): EventCounts {
  for (const e of events) into[e.kind] = (into[e.kind] ?? 0) + 1;
  return into;
}
