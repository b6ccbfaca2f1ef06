/**
 * The event kinds, in the order of the schema's union, without building the schema: the
 * replay's event list and the session summary need the names at start-up, the zod schemas
 * only when something is parsed (test/unit/model-kinds.test.ts checks both lists agree).
 */
import type { EventKind } from './schema';

export const EVENT_KINDS: EventKind[] = ['prompt', 'response', 'thinking', 'tool_call', 'diff', 'command', 'test_run', 'git_action', 'decision', 'approval', 'interrupt', 'narration', 'marker'];
