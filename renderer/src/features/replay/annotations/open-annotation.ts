import type { Annotation } from '../../../../../shared/review/schema';
import { usePanelStore } from '../../panel/store';
import type { ReplayClock } from '../clock';

/**
 * Goes to an annotation: the clock to its moment and, for one on a diff hunk, the Code pane
 * to that event's change of the file with the hunk revealed (CodePane and HunkAnnotations
 * take the request from the panel store).
 */
let requests = 0;

export function openAnnotation(a: Annotation, clock: ReplayClock): void {
  clock.seek(a.t0);
  if (a.hunk && a.eventId) usePanelStore.setState({ revealHunk: { eventId: a.eventId, hunk: a.hunk, annotationId: a.id, nonce: ++requests } });
}
