/**
 * Who the candidate is, as a reviewer reads it. Real logs do not say: their importers record the
 * candidate as `unknown` until a reviewer names them (Task & info). Pure: no DOM, no Node.
 */

/** The candidate id of a session whose log does not name its candidate. */
export const UNKNOWN_CANDIDATE_ID = 'unknown';

/** The name a reviewer gave, else the id the log carried, else "Unnamed candidate" (never the bare word "unknown"). */
export function candidateLabel(candidate: { readonly id: string; readonly displayName?: string }): string {
  if (candidate.displayName) return candidate.displayName;
  return candidate.id === UNKNOWN_CANDIDATE_ID ? 'Unnamed candidate' : candidate.id;
}

/** For Task & info: the name and, when the log carried one, the id in brackets. */
export function candidateWithId(candidate: { readonly id: string; readonly displayName?: string }): string {
  const label = candidateLabel(candidate);
  return candidate.displayName && candidate.id !== UNKNOWN_CANDIDATE_ID ? `${label} (${candidate.id})` : label;
}
