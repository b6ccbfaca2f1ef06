/**
 * A fast answer to "would SessionEvent.parse return this JSON value unchanged?", for the
 * events an archive stores as JSON lines. When it would, the importer can keep the line's
 * own text instead of validating with zod and writing the event back out with
 * JSON.stringify: zod's parse and the re-stringify were about a fifth of the CPU of
 * importing a 100,000-event archive.
 *
 * The checks are compiled from the zod schema itself (schema.ts stays the one source of
 * truth) and cover only what it uses today: strings with length bounds, numbers (finite, safe
 * integers, lower bounds), booleans, enums, literals, optional, nullable, unions, arrays,
 * objects without a catch-all, and unknown. A kind whose schema holds anything else is never
 * accepted here, so it always goes through zod. An object with a key its schema does not
 * list is refused too (zod would strip the key), and so is every value zod would reject.
 * "True" therefore means: zod accepts the value and returns an equal one; "false" means only
 * "ask zod".
 */
import type { z } from 'zod';
import { SessionEvent } from '../model/schema';

type Check = (v: unknown) => boolean;

interface Def {
  type: string;
  checks?: { _zod: { def: Record<string, unknown> } }[];
  innerType?: z.ZodType;
  options?: z.ZodType[];
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  entries?: Record<string, unknown>;
  values?: unknown[];
}

const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The value checks a string or number schema carries, or undefined if one is not understood. */
function compileChecks(def: Def, kind: 'string' | 'number'): Check[] | undefined {
  const out: Check[] = [];
  for (const c of def.checks ?? []) {
    const d = c._zod.def;
    if (kind === 'string' && d.check === 'min_length' && typeof d.minimum === 'number') {
      const min = d.minimum;
      out.push((v) => (v as string).length >= min);
    } else if (kind === 'string' && d.check === 'max_length' && typeof d.maximum === 'number') {
      const max = d.maximum;
      out.push((v) => (v as string).length <= max);
    } else if (kind === 'number' && d.check === 'greater_than' && typeof d.value === 'number') {
      const min = d.value;
      out.push(d.inclusive ? (v) => (v as number) >= min : (v) => (v as number) > min);
    } else if (kind === 'number' && d.check === 'number_format' && d.format === 'safeint') {
      out.push((v) => Number.isSafeInteger(v));
    } else {
      return undefined;
    }
  }
  return out;
}

/**
 * Whether a JSON value holds -0 anywhere (JSON.stringify writes it as 0, so the value's own
 * text and the stored one would differ). Walks with a stack: a line can nest deeply.
 */
function holdsNegativeZero(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return Object.is(value, -0);
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (Object.is(v, -0)) return true;
    if (typeof v !== 'object' || v === null) continue;
    if (Array.isArray(v)) for (const x of v) stack.push(x);
    else for (const k in v) stack.push((v as Record<string, unknown>)[k]);
  }
  return false;
}

const all = (checks: Check[], v: unknown) => {
  for (const c of checks) if (!c(v)) return false;
  return true;
};

/** A check equivalent to "zod accepts and returns an equal value", or undefined if not known. */
export function compile(schema: z.ZodType): Check | undefined {
  const def = defOf(schema);
  switch (def.type) {
    case 'string': {
      const checks = compileChecks(def, 'string');
      return checks && ((v) => typeof v === 'string' && all(checks, v));
    }
    case 'number': {
      const checks = compileChecks(def, 'number');
      // -0 is left to zod: JSON.stringify writes it as 0, so its text would not be the stored one.
      return checks && ((v) => typeof v === 'number' && Number.isFinite(v) && !Object.is(v, -0) && all(checks, v));
    }
    case 'boolean':
      return def.checks?.length ? undefined : (v) => typeof v === 'boolean';
    case 'unknown':
      return (v) => !holdsNegativeZero(v);
    case 'enum': {
      const values = new Set(Object.values(def.entries ?? {}));
      return (v) => (typeof v === 'string' || typeof v === 'number') && values.has(v);
    }
    case 'literal': {
      const values = new Set(def.values ?? []);
      return (v) => values.has(v);
    }
    case 'optional': {
      const inner = def.innerType && compile(def.innerType);
      return inner && ((v) => v === undefined || inner(v));
    }
    case 'nullable': {
      const inner = def.innerType && compile(def.innerType);
      return inner && ((v) => v === null || inner(v));
    }
    case 'union': {
      const options = (def.options ?? []).map(compile);
      if (options.length === 0 || options.some((o) => !o)) return undefined;
      const checks = options as Check[];
      return (v) => checks.some((c) => c(v));
    }
    case 'array': {
      const element = def.element && compile(def.element);
      if (!element || def.checks?.length) return undefined;
      return (v) => Array.isArray(v) && v.every((x) => element(x));
    }
    case 'object':
      return compileObject(def);
    default:
      return undefined;
  }
}

function compileObject(def: Def): Check | undefined {
  if (def.catchall || def.checks?.length || !def.shape) return undefined;
  const fields = new Map<string, Check>();
  for (const [key, s] of Object.entries(def.shape)) {
    const c = compile(s);
    if (!c) return undefined;
    fields.set(key, c);
  }
  const keys = [...fields];
  return (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
    const o = v as Record<string, unknown>;
    // A key the schema does not list would be stripped: not unchanged.
    for (const k in o) if (!fields.has(k)) return false;
    for (const [k, c] of keys) if (!c(Object.hasOwn(o, k) ? o[k] : undefined)) return false;
    return true;
  };
}

/** The check for each event kind whose schema compile() understands. */
const BY_KIND = new Map<unknown, Check>();
for (const option of SessionEvent.options) {
  const check = compile(option);
  if (check) BY_KIND.set(option.shape.kind.value, check);
}

/**
 * True when SessionEvent.safeParse(raw) would succeed and return a value equal to raw
 * (every key kept, nothing converted); false when zod has to decide.
 */
export function eventUnchangedByZod(raw: unknown): boolean {
  if (typeof raw !== 'object' || raw === null) return false;
  const check = BY_KIND.get((raw as { kind?: unknown }).kind);
  return check !== undefined && check(raw);
}

/** The event kinds the fast check covers (for tests). */
export const FAST_CHECKED_KINDS: readonly unknown[] = [...BY_KIND.keys()];
