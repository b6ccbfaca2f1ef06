/**
 * Candidate-blind mode: the candidate's name, e-mail addresses, user names and home-directory
 * paths (/Users/<name>, /home/<name>, C:\Users\<name>) replaced by a stable pseudonym in
 * every text a committee sees — session metadata, every string of every event (prompts,
 * commands and their output, diff paths and contents, tool inputs), terminal recordings.
 *
 * Pure and deterministic: the same session gives the same pseudonym and the same text.
 * Identity comes from what the session says about the candidate (display name, id) plus what
 * the text itself reveals: user names of home directories and every e-mail address (every
 * address is hidden, not only the candidate's: a committee cannot tell them apart safely).
 * Matching is case-insensitive on word boundaries; hiding a little too much is the safe side.
 */
import type { SessionEvent, SessionMeta } from '../model/schema';
import { UNKNOWN_CANDIDATE_ID } from '../model/candidate';

export interface Identity {
  /** Full names as written ("Ada Lovelace"); each part of two or more letters is hidden too. */
  names: string[];
  /** Login / user names ("alovelace"). */
  usernames: string[];
  emails: string[];
}

export interface Pseudonym {
  /** "Candidate Amber Fox" */
  name: string;
  /** "amber-fox" */
  username: string;
  /** "amber.fox@candidate.invalid" */
  email: string;
}

const ADJECTIVES = ['Amber', 'Azure', 'Cedar', 'Coral', 'Ember', 'Flint', 'Harbor', 'Indigo', 'Juniper', 'Linden', 'Maple', 'Onyx', 'Quartz', 'Russet', 'Sage', 'Slate'];
const ANIMALS = ['Badger', 'Crane', 'Falcon', 'Fox', 'Heron', 'Ibex', 'Lynx', 'Marten', 'Otter', 'Owl', 'Puffin', 'Raven', 'Seal', 'Stoat', 'Swift', 'Wren'];

