/**
 * The annotation form: a moment (the playhead, optionally to an end time) or the event at it
 * (or a hunk of its diff, from the Code pane),
 * a factor tag, + or −, and a note in markdown (rendered sanitised).
 */
import { useState } from 'react';
import { Dialog } from '../../../components/Dialog';
import { Markdown } from '../../../components/Markdown';
import { REVIEW_FACTORS, type ReviewFactor } from '../../../../../shared/review/factors';
import { ANCHORS } from '../../../../../shared/review/anchors';
import { hunkLabel } from '../../../../../shared/review/hunks';
import type { AnnotationHunk } from '../../../../../shared/review/schema';
import { eventSummary, formatClock } from '../../session/summary';
import { setUi } from '../../../state/store';
import { addAnnotation, closeAnnotate } from '../../panel/store';
import type { LoadedSession } from '../types';
import { parseClock } from './clock-text';

export function AnnotateDialog({ session, hash, t0, eventId, hunk }: { session: LoadedSession; hash: string; t0: number; eventId?: string; hunk?: AnnotationHunk }) {
  const [factor, setFactor] = useState<ReviewFactor>('scoping');
  const [polarity, setPolarity] = useState<'+' | '-'>('+');
  const [note, setNote] = useState('');
  const [until, setUntil] = useState('');
  const [onEvent, setOnEvent] = useState(eventId !== undefined);
  const event = eventId ? session.events.find((e) => e.id === eventId) : undefined;
  const t1 = until.trim() ? parseClock(until) : undefined;
  const badUntil = until.trim() !== '' && (t1 === undefined || t1 < t0);
  const save = async () => {
    if (badUntil) return;
    try {
      await addAnnotation({ sessionHash: hash, t0, ...(t1 !== undefined ? { t1 } : {}), ...(onEvent && eventId ? { eventId, ...(hunk ? { hunk } : {}) } : {}), factor, polarity, note: note.slice(0, 10_000) });
      closeAnnotate();
    } catch (e) {
      setUi({ toast: { text: (e as Error).message, kind: 'error' } });
    }
  };
  return (
    <Dialog
      title={`Annotate at ${formatClock(t0)}`}
      onClose={closeAnnotate}
      testId="annotate-dialog"
      footer={
        <>
          <button className="btn" onClick={closeAnnotate}>
            Cancel
          </button>
          <button className="btn primary" onClick={() => void save()} disabled={badUntil}>
            Save annotation
          </button>
        </>
      }
    >
      <div className="annotate-form">
        {event && (
          <label className="toggle">
            <input type="checkbox" checked={onEvent} onChange={(e) => setOnEvent(e.target.checked)} />{' '}
            {hunk ? (
              <>
                On <span data-testid="annotate-hunk">{hunkLabel(hunk)}</span> <span className="muted">{hunk.header}</span>
              </>
            ) : (
              <>
                On the event: <span className="muted">{event.kind.replace('_', ' ')} · {eventSummary(event).slice(0, 80)}</span>
              </>
            )}
          </label>
        )}
        <label>
          Until (optional, for a span) <input value={until} onChange={(e) => setUntil(e.target.value)} placeholder={formatClock(t0)} aria-label="Until" aria-invalid={badUntil} size={8} />
          {badUntil && <span className="warn small"> not a time after {formatClock(t0)}</span>}
        </label>
        <label>
          Factor{' '}
          <select value={factor} onChange={(e) => setFactor(e.target.value as ReviewFactor)} aria-label="Factor">
            {REVIEW_FACTORS.map((f) => (
              <option key={f} value={f}>
                {ANCHORS[f].label}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="polarity">
          <legend>Evidence</legend>
          <label>
            <input type="radio" name="polarity" checked={polarity === '+'} onChange={() => setPolarity('+')} /> + for
          </label>
          <label>
            <input type="radio" name="polarity" checked={polarity === '-'} onChange={() => setPolarity('-')} /> − against
          </label>
        </fieldset>
        <label className="note">
          Note (markdown)
          <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={4} maxLength={10_000} aria-label="Note" />
        </label>
        {note.trim() && <Markdown text={note} className="note-preview" />}
      </div>
    </Dialog>
  );
}
