/**
 * What committee mode adds to the library: each session's recorded decision (a badge by its
 * title) and the Candidate-blind switch, which shows every row under its pseudonym (search
 * then matches the pseudonym, never the hidden name).
 */
import { useEffect, useState } from 'react';
import { blindMetaOnly } from '../../../../shared/committee/blind';
import { OUTCOME_LABELS, type Outcome } from '../../../../shared/committee/outcomes';
import type { SessionRow } from '../../db/schema';
import { db } from '../../db/schema';
import { decisionOutcomes } from './outcomes';

const LIBRARY_BLIND_KEY = 'library.blind';

export function blindRow(r: SessionRow): SessionRow {
  const { meta, pseudonym } = blindMetaOnly(r.meta);
  return { ...r, meta, title: meta.title, taskTitle: meta.task.title, candidateId: pseudonym.username };
}

export function outcomeLabel(o: string | undefined): string | undefined {
  return o && o in OUTCOME_LABELS ? OUTCOME_LABELS[o as Outcome] : undefined;
}

/** The library's blind switch, which the replay follows too (committee mode has its own, on by default). */
export async function loadLibraryBlind(): Promise<boolean> {
  return (await db().settings.get(LIBRARY_BLIND_KEY))?.value === true;
}

/** Decisions per session id (refreshed when the rows change) and the library's blind switch. */
export function useLibraryCommittee(rowsKey: unknown): { outcomes: Map<string, string>; blind: boolean; setBlind(on: boolean): void } {
  const [outcomes, setOutcomes] = useState(() => new Map<string, string>());
  const [blind, setBlindState] = useState(false);
  useEffect(() => {
    let live = true;
    void decisionOutcomes().then((m) => live && setOutcomes(m));
    return () => {
      live = false;
    };
  }, [rowsKey]);
  useEffect(() => {
    let live = true;
    void db()
      .settings.get(LIBRARY_BLIND_KEY)
      .then((r) => live && setBlindState(r?.value === true));
    return () => {
      live = false;
    };
  }, []);
  const setBlind = (on: boolean) => {
    setBlindState(on);
    void db().settings.put({ key: LIBRARY_BLIND_KEY, value: on });
  };
  return { outcomes, blind, setBlind };
}