/** FNV-1a, 32 bits: a stable, platform-independent hash for choosing a pseudonym. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A stable pseudonym for a candidate key (the candidate id, or the session id). */
export function pseudonymFor(key: string): Pseudonym {
  const h = fnv1a(key);
  const adj = ADJECTIVES[h % ADJECTIVES.length]!;
  const animal = ANIMALS[(h >>> 8) % ANIMALS.length]!;
  const username = `${adj}-${animal}`.toLowerCase();
  return { name: `Candidate ${adj} ${animal}`, username, email: `${adj}.${animal}@candidate.invalid`.toLowerCase() };
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
/** /Users/x, /home/x, C:\Users\x, C:/Users/x, \\?\C:\Users\x; user names stop at a separator, quote or space. */
const HOME = /(?:\/Users\/|\/home\/|[A-Za-z]:[\\/]+Users[\\/]+)([^\s/\\'"`:;,)\]}>$#*?|&<]+)/g;
const NOT_USERS = new Set(['shared', 'public', 'default', 'all users', 'runner', 'root', 'guest', 'administrator']);

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every string reachable in a value (objects, arrays), for scanning. */
function* strings(v: unknown, depth = 0): Generator<string> {
  if (typeof v === 'string') yield v;
  else if (depth < 32 && Array.isArray(v)) for (const x of v) yield* strings(x, depth + 1);
  else if (depth < 32 && v && typeof v === 'object') for (const x of Object.values(v as Record<string, unknown>)) yield* strings(x, depth + 1);
}

/** Identity from the metadata plus what the text reveals (home-directory user names, e-mail addresses). */
export function detectIdentity(meta: Pick<SessionMeta, 'candidate'>, events: Iterable<SessionEvent>, extra: Partial<Identity> = {}): Identity {
  const names = new Set<string>(extra.names ?? []);
  const usernames = new Set<string>(extra.usernames ?? []);
  const emails = new Set<string>(extra.emails ?? []);
  const display = meta.candidate.displayName?.trim();
  if (display) names.add(display);
  const id = meta.candidate.id.trim();
  if (id && id !== UNKNOWN_CANDIDATE_ID && /^[A-Za-z][\w.-]{1,}$/.test(id) && !/^(anon|candidate|unknown)\b/i.test(id)) usernames.add(id);
  const scan = (s: string) => {
    for (const m of s.matchAll(HOME)) if (!NOT_USERS.has(m[1]!.toLowerCase())) usernames.add(m[1]!);
    for (const m of s.matchAll(EMAIL)) emails.add(m[0]);
  };
  for (const e of events) for (const s of strings(e)) scan(s);
  for (const email of emails) {
    const local = email.split('@')[0]!;
    // The local part is a user name when it matches one seen, or the name of the candidate.
    const lower = local.toLowerCase();
    if ([...usernames].some((u) => u.toLowerCase() === lower) || [...names].some((n) => n.toLowerCase().replace(/\s+/g, '.') === lower)) usernames.add(local);
  }
  return { names: [...names].sort(), usernames: [...usernames].sort(), emails: [...emails].sort() };
}

export type Blind = (text: string) => string;

/** A function replacing the identity in any text with the pseudonym. */
export function makeBlind(identity: Identity, p: Pseudonym): Blind {
  const users = new Map<string, string>();
  for (const u of identity.usernames) users.set(u.toLowerCase(), p.username);
  const names = new Map<string, string>();
  for (const n of identity.names) {
    const full = n.trim().replace(/\s+/g, ' ');
    if (full.length < 2) continue;
    names.set(full.toLowerCase(), p.name);
    const parts = full.split(/[\s,]+/).filter((x) => x.length >= 2);
    if (parts.length > 1) for (const part of parts) if (!names.has(part.toLowerCase())) names.set(part.toLowerCase(), p.name);
  }
  const words = [...new Set([...names.keys(), ...users.keys()])].sort((a, b) => b.length - a.length);
  // Full names may be split by any run of spaces; parts and user names on letter/digit boundaries.
  const wordRe = words.length ? new RegExp(`(?<![\\p{L}\\p{N}_])(?:${words.map((w) => escapeRe(w).replace(/ /g, '\\s+')).join('|')})(?![\\p{L}\\p{N}_])`, 'giu') : null;
  return (text: string): string => {
    if (!text) return text;
    let out = text.replace(EMAIL, () => p.email);
    out = out.replace(HOME, (m: string, user: string) => (NOT_USERS.has(user.toLowerCase()) ? m : m.slice(0, m.length - user.length) + p.username));
    if (wordRe) out = out.replace(wordRe, (m) => {
      const key = m.toLowerCase().replace(/\s+/g, ' ');
      return names.get(key) ?? users.get(key) ?? p.name;
    });
    return out;
  };
}

/** Keys whose values are identifiers or enumerations, never shown as text. */
const STRUCTURAL = new Set(['id', 'parentId', 'lane', 'kind', 'actor', 'category', 'status', 'change', 'action', 'blob', 'mime', 'sha']);

/** The value with every string blinded (object keys of tool inputs too); identifiers kept. */
export function blindValue<T>(v: T, blind: Blind, depth = 0): T {
  if (typeof v === 'string') return blind(v) as T;
  if (depth > 32 || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => blindValue(x, blind, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[depth === 0 && STRUCTURAL.has(k) ? k : blind(k)] = depth === 0 && STRUCTURAL.has(k) ? x : blindValue(x, blind, depth + 1);
  return out as T;
}

/** Every text of the event blinded, source file references (often under the home directory) included. */
export function blindEvent(e: SessionEvent, blind: Blind): SessionEvent {
  return blindValue(e, blind);
}

export function blindMeta(meta: SessionMeta, blind: Blind, p: Pseudonym): SessionMeta {
  return {
    ...meta,
    title: blind(meta.title),
    candidate: { id: blind(meta.candidate.id), displayName: p.name },
    task: { title: blind(meta.task.title), statement: blind(meta.task.statement) },
    source: { ...meta.source, ...(meta.source.fileName === undefined ? {} : { fileName: blind(meta.source.fileName) }) },
    terminals: meta.terminals.map((t) => (t.title === undefined ? t : { ...t, title: blind(t.title) })),
    lanes: meta.lanes.map((l) => ({ ...l, label: blind(l.label) })),
    tags: meta.tags.map(blind),
  };
}

export interface BlindSession {
  meta: SessionMeta;
  events: SessionEvent[];
  pseudonym: Pseudonym;
  /** For text kept out of line (terminal recordings, large outputs) read later. */
  blind: Blind;
}

/** What chooses a session's pseudonym: the candidate's name, else id, else the session id. */
export function pseudonymKey(meta: Pick<SessionMeta, 'id' | 'candidate'>): string {
  const known = meta.candidate.id && meta.candidate.id !== UNKNOWN_CANDIDATE_ID ? meta.candidate.id : undefined;
  return meta.candidate.displayName?.trim().toLowerCase() || known || meta.id;
}

/** Metadata alone, blinded (for lists that have not loaded the events): the same pseudonym as blindSession. */
export function blindMetaOnly(meta: SessionMeta): { meta: SessionMeta; pseudonym: Pseudonym; blind: Blind } {
  const pseudonym = pseudonymFor(pseudonymKey(meta));
  const blind = makeBlind(detectIdentity(meta, [{ id: 'meta', t: 0, actor: 'system', kind: 'marker', label: `${meta.title}\n${meta.task.title}\n${meta.source.fileName ?? ''}` }]), pseudonym);
  return { meta: blindMeta(meta, blind, pseudonym), pseudonym, blind };
}

/** A whole session, blinded. `key` chooses the pseudonym (default: the candidate's name, else id, else the session id). */
export function blindSession(session: { meta: SessionMeta; events: readonly SessionEvent[] }, options: { key?: string; extra?: Partial<Identity> } = {}): BlindSession {
  const { meta } = session;
  const key = options.key ?? pseudonymKey(meta);
  const pseudonym = pseudonymFor(key);
  const blind = makeBlind(detectIdentity(meta, session.events, options.extra), pseudonym);
  return { meta: blindMeta(meta, blind, pseudonym), events: session.events.map((e) => blindEvent(e, blind)), pseudonym, blind };
}
