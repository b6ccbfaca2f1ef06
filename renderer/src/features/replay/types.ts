import type { SessionEvent, SessionMeta } from '../../../../shared/model/schema';
import type { SessionIndex } from '../../../../shared/replay/index';
import type { SessionRow } from '../../db/schema';
import type { ReplayClock } from './clock';

/**
 * A replay opened before all its events are loaded (progressive.ts): `events` holds every
 * event with from <= t <= to, the rest is loading behind the first paint.
 */
export interface SessionLoading {
  from: number;
  to: number;
  /** Where `events` starts in the whole session. */
  offset: number;
  /** Events in the whole session. */
  total: number;
  /** The latest event time in the whole session. */
  end: number;
}

/** A session loaded for replay: events sorted by time, an index over them, lazy blobs. */
export interface LoadedSession {
  row: SessionRow;
  meta: SessionMeta;
  events: readonly SessionEvent[];
  index: SessionIndex;
  /** Reads a blob (audio, images, terminal recordings) by its id; undefined when absent. */
  loadBlob(id: string): Promise<Blob | undefined>;
  /** Present while only a window of the events is loaded; absent once every event is. */
  loading?: SessionLoading;
}

/** What every replay pane receives. Panes follow `clock`; they seek it on click. */
export interface PaneProps {
  session: LoadedSession;
  clock: ReplayClock;
}

/** A mark drawn over the timeline (score evidence, reviewer annotations). */
export interface TimelineOverlayItem {
  t: number;
  endT?: number;
  /** Lane id to draw in; absent = across all lanes. */
  lane?: string;
  color: string;
  label: string;
  /** Event ids the mark refers to. */
  eventIds?: string[];
}

export interface TimelineOverlay {
  id: string;
  label: string;
  items: TimelineOverlayItem[];
}
