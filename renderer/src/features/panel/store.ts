/**
 * The panel state in the app: reviewers on this machine, who is reviewing now, the blind
 * setting, and the annotations and ratings of the session open in the replay.
 *
 * Blind by default: until the current reviewer submits a session, they see no other
 * reviewer's ratings or annotations of it and (setting on by default) not the classifier's
 * scores. With no reviewer chosen (a panel lead, or someone reviewing alone) nothing is hidden.
 */
import { create } from 'zustand';
import { db } from '../../db/schema';
import type { RatingRow, ReviewerRow } from '../../db/schema';
import type { DraftScores } from '../../db/review-rows';
import { deleteAnnotation, listReviewers, putAnnotation, putReviewer, saveDraft, sessionAnnotations, sessionRatings, submitRating } from '../../db/review-store';
import { tracked } from '../../state/pending-writes';
import type { Annotation, AnnotationHunk, Scores } from '../../../../shared/review/schema';

const SETTINGS_KEY = 'panel';

export interface PanelState {
  loaded: boolean;
  reviewers: ReviewerRow[];
  current?: string;
  blindClassifier: boolean;
  /** Annotations and ratings per session review hash, loaded on demand. */
  annotations: Record<string, Annotation[]>;
  ratings: Record<string, RatingRow[]>;
  /** The annotation dialog: open at a moment (and event, and hunk of its diff) of the open session. */
  annotating?: { t0: number; eventId?: string; hunk?: AnnotationHunk };
  /** A request to show an annotated diff hunk in the Code pane (annotations/open-annotation.ts). */
  revealHunk?: { eventId: string; hunk: AnnotationHunk; annotationId: string; nonce: number };
  /** Visible annotations of the open replay by the event they sit on (for the event list). */
  eventMarks: Record<string, Annotation[]>;
  /** Review hashes of the sessions the current reviewer has submitted. */
  submittedByMe: ReadonlySet<string>;
}

export const usePanelStore = create<PanelState>(() => ({ loaded: false, reviewers: [], blindClassifier: true, annotations: {}, ratings: {}, eventMarks: {}, submittedByMe: new Set() }));

/** Reloads which sessions the current reviewer has submitted (the library hides the others' scores). */
export async function refreshSubmitted(): Promise<void> {
  const current = usePanelStore.getState().current;
  const rows = current ? await db().ratings.where('reviewer').equals(current).toArray() : [];
  usePanelStore.setState({ submittedByMe: new Set(rows.filter((r) => r.current).map((r) => r.sessionHash)) });
}

async function persist(): Promise<void> {
  const { current, blindClassifier } = usePanelStore.getState();
  await db().settings.put({ key: SETTINGS_KEY, value: { current, blindClassifier } });
}

export async function loadPanel(): Promise<void> {
  const [reviewers, row] = await Promise.all([listReviewers(db()), db().settings.get(SETTINGS_KEY)]);
  const v = (row?.value ?? {}) as { current?: string; blindClassifier?: boolean };
  const current = reviewers.some((r) => r.id === v.current) ? v.current : undefined;
  usePanelStore.setState({ loaded: true, reviewers, current, blindClassifier: v.blindClassifier ?? true });
  await refreshSubmitted();
}

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2'];

export function initialsOf(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const s = parts.length > 1 ? parts[0]![0]! + parts[parts.length - 1]![0]! : (parts[0] ?? '?').slice(0, 2);
  return s.toUpperCase().slice(0, 4);
}

export function nextColour(taken: readonly string[]): string {
  return PALETTE.find((c) => !taken.includes(c)) ?? PALETTE[taken.length % PALETTE.length]!;
}

