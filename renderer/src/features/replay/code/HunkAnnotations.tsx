/**
 * Annotations on the hunks of the diff the Code pane shows ("This change" of an event): a
 * bar listing the hunks (click one to reveal it; annotated ones are marked), "Annotate hunk"
 * for the hunk at the cursor (or `a` with the diff focused), the annotated hunks marked in the
 * diff itself, and the reveal of a hunk asked for from an annotation elsewhere
 * (annotations/open-annotation.ts).
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { findHunk, hunkAtLine, hunkLabel, hunksOf, hunkTarget, type Hunk } from '../../../../../shared/review/hunks';
import type { Annotation } from '../../../../../shared/review/schema';
import { setUi } from '../../../state/store';
import { openAnnotate, usePanelStore } from '../../panel/store';
import type { ReplayClock } from '../clock';
import { useReviewHash, useVisibleAnnotations } from '../annotations/hooks';
import type { LoadedSession } from '../types';
import type * as MonacoSetup from './monaco-setup';

type Monaco = typeof MonacoSetup;
export type DiffEditor = ReturnType<Monaco['monaco']['editor']['createDiffEditor']>;

interface Props {
  monaco: Monaco;
  editor: DiffEditor | null;
  session: LoadedSession;
  clock: ReplayClock;
  file: string;
  /** The diff event whose change of `file` is shown; undefined when the pane shows something else. */
  event: { id: string; t: number } | undefined;
}

/** The diff's hunks, current after every diff the editor computes. */
function useHunks(editor: DiffEditor | null, key: string): Hunk[] {
  const [hunks, setHunks] = useState<Hunk[]>([]);
  useEffect(() => {
    if (!editor) return;
    // A new array only when the hunks differ: a seek between diffs re-renders nothing here otherwise.
    const read = () => {
      const next = hunksOf(editor.getLineChanges() ?? []);
      setHunks((prev) => (prev.length === next.length && prev.every((h, i) => h.header === next[i]!.header) ? prev : next));
    };
    read();
    const sub = editor.onDidUpdateDiff(read);
    return () => sub.dispose();
  }, [editor, key]);
  return hunks;
}

function reveal(editor: DiffEditor, h: Hunk): void {
  if (h.endLine > 0) editor.getModifiedEditor().revealLinesInCenter(Math.max(1, h.startLine), Math.max(1, h.endLine));
  if (h.originalEnd > 0) editor.getOriginalEditor().revealLinesInCenter(h.originalStart, h.originalEnd);
}

