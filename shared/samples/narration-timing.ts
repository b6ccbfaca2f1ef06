/**
 * Spoken length (ms) of each narration text of the narrator sample, measured from the
 * synthesised audio. Written by `npm run samples`; do not edit by hand.
 */
export const NARRATION_MS: Readonly<Record<string, number>> = {
  "A reversed range should be an error. Guessing would hide typos, and the planner can show a message next to the field.": 7814,
  "And the whole suite, not just this folder, because the planner tests go through the parser too. All green.": 7487,
  "Committed. That one is done.": 2431,
  "Good, it reads both files before answering.": 3286,
  "Good, it's checking the callers first. Two of them, the shift form and the calendar import. Neither one expects the end before the start, so fixing this can't break them.": 12541,
  "It's writing the tests first, like I asked. I'm checking that they use fixed years and not today's date, otherwise they'd rot.": 9141,
  "Now I'll read the diff myself before committing. The ISO branch goes through the same day check now, and the errors name the input, good.": 9239,
  "Okay. The bug report says December twenty-eighth to January third comes back with the end before the start. Before I ask for a fix, I want it to read the parser and tell me how the year gets picked.": 14134,
  "One thing I'm leaving out on purpose: time zones. Everything here is UTC, so I'll say that in the commit message instead of widening the change.": 10815,
  "Right, so both ends get the same year. That's the bug. But while I'm in here: Date dot UTC rolls impossible days over. February thirtieth would quietly become March second, and nobody would notice.": 14914,
  "Three red, which is what I expected. The leap day one already passes. That's fine, it's there to keep the fix honest.": 8940,
};