export async function addReviewer(name: string, initials: string, colour: string): Promise<ReviewerRow> {
  const clean = name.trim();
  if (!clean) throw new Error('A reviewer needs a name.');
  const row: ReviewerRow = { id: `r-${crypto.randomUUID().slice(0, 8)}`, name: clean.slice(0, 200), initials: (initials.trim() || initialsOf(clean)).slice(0, 4), colour, createdAt: Date.now() };
  await putReviewer(db(), row);
  usePanelStore.setState((s) => ({ reviewers: [...s.reviewers, row] }));
  await switchReviewer(row.id);
  return row;
}

export async function switchReviewer(id: string | undefined): Promise<void> {
  usePanelStore.setState({ current: id });
  await persist();
  await refreshSubmitted();
}

export async function setBlindClassifier(on: boolean): Promise<void> {
  usePanelStore.setState({ blindClassifier: on });
  await persist();
}

export async function loadSessionReview(hash: string): Promise<void> {
  const [annotations, ratings] = await Promise.all([sessionAnnotations(db(), hash), sessionRatings(db(), hash)]);
  usePanelStore.setState((s) => ({ annotations: { ...s.annotations, [hash]: annotations }, ratings: { ...s.ratings, [hash]: ratings } }));
}

export async function addAnnotation(a: Omit<Annotation, 'id' | 'reviewer' | 'createdAt'>): Promise<Annotation> {
  const reviewer = usePanelStore.getState().current;
  if (!reviewer) throw new Error('Choose who you are (the reviewer button, top right) before annotating.');
  const row: Annotation = { ...a, id: `a-${crypto.randomUUID()}`, reviewer, createdAt: new Date().toISOString() };
  await putAnnotation(db(), row);
  await loadSessionReview(a.sessionHash);
  return row;
}

export async function removeAnnotation(a: Annotation): Promise<void> {
  await deleteAnnotation(db(), a.id);
  await loadSessionReview(a.sessionHash);
}

export async function updateDraft(hash: string, draft: DraftScores, title: string): Promise<void> {
  const reviewer = usePanelStore.getState().current;
  if (!reviewer) return;
  await tracked(saveDraft(db(), hash, reviewer, draft, title));
  await loadSessionReview(hash);
}

export async function submit(hash: string, scores: Scores, title: string, reason?: string): Promise<void> {
  const reviewer = usePanelStore.getState().current;
  if (!reviewer) throw new Error('Choose a reviewer first.');
  await submitRating(db(), hash, reviewer, scores, new Date(), reason, title);
  await loadSessionReview(hash);
  await refreshSubmitted();
}

export function openAnnotate(t0: number, eventId?: string, hunk?: AnnotationHunk): void {
  usePanelStore.setState({ annotating: { t0, ...(eventId ? { eventId } : {}), ...(eventId && hunk ? { hunk } : {}) } });
}

export function closeAnnotate(): void {
  usePanelStore.setState({ annotating: undefined });
}

/** What the current reviewer may see of one session. */
export interface Visibility {
  reviewer?: ReviewerRow;
  /** The current reviewer's own rating row. */
  own?: RatingRow;
  submitted: boolean;
  /** Other reviewers' ratings and annotations are hidden. */
  hideOthers: boolean;
  /** The classifier's scores are hidden. */
  hideClassifier: boolean;
}

export function visibilityOf(s: PanelState, hash: string): Visibility {
  const reviewer = s.reviewers.find((r) => r.id === s.current);
  const own = reviewer ? s.ratings[hash]?.find((r) => r.reviewer === reviewer.id) : undefined;
  const submitted = own?.current !== undefined;
  const blind = reviewer !== undefined && !submitted;
  return { reviewer, own, submitted, hideOthers: blind, hideClassifier: blind && s.blindClassifier };
}

export function useVisibility(hash: string): Visibility {
  const s = usePanelStore();
  return visibilityOf(s, hash);
}

/** The annotations the current reviewer may see in a session. */
export function visibleAnnotations(s: PanelState, hash: string): Annotation[] {
  const all = s.annotations[hash] ?? [];
  const v = visibilityOf(s, hash);
  return v.hideOthers ? all.filter((a) => a.reviewer === s.current) : all;
}
