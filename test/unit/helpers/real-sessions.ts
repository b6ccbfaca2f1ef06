import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Real logs written outside this project live in ../shared/real-sessions (override with
 * BATON_REAL_SESSIONS). Under CI they must be present; elsewhere tests that need them skip.
 */
export const REAL_SESSIONS_DIR = resolve(process.env.BATON_REAL_SESSIONS ?? join(dirname(fileURLToPath(import.meta.url)), '../../../../shared/real-sessions'));

export const realSessionsAvailable = existsSync(REAL_SESSIONS_DIR);

if (!realSessionsAvailable) {
  if (process.env.CI) throw new Error(`real session logs are required under CI but ${REAL_SESSIONS_DIR} is missing`);
  console.warn(`[real-sessions] ${REAL_SESSIONS_DIR} not found: tests on real logs are skipped`);
}

/** Absolute path of a file under the real-sessions folder. */
export function realPath(...parts: string[]): string {
  return join(REAL_SESSIONS_DIR, ...parts);
}

/** Every file under the folder (recursively), SOURCES.md excluded. */
export function allRealFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name !== 'SOURCES.md') out.push(p);
    }
  };
  if (realSessionsAvailable) walk(REAL_SESSIONS_DIR);
  return out.sort();
}

/** The rated real Claude Code sessions (../shared/rated-sessions/sessions; override with BATON_RATED_SESSIONS). */
export const RATED_SESSIONS_DIR = resolve(process.env.BATON_RATED_SESSIONS ?? join(dirname(fileURLToPath(import.meta.url)), '../../../../shared/rated-sessions/sessions'));

export const ratedSessionsAvailable = existsSync(RATED_SESSIONS_DIR);

/** Every rated transcript, sorted. */
export function allRatedFiles(): string[] {
  return ratedSessionsAvailable ? readdirSync(RATED_SESSIONS_DIR).filter((n) => n.endsWith('.jsonl')).sort().map((n) => join(RATED_SESSIONS_DIR, n)) : [];
}
