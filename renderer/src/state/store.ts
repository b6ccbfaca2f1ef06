import type { FactorId } from '../../../shared/classifier/weights';
/**
 * App state in zustand slices. Components subscribe with narrow selectors
 * (`useStore((s) => s.library.rows)`), so a progress tick does not re-render the library.
 */
import { create } from 'zustand';
import type { ImportReport } from '../../../shared/import/types';
import type { SessionRow } from '../db/schema';

export type SortKey = 'title' | 'candidate' | 'task' | 'format' | 'startedAt' | 'durationMs' | 'eventCount' | 'score' | `factor:${FactorId}`;

export interface LibrarySlice {
  rows: SessionRow[];
  loaded: boolean;
  query: string;
  sort: { key: SortKey; dir: 'asc' | 'desc' };
  formatFilter: string;
  taskFilter: string;
}

export type JobStatus = 'queued' | 'running' | 'imported' | 'duplicate' | 'failed' | 'cancelled';

export interface ImportJob {
  id: string;
  file: string;
  size: number;
  status: JobStatus;
  bytesRead: number;
  events: number;
  message?: string;
  report?: ImportReport;
  reportId?: number;
}

export interface UiSlice {
  confirmDelete?: string;
  openReport?: ImportReport;
  showShortcuts: boolean;
  toast?: { text: string; kind: 'info' | 'error' };
  /** A link from the session under review, waiting for the reviewer to confirm opening it. */
  pendingLink?: string;
}

export interface AppState {
  library: LibrarySlice;
  imports: { jobs: ImportJob[]; workerMode?: 'worker' | 'main-thread' };
  ui: UiSlice;
}

export const useStore = create<AppState>()(() => ({
  library: { rows: [], loaded: false, query: '', sort: { key: 'startedAt', dir: 'desc' }, formatFilter: '', taskFilter: '' },
  imports: { jobs: [] },
  ui: { showShortcuts: false },
}));

/** Small helpers that update one slice immutably. */
export function setLibrary(patch: Partial<LibrarySlice>): void {
  useStore.setState((s) => ({ library: { ...s.library, ...patch } }));
}

export function setUi(patch: Partial<UiSlice>): void {
  useStore.setState((s) => ({ ui: { ...s.ui, ...patch } }));
}

export function updateJob(id: string, patch: Partial<ImportJob>): void {
  useStore.setState((s) => ({
    imports: { ...s.imports, jobs: s.imports.jobs.map((j) => (j.id === id ? { ...j, ...patch } : j)) },
  }));
}

export function addJobs(jobs: ImportJob[]): void {
  useStore.setState((s) => ({ imports: { ...s.imports, jobs: [...s.imports.jobs, ...jobs] } }));
}

export function removeFinishedJobs(): void {
  useStore.setState((s) => ({
    imports: { ...s.imports, jobs: s.imports.jobs.filter((j) => j.status === 'queued' || j.status === 'running') },
  }));
}
