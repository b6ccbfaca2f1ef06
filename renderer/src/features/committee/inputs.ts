/**
 * The review panel's inputs for committee mode (reviewers, annotations, ratings before and
 * after discussion). The panel's tables (schema v3, issue 18) are not on this branch: this
 * returns nothing until they are wired here, and the reel and the report work without them.
 */
import type { CommitteeInputs } from '../../../../shared/committee/inputs';

export async function loadCommitteeInputs(_sid: string): Promise<CommitteeInputs> {
  return {};
}
