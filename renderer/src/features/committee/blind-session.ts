/**
 * A loaded session as a committee sees it in candidate-blind mode: metadata and every event
 * pseudonymised (shared/committee/blind.ts), and text blobs (terminal recordings, large
 * outputs) blinded as they are read, so every pane shows the pseudonym.
 */
import { blindSession, type Blind } from '../../../../shared/committee/blind';
import { buildSessionIndex } from '../../../../shared/replay/index';
import type { LoadedSession } from '../replay/types';
import { candidateLabel } from '../../../../shared/model/candidate';

export interface CommitteeSession {
  session: LoadedSession;
  /** The name shown for the candidate: the pseudonym when blind. */
  candidate: string;
  blind: Blind;
}

const TEXT_MIME = /^(text\/|application\/(json|x-asciicast|x-ndjson|jsonl))/;

export function committeeSession(s: LoadedSession, blind: boolean): CommitteeSession {
  const named = candidateLabel(s.meta.candidate);
  if (!blind) return { session: s, candidate: named, blind: (x) => x };
  const b = blindSession({ meta: s.meta, events: s.events });
  const cache = new Map<string, Promise<Blob | undefined>>();
  const session: LoadedSession = {
    row: { ...s.row, meta: b.meta, title: b.meta.title, taskTitle: b.meta.task.title, candidateId: b.meta.candidate.id },
    meta: b.meta,
    events: b.events,
    index: buildSessionIndex(b.events),
    loadBlob(id) {
      let p = cache.get(id);
      if (!p) {
        p = s.loadBlob(id).then(async (blob) => (blob && TEXT_MIME.test(blob.type) ? new Blob([b.blind(await blob.text())], { type: blob.type }) : blob));
        cache.set(id, p);
      }
      return p;
    },
  };
  return { session, candidate: b.pseudonym.name, blind: b.blind };
}
