/**
 * The hunks of a file's diff, from the line changes a diff editor reports (Monaco's
 * ILineChange shape), for annotations on one hunk: naming them (`hunk 2 of src/a.ts`),
 * finding the hunk at a cursor line, and finding an annotated hunk again.
 */
import type { AnnotationHunk } from './schema';

/** One changed region, 1-based lines; an `End` of 0 means that side has no lines (Monaco's convention). */
export interface LineChange {
  originalStartLineNumber: number;
  originalEndLineNumber: number;
  modifiedStartLineNumber: number;
  modifiedEndLineNumber: number;
}

export interface Hunk {
  index: number;
  header: string;
  /** Lines in the file after the change (both the line after which lines were removed, for a removal only). */
  startLine: number;
  endLine: number;
  /** Lines before the change ([0, 0] when lines were only added). */
  originalStart: number;
  originalEnd: number;
}

function range(start: number, end: number): string {
  const count = end === 0 ? 0 : end - start + 1;
  return count === 1 ? `${start}` : `${start},${count}`;
}

export function hunksOf(changes: readonly LineChange[]): Hunk[] {
  return changes.map((c, index) => {
    const added = c.modifiedEndLineNumber > 0;
    const removed = c.originalEndLineNumber > 0;
    return {
      index,
      header: `@@ -${range(c.originalStartLineNumber, c.originalEndLineNumber)} +${range(c.modifiedStartLineNumber, c.modifiedEndLineNumber)} @@`,
      startLine: c.modifiedStartLineNumber,
      endLine: added ? c.modifiedEndLineNumber : c.modifiedStartLineNumber,
      originalStart: removed ? c.originalStartLineNumber : 0,
      originalEnd: removed ? c.originalEndLineNumber : 0,
    };
  });
}

/** The hunk a cursor on `line` of one side of the diff is on, else the nearest one. */
export function hunkAtLine(hunks: readonly Hunk[], line: number, side: 'original' | 'modified'): Hunk | undefined {
  let best: Hunk | undefined;
  let bestDistance = Infinity;
  for (const h of hunks) {
    const [a, b] = side === 'modified' ? [h.startLine, h.endLine] : h.originalEnd > 0 ? [h.originalStart, h.originalEnd] : [h.startLine, h.endLine];
    const d = line < a ? a - line : line > b ? line - b : 0;
    if (d < bestDistance) [best, bestDistance] = [h, d];
  }
  return best;
}

/** An annotated hunk in the diff as shown now: by its header, else by its lines, else by its number. */
export function findHunk(hunks: readonly Hunk[], target: Pick<AnnotationHunk, 'index' | 'header' | 'startLine' | 'endLine'>): Hunk | undefined {
  return hunks.find((h) => h.header === target.header) ?? hunks.find((h) => h.startLine === target.startLine && h.endLine === target.endLine) ?? hunks[target.index];
}

/** "hunk 2 of src/a.ts" (hunks counted from 1 for people). */
export function hunkLabel(h: Pick<AnnotationHunk, 'index' | 'file'>): string {
  return `hunk ${h.index + 1} of ${h.file}`;
}

/** The stored target of an annotation on hunk `h` of `file`. */
export function hunkTarget(h: Hunk, file: string): AnnotationHunk {
  return { file, index: h.index, header: h.header, startLine: h.startLine, endLine: h.endLine };
}
