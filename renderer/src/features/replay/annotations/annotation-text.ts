import { ANCHORS } from '../../../../../shared/review/anchors';
import { hunkLabel } from '../../../../../shared/review/hunks';
import type { Annotation } from '../../../../../shared/review/schema';
import type { ReviewerRow } from '../../../db/schema';

/** What an annotation is on, beyond its moment: "hunk 2 of src/a.ts", or '' for a moment or event. */
export function annotationTargetText(a: Annotation): string {
  return a.hunk ? hunkLabel(a.hunk) : '';
}

/** "AL · Scoping + [hunk 1 of a.ts]: note" for titles and the timeline's overlay. */
export function annotationLabel(a: Annotation, who?: ReviewerRow): string {
  const target = annotationTargetText(a);
  return `${who?.initials ?? a.reviewer} · ${ANCHORS[a.factor].label} ${a.polarity === '+' ? '+' : '−'}${target ? ` on ${target}` : ''}${a.note ? `: ${a.note.slice(0, 120)}` : ''}`;
}
