/**
 * Patch helpers for the text-log importers: Codex's `apply_patch` envelope format and
 * unified diffs of SEARCH/REPLACE hunks. Pure.
 */
import { createTwoFilesPatch } from './bounded-edit';

export interface FilePatch {
  path: string;
  change: 'created' | 'modified' | 'deleted' | 'renamed';
  oldPath?: string;
  /** Full new content, known only for added files. */
  after?: string;
  /** Unified diff of the change. */
  patch: string;
}

const BEGIN = '*** Begin Patch';
const END = '*** End Patch';

/**
 * The `*** Begin Patch` … `*** End Patch` text inside a command or tool input (a heredoc
 * passed to `apply_patch`, or the raw tool input), or undefined when there is none.
 */
export function extractCodexPatch(text: string): string | undefined {
  const start = text.indexOf(BEGIN);
  if (start === -1) return undefined;
  const end = text.indexOf(END, start);
  return end === -1 ? text.slice(start) : text.slice(start, end + END.length);
}

interface Hunk {
  header: string;
  lines: string[];
}

/**
 * Parses Codex's patch format:
 *
 *     *** Begin Patch
 *     *** Add File: path        (+lines follow)
 *     *** Delete File: path
 *     *** Update File: path
 *     *** Move to: new/path     (optional, a rename)
 *     @@ optional context header
 *      context / -removed / +added lines
 *     *** End of File           (optional)
 *     *** End Patch
 *
 * Codex hunks are located by their context, not by line numbers, so the unified diffs
 * produced here number hunks relative to each other (old and new start lines are the
 * running totals), which keeps them well formed for diff viewers.
 */
export function parseCodexPatch(text: string): FilePatch[] {
  const out: FilePatch[] = [];
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  let cur: { op: 'add' | 'delete' | 'update'; path: string; moveTo?: string; added: string[]; hunks: Hunk[] } | undefined;
  const flush = () => {
    if (!cur) return;
    if (cur.op === 'add') {
      const after = cur.added.length ? `${cur.added.join('\n')}\n` : '';
      out.push({ path: cur.path, change: 'created', after, patch: addPatch(cur.path, cur.added) });
    } else if (cur.op === 'delete') {
      out.push({ path: cur.path, change: 'deleted', patch: `--- a/${cur.path}\n+++ /dev/null\n` });
    } else {
      const newPath = cur.moveTo ?? cur.path;
      const fp: FilePatch = {
        path: newPath,
        change: cur.moveTo && cur.moveTo !== cur.path ? 'renamed' : 'modified',
        patch: updatePatch(cur.path, newPath, cur.hunks),
      };
      if (fp.change === 'renamed') fp.oldPath = cur.path;
      out.push(fp);
    }
    cur = undefined;
  };
  for (const line of lines) {
    if (line.startsWith(BEGIN)) continue;
    if (line.startsWith(END)) break;
    const op = /^\*\*\* (Add|Delete|Update) File: (.+)$/.exec(line);
    if (op) {
      flush();
      const kind = op[1] === 'Add' ? 'add' : op[1] === 'Delete' ? 'delete' : 'update';
      cur = { op: kind, path: op[2]!.trim(), added: [], hunks: [] };
      continue;
    }
    if (!cur) continue;
    const move = /^\*\*\* Move to: (.+)$/.exec(line);
    if (move && cur.op === 'update') {
      cur.moveTo = move[1]!.trim();
      continue;
    }
    if (line.startsWith('*** End of File')) continue;
    if (cur.op === 'add') {
      if (line.startsWith('+')) cur.added.push(line.slice(1));
      continue;
    }
    if (cur.op === 'update') {
      if (line.startsWith('@@')) {
        cur.hunks.push({ header: line.slice(2).trim(), lines: [] });
        continue;
      }
      let hunk = cur.hunks[cur.hunks.length - 1];
      if (!hunk) {
        hunk = { header: '', lines: [] };
        cur.hunks.push(hunk);
      }
      // Codex accepts a bare empty line as an empty context line.
      if (line === '') hunk.lines.push(' ');
      else if (line[0] === ' ' || line[0] === '-' || line[0] === '+') hunk.lines.push(line);
    }
  }
  flush();
  return out;
}

function addPatch(path: string, added: string[]): string {
  const head = `--- /dev/null\n+++ b/${path}\n`;
  if (added.length === 0) return head;
  return `${head}@@ -0,0 +1,${added.length} @@\n${added.map((l) => `+${l}`).join('\n')}\n`;
}

function updatePatch(oldPath: string, newPath: string, hunks: Hunk[]): string {
  let text = `--- a/${oldPath}\n+++ b/${newPath}\n`;
  let oldLine = 1;
  let newLine = 1;
  for (const h of hunks) {
    // Trailing blank context lines are usually the patch's own padding.
    while (h.lines.length && h.lines[h.lines.length - 1] === ' ') h.lines.pop();
    if (h.lines.length === 0) continue;
    const oldCount = h.lines.filter((l) => l[0] !== '+').length;
    const newCount = h.lines.filter((l) => l[0] !== '-').length;
    text += `@@ -${oldCount ? oldLine : oldLine - 1},${oldCount} +${newCount ? newLine : newLine - 1},${newCount} @@${h.header ? ` ${h.header}` : ''}\n`;
    text += `${h.lines.join('\n')}\n`;
    oldLine += oldCount;
    newLine += newCount;
  }
  return text;
}

/** A unified diff of one SEARCH/REPLACE hunk (line numbers relative to the hunk). */
export function hunkPatch(path: string, before: string, after: string): string {
  const patch = createTwoFilesPatch(`a/${path}`, `b/${path}`, before, after, undefined, undefined, { context: 3 });
  // Drop the "=====" separator line the library puts first.
  return patch.startsWith('===') ? patch.slice(patch.indexOf('\n') + 1) : patch;
}
