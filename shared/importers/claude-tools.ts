/**
 * Claude Code's tools as Baton sees them: the category of a tool, the text of a tool_result,
 * and the diff an Edit, MultiEdit or Write call made. Shared by the transcript and hook-log
 * importers. Pure.
 */
import { applyEditsBounded, createTwoFilesPatch } from './bounded-edit';
import type { EventOf, ToolCategory } from '../model/schema';
import { isRecord, num, str } from './text-support';

type DiffEvent = EventOf<'diff'>;

export function toolCategory(name: string): ToolCategory {
  if (name.startsWith('mcp__')) return 'mcp';
  switch (name) {
    case 'Read':
    case 'NotebookRead':
    case 'LS':
    case 'BashOutput':
    case 'TaskOutput':
      return 'read';
    case 'Grep':
    case 'Glob':
    case 'WebSearch':
    case 'WebFetch':
    case 'ToolSearch':
      return 'search';
    case 'Edit':
    case 'MultiEdit':
    case 'NotebookEdit':
      return 'edit';
    case 'Write':
      return 'write';
    case 'Bash':
    case 'KillBash':
    case 'KillShell':
      return 'shell';
    default:
      return 'other';
  }
}

/** Text of a tool_result's content (string, or blocks of text and images). */
export function resultText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((b) => (isRecord(b) && b.type === 'text' && typeof b.text === 'string' ? b.text : isRecord(b) && b.type === 'image' ? '[image]' : ''))
      .filter(Boolean)
      .join('\n');
  }
  return '';
}

/** A structuredPatch (`[{oldStart, oldLines, newStart, newLines, lines}]`) as a unified diff. */
export function structuredToUnified(path: string, hunks: unknown): string | undefined {
  if (!Array.isArray(hunks) || hunks.length === 0) return undefined;
  const out = [`--- a/${path}`, `+++ b/${path}`];
  for (const h of hunks) {
    if (!isRecord(h) || !Array.isArray(h.lines)) return undefined;
    out.push(`@@ -${num(h.oldStart) ?? 0},${num(h.oldLines) ?? 0} +${num(h.newStart) ?? 0},${num(h.newLines) ?? 0} @@`);
    for (const l of h.lines) if (typeof l === 'string') out.push(l);
  }
  return `${out.join('\n')}\n`;
}

/**
 * The diff an Edit, MultiEdit or Write tool call made, from its input and result (the
 * transcript's toolUseResult or a hook's tool_response): before and after when the original
 * file is known, else a patch. Shared with the hook-log importer.
 */
export function claudeToolDiff(p: { name: string; input: Record<string, unknown>; t: number }, res: Record<string, unknown>, id: string): DiffEvent | undefined {
  const input = p.input;
  const path = str(res.filePath) ?? str(input.file_path) ?? str(input.notebook_path);
  if (!path) return undefined;
  const base: Pick<DiffEvent, 'id' | 't' | 'actor' | 'kind' | 'path'> = { id, t: p.t, actor: 'agent', kind: 'diff', path };
  if (p.name === 'Write') {
    const after = str(input.content) ?? str(res.content);
    const created = res.type === 'create';
    const before = str(res.originalFile) ?? undefined;
    if (created) return { ...base, change: 'created', ...(after !== undefined ? { after } : {}) };
    const patch = structuredToUnified(path, res.structuredPatch);
    if (before !== undefined && after !== undefined) return { ...base, change: 'modified', before, after };
    return { ...base, change: 'modified', ...(after !== undefined ? { after } : {}), ...(patch ? { patch } : {}) };
  }
  const original = str(res.originalFile) ?? str(res.originalFileContents);
  const edits: { old: string; new: string; all: boolean }[] =
    p.name === 'MultiEdit'
      ? (Array.isArray(input.edits) ? input.edits : []).filter(isRecord).map((e) => ({ old: str(e.old_string) ?? '', new: str(e.new_string) ?? '', all: e.replace_all === true }))
      : [{ old: str(input.old_string) ?? '', new: str(input.new_string) ?? '', all: input.replace_all === true }];
  if (original !== undefined) {
    // Bounded: a chain of replace_all edits that doubles the text stops at the edit budget.
    const after = applyEditsBounded(original, edits);
    if (after !== undefined) return { ...base, change: 'modified', before: original, after };
  }
  const patch =
    structuredToUnified(path, res.structuredPatch) ??
    (edits.length ? edits.map((e) => createTwoFilesPatch(`a/${path}`, `b/${path}`, e.old, e.new, '', '', { context: 3 })).join('') : undefined);
  return patch ? { ...base, change: 'modified', patch } : undefined;
}
