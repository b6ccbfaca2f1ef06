/**
 * Whether the candidate's prompts are in English. The classifier's rules read English phrasing
 * ("what if…", "instead of…", "are you sure…"): in a session prompted in another language they
 * find little, and its scores would understate it without saying why. This measures how much of
 * the candidate's own prose is common English function words, which make up about a third of
 * English text and next to none of Chinese, Spanish or German text. Code is left out (fenced
 * blocks, inline code, paths and URLs), so a prompt heavy with identifiers still reads as
 * English. Pure: runs in a worker, in Node and in tests.
 */
import type { SessionEvent } from '../model/schema';

/**
 * English function words that are not also common words of other Latin-script languages ("a",
 * "in", "no", "me", "an", "as", "was", "also" are left out: Spanish, German, French or
 * Portuguese use them too).
 */
const ENGLISH = new Set(
  'the and to of is it that this for you with be are not we can should what if do does have has will would there from but or at by my your how why which when then just make use please need want they them their these those been being than into about only any all some more could were our us its'.split(' '),
);

const CODE = /```[\s\S]*?(?:```|$)|`[^`\n]*`|\bhttps?:\/\/\S+|(?:^|\s)[.~]?\/?[\w.-]+(?:\/[\w.-]+)+/g;
/** One word: a run of letters; each Han, kana or Hangul character is a word of its own. */
const WORD = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|[\p{L}\p{M}']+/gu;

/** At least this many words of prose before a verdict: a few short prompts say too little. */
export const MIN_WORDS = 40;
/** Below this share of English function words, the prompts are not in English. */
export const MIN_ENGLISH_SHARE = 0.12;

export interface PromptLanguage {
  /** Words of prose in the candidate's prompts (code left out). */
  words: number;
  /** Of those, the share that are common English function words (0 when there are none). */
  englishShare: number;
  /** false only when there is enough prose and too little of it is English. */
  english: boolean;
}

/** The language verdict over texts the candidate wrote. */
export function proseLanguage(texts: Iterable<string>): PromptLanguage {
  let words = 0;
  let hits = 0;
  for (const text of texts) {
    for (const m of text.replace(CODE, ' ').matchAll(WORD)) {
      words++;
      if (ENGLISH.has(m[0].toLowerCase())) hits++;
    }
  }
  const englishShare = words ? hits / words : 0;
  return { words, englishShare, english: words < MIN_WORDS || englishShare >= MIN_ENGLISH_SHARE };
}

/** The language of the prompts the candidate typed in the main session (not a subagent's lane). */
export function promptLanguage(events: readonly SessionEvent[]): PromptLanguage {
  const texts: string[] = [];
  for (const e of events) if (e.kind === 'prompt' && e.actor === 'candidate' && e.lane === undefined) texts.push(e.text);
  return proseLanguage(texts);
}
