import type { SessionEvent, SessionMeta } from '../../../../shared/model/schema';
import type { SessionIndex } from '../../../../shared/replay/index';
import type { SessionRow } from '../../db/schema';
import type { ReplayClock } from './clock';

/** A session loaded for replay: events sorted by time, an index over them, lazy blobs. */
export interface LoadedSession {
  row: SessionRow;
  meta: SessionMeta;
  events: readonly SessionEvent[];
  index: SessionIndex;
  /** Reads a blob (audio, images, terminal recordings) by its id; undefined when absent. */
  loadBlob(id: string): Promise<Blob | undefined>;
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