export function HunkAnnotations({ monaco, editor, session, clock, file, event }: Props) {
  const hash = useReviewHash(session);
  const visible = useVisibleAnnotations(hash);
  const reviewers = usePanelStore((s) => s.reviewers);
  const request = usePanelStore((s) => s.revealHunk);
  const hunks = useHunks(editor, `${event?.id ?? ''}:${file}`);
  const here = useMemo(() => (event ? visible.filter((a): a is Annotation & { hunk: NonNullable<Annotation['hunk']> } => a.eventId === event.id && a.hunk?.file === file) : []), [visible, event, file]);
  /** Annotations per hunk index as shown now. */
  const byHunk = useMemo(() => {
    const m = new Map<number, Annotation[]>();
    for (const a of here) {
      const h = findHunk(hunks, a.hunk);
      if (h) m.set(h.index, [...(m.get(h.index) ?? []), a]);
    }
    return m;
  }, [here, hunks]);

  const annotate = (h: Hunk | undefined) => {
    if (!event || !h) return;
    if (!usePanelStore.getState().current) {
      setUi({ toast: { text: 'Choose who you are (the reviewer button, top right) before annotating.', kind: 'info' } });
      return;
    }
    clock.pause();
    openAnnotate(event.t, event.id, hunkTarget(h, file));
  };
  const atCursor = (): Hunk | undefined => {
    if (!editor) return undefined;
    const original = editor.getOriginalEditor();
    const side = original.hasTextFocus() ? 'original' : 'modified';
    const line = (side === 'original' ? original : editor.getModifiedEditor()).getPosition()?.lineNumber ?? 1;
    return hunkAtLine(hunks, line, side);
  };

  // `a` with the diff focused annotates the hunk at the cursor.
  const onA = useRef(() => {});
  useLayoutEffect(() => {
    onA.current = () => annotate(atCursor());
  });
  const hasEvent = event !== undefined;
  useEffect(() => {
    if (!editor || !hasEvent) return;
    const onKey = (e: { browserEvent: KeyboardEvent; preventDefault(): void; stopPropagation(): void }) => {
      const k = e.browserEvent;
      if (k.key !== 'a' || k.ctrlKey || k.metaKey || k.altKey) return;
      e.preventDefault();
      e.stopPropagation();
      onA.current();
    };
    const subs = [editor.getModifiedEditor().onKeyDown(onKey), editor.getOriginalEditor().onKeyDown(onKey)];
    return () => subs.forEach((s) => s.dispose());
  }, [editor, hasEvent]);

  // The annotated hunks, marked in the diff: + green, − red, both amber. Keyed by what is drawn,
  // so a seek to a diff without annotations touches no decorations.
  const marks = useMemo(
    () =>
      [...byHunk].map(([index, list]) => {
        const h = hunks[index]!;
        const sign = list.every((a) => a.polarity === '+') ? 'pos' : list.every((a) => a.polarity === '-') ? 'neg' : 'mixed';
        return { h, sign, text: `${list.length} annotation${list.length === 1 ? '' : 's'} on ${hunkLabel({ index, file })}` };
      }),
    [byHunk, hunks, file],
  );
  const marksKey = marks.length ? `${event?.id ?? ''}|${marks.map((m) => `${m.h.header}:${m.sign}:${m.text}`).join('|')}` : '';
  const marksRef = useRef(marks);
  useLayoutEffect(() => {
    marksRef.current = marks;
  });
  useEffect(() => {
    if (!editor || marksKey === '') return;
    const { Range } = monaco.monaco;
    const mod: Parameters<ReturnType<DiffEditor['getModifiedEditor']>['createDecorationsCollection']>[0] = [];
    const orig: typeof mod = [];
    for (const { h, sign, text } of marksRef.current) {
      const options = { isWholeLine: true, className: `hunk-annotated ${sign}`, linesDecorationsClassName: `hunk-annotated-gutter ${sign}`, hoverMessage: { value: text } };
      if (h.endLine > 0) mod.push({ range: new Range(Math.max(1, h.startLine), 1, Math.max(1, h.endLine), 1), options });
      if (h.originalEnd > 0) orig.push({ range: new Range(h.originalStart, 1, h.originalEnd, 1), options });
    }
    const a = editor.getModifiedEditor().createDecorationsCollection(mod);
    const b = editor.getOriginalEditor().createDecorationsCollection(orig);
    return () => {
      a.clear();
      b.clear();
    };
  }, [monaco, editor, marksKey]);

  // A hunk asked for from an annotation: revealed once the diff of its event and file is shown.
  const done = useRef(0);
  useEffect(() => {
    if (!editor || !request || request.nonce === done.current || !event || request.eventId !== event.id || request.hunk.file !== file || hunks.length === 0) return;
    const h = findHunk(hunks, request.hunk);
    if (h) reveal(editor, h);
    done.current = request.nonce;
  }, [editor, request, event, file, hunks]);

  // Drawn whenever a change is shown, even before its hunks are known: the editor below keeps
  // its height from one seek to the next (a bar that came and went made Monaco lay out again).
  if (!event) return null;
  return (
    <div className="code-hunks" role="toolbar" aria-label="Hunks of this change" data-testid="code-hunks">
      <span className="muted small">{hunks.length ? 'Hunks:' : 'No changed lines'}</span>
      {hunks.map((h) => {
        const n = byHunk.get(h.index)?.length ?? 0;
        const who = byHunk.get(h.index)?.[0];
        const colour = who ? reviewers.find((r) => r.id === who.reviewer)?.colour : undefined;
        return (
          <button
            key={h.index}
            type="button"
            className={`code-hunk ${n ? 'annotated' : ''}`}
            data-testid="code-hunk"
            data-annotated={n}
            style={colour ? { borderColor: colour } : undefined}
            title={`${hunkLabel({ index: h.index, file })} ${h.header}${n ? ` · ${n} annotation${n === 1 ? '' : 's'}` : ''}`}
            aria-label={`Show ${hunkLabel({ index: h.index, file })}${n ? `, ${n} annotation${n === 1 ? '' : 's'}` : ''}`}
            onClick={() => editor && reveal(editor, h)}
          >
            {h.index + 1}
            {n > 0 && <span className="code-hunk-count">·{n}</span>}
          </button>
        );
      })}
      <button type="button" className="btn small" disabled={hunks.length === 0} onClick={() => annotate(atCursor())} title="Annotate the hunk at the cursor (or press a in the diff)" data-testid="annotate-hunk-button">
        Annotate hunk
      </button>
    </div>
  );
}
