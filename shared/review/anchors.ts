/**
 * Behavioural anchors for every level of every rated factor: what a reviewer should have
 * seen the candidate do to give that score. Shown beside each level in the rating form so
 * reviewers share one scale. N/A means the session gave no opportunity to show the factor.
 */
import type { ReviewFactor } from './factors';

export interface FactorAnchors {
  label: string;
  question: string;
  /** levels[0] is the anchor for 1, levels[4] for 5. */
  levels: readonly [string, string, string, string, string];
}

export const ANCHORS: Record<ReviewFactor, FactorAnchors> = {
  scoping: {
    label: 'Scoping before writing',
    question: 'Before any code, did the candidate pin down what to build?',
    levels: [
      'Asks for code straight away; no constraints, no plan, no questions.',
      'Mentions a goal or one constraint, but lets the agent start writing before the shape of the work is clear.',
      'States the main constraints or asks for a plan, yet leaves obvious unknowns open until they bite.',
      'Breaks the task into steps, states constraints and answers or asks the key clarifying questions first.',
      'Sets scope, constraints, non-goals and a plan, checks the plan against the codebase, and keeps returning to it.',
    ],
  },
  tradeoff: {
    label: 'Tradeoff articulation',
    question: 'When there were options, did the candidate choose with a criterion and a reason?',
    levels: [
      'Takes whatever the agent proposes; never names an alternative.',
      'Picks between options by preference ("use X") with no stated reason.',
      'Names an alternative and a reason once, but the criterion is vague or not applied.',
      'Compares options on a stated criterion (cost, risk, simplicity) and explains the pick.',
      'Weighs several options on explicit criteria, records what is given up, and revisits when facts change.',
    ],
  },
  adversarial: {
    label: 'Adversarial prompting',
    question: 'Did the candidate pressure-test what the agent produced?',
    levels: [
      'Accepts every answer and diff as given.',
      'Occasionally asks "are you sure?" without pointing at anything concrete.',
      'Pushes back on at least one concrete mistake, or asks for a test of a claim.',
      'Repeatedly challenges specific claims or code, asks for evidence, rejects or reverts wrong output.',
      'Systematically tries to break the agent\u2019s work (counter-examples, failing tests first) and holds it to the result.',
    ],
  },
  selfcorrection: {
    label: 'Self-correction',
    question: 'When the direction was wrong, did the candidate notice and change course?',
    levels: [
      'Keeps grinding on a failing approach; repeats the same request.',
      'Changes course only after many failed attempts, or only when the agent suggests it.',
      'Notices one wrong turn and redirects, with some wasted effort before it.',
      'Spots wrong directions early, says why, and redirects cleanly.',
      'Catches their own and the joint mistakes quickly, explains the cause, and adjusts the plan so it does not recur.',
    ],
  },
  edgecase: {
    label: 'Edge-case ownership',
    question: 'Did the candidate raise cases the task did not spell out and get them handled?',
    levels: [
      'No edge case is mentioned; the happy path is all that is checked.',
      'Mentions an edge case in passing but does not follow up.',
      'Raises one or two relevant edge cases and gets at least one handled.',
      'Raises several relevant cases unprompted and has them handled or tested.',
      'Owns the boundaries: enumerates failure modes, gets each tested, and checks the tests would fail without the fix.',
    ],
  },
  sequencing: {
    label: 'Tool-call sequencing',
    question: 'Did the candidate steer the order of work well?',
    levels: [
      'Edits before reading; commits or ships without running anything.',
      'Some reading first, but changes land untested or out of order.',
      'Reads before changing and runs tests at some point, with gaps.',
      'Reads and searches before editing, runs the tests after changes, commits after green.',
      'A deliberate order throughout: understand, reproduce, change in small steps, verify each, then commit.',
    ],
  },
  overall: {
    label: 'Overall',
    question: 'Your holistic judgment of how well the candidate directed the agent (not an average).',
    levels: [
      'Would not trust them to direct an agent on real work.',
      'Gets results only with heavy luck or help; several serious gaps.',
      'Adequate: the work gets done, with noticeable gaps in judgment.',
      'Strong: directs the agent deliberately, with small gaps.',
      'Exemplary: a model of how to direct an agent; others could learn from this session.',
    ],
  },
};
