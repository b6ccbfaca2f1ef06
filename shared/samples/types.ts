import type { ArchiveBlob } from '../archive/baton-writer';
import type { SessionEvent, SessionMeta } from '../model/schema';
import type { Recorder } from './recorder';

/** A generated session, ready for writeArchive. */
export interface GeneratedSession {
  meta: SessionMeta;
  events: SessionEvent[];
  blobs?: ArchiveBlob[];
  /** Files as they were when the session started (the archive's workspace snapshot). */
  workspace?: { path: string; content: string }[];
}

/** One scripted sample: its task, where it runs, and the session it plays out. */
export interface StyleScript {
  title: string;
  /** Markdown task statement. */
  statement: string;
  cwd: string;
  branch: string;
  /** Stretch factor for the script's waits. */
  pace?: number;
  script(r: Recorder): void;
}
