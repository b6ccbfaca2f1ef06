/**
 * Style "scoper": scopes before writing, asks for a plan, names constraints and edge cases,
 * challenges a wrong claim by pointing at the identifier, denies a risky permission, reads
 * before writing and runs the tests before committing. Task: a per-client token bucket.
 */
import type { Recorder } from './recorder';
import { lineOf, vitestReport, type TestCase } from './terminal';
import { src, swap } from './text';
import type { StyleScript } from './types';

const CONFIG_V0 = src`
export interface AppConfig {
  port: number;
  rateLimit: {
    /** Requests allowed per window, per client. */
    max: number;
    windowMs: number;
  };
  ingest: { maxBatch: number; maxBodyBytes: number };
}

const num = (v: string | undefined, fallback: number) => (v === undefined || v === '' ? fallback : Number(v));

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return {
    port: num(env.PORT, 8080),
    rateLimit: {
      max: num(env.RATE_LIMIT_MAX, 100),
      windowMs: num(env.RATE_LIMIT_WINDOW_MS, 1000),
    },
    ingest: {
      maxBatch: num(env.INGEST_MAX_BATCH, 500),
      maxBodyBytes: num(env.INGEST_MAX_BODY_BYTES, 1_048_576),
    },
  };
}
`;

const CONFIG_V1 = src`
export interface AppConfig {
  port: number;
  rateLimit: {
    /** Sustained requests per second, per client. */
    ratePerSec: number;
    /** Largest burst a client may send at once. */
    burst: number;
    /** Buckets idle this long are dropped. */
    idleTtlMs: number;
  };
  ingest: { maxBatch: number; maxBodyBytes: number };
}

const num = (v: string | undefined, fallback: number) => (v === undefined || v === '' ? fallback : Number(v));

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return {
    port: num(env.PORT, 8080),
    rateLimit: {
      ratePerSec: num(env.RATE_LIMIT_PER_SEC, 50),
      burst: num(env.RATE_LIMIT_BURST, 100),
      idleTtlMs: num(env.RATE_LIMIT_IDLE_TTL_MS, 5 * 60_000),
    },
    ingest: {
      maxBatch: num(env.INGEST_MAX_BATCH, 500),
      maxBodyBytes: num(env.INGEST_MAX_BODY_BYTES, 1_048_576),
    },
  };
}
`;

const SERVER = src`
import express from 'express';
import { loadConfig } from './config';
import { ingestRouter } from './ingest/router';
import { rateLimit } from './middleware/rate-limit';
import { requestLog } from './middleware/request-log';

export function createServer(config = loadConfig()) {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: config.ingest.maxBodyBytes }));
  app.use(requestLog());
  app.use('/v1', rateLimit(config.rateLimit));
  app.use('/v1', ingestRouter(config.ingest));
  return app;
}
`;

const SERVER_TRUST_PROXY = swap(SERVER, "  app.disable('x-powered-by');\n", "  app.disable('x-powered-by');\n  app.set('trust proxy', 1);\n");

const MIDDLEWARE_V0 = src`
import type { NextFunction, Request, Response } from 'express';
import type { AppConfig } from '../config';

interface Window {
  start: number;
  count: number;
}

const windows = new Map<string, Window>();

function keyFor(req: Request): string {
  return req.ip ?? 'unknown';
}

/** Fixed-window counter: at most \`max\` requests per \`windowMs\` for each client. */
export function rateLimit(cfg: AppConfig['rateLimit']) {
  return (req: Request, res: Response, next: NextFunction) => {
    const now = Date.now();
    const key = keyFor(req);
    let w = windows.get(key);
    if (!w || now - w.start >= cfg.windowMs) {
      w = { start: now, count: 0 };
      windows.set(key, w);
    }
    w.count++;
    if (w.count > cfg.max) {
      res.status(429).json({ error: 'rate_limited' });
      return;
    }
    next();
  };
}
`;

const MIDDLEWARE_V1 = src`
import type { NextFunction, Request, Response } from 'express';
import type { AppConfig } from '../config';
import { TokenBucketLimiter, type Clock } from '../limiter/token-bucket';

/** Clients are identified by API key; anonymous requests fall back to the address. */
function keyFor(req: Request): string {
  const apiKey = req.header('x-api-key');
  if (apiKey) return \`key:\${apiKey}\`;
  return \`ip:\${req.ip ?? 'unknown'}\`;
}

/** Per-client token bucket: \`ratePerSec\` sustained, bursts up to \`burst\`. */
export function rateLimit(cfg: AppConfig['rateLimit'], clock: Clock = Date.now) {
  const limiter = new TokenBucketLimiter({
    capacity: cfg.burst,
    refillPerSec: cfg.ratePerSec,
    idleTtlMs: cfg.idleTtlMs,
    clock,
  });
  return (req: Request, res: Response, next: NextFunction) => {
    const result = limiter.take(keyFor(req));
    res.setHeader('RateLimit-Remaining', String(result.remaining));
    if (!result.allowed) {
      res.setHeader('Retry-After', String(result.retryAfterSec));
      res.status(429).json({ error: 'rate_limited', retryAfter: result.retryAfterSec });
      return;
    }
    next();
  };
}
`;

const BUCKET_V1 = src`
export type Clock = () => number;

export interface TokenBucketOptions {
  /** Most tokens a bucket holds: the largest burst a client can send at once. */
  capacity: number;
  /** Tokens added per second: the sustained rate. */
  refillPerSec: number;
  /** Buckets untouched for this long are dropped; a bucket idle that long is full anyway. */
  idleTtlMs: number;
  clock?: Clock;
}

export interface TakeResult {
  allowed: boolean;
  /** Whole tokens left after this request. */
  remaining: number;
  /** Seconds until a retry would succeed; 0 when allowed. */
  retryAfterSec: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly clock: Clock;
  private lastSweep = Number.NEGATIVE_INFINITY;

  constructor(private readonly opts: TokenBucketOptions) {
    if (!(opts.capacity > 0) || !(opts.refillPerSec > 0)) {
      throw new RangeError('capacity and refillPerSec must be positive');
    }
    this.clock = opts.clock ?? Date.now;
  }

  take(key: string, cost = 1): TakeResult {
    if (cost > this.opts.capacity) {
      throw new RangeError(\`cost \${cost} exceeds the bucket capacity \${this.opts.capacity}\`);
    }
    const now = this.clock();
    this.sweep(now);
    const bucket = this.refill(key, now);
    if (bucket.tokens >= cost) {
      bucket.tokens -= cost;
      return { allowed: true, remaining: Math.floor(bucket.tokens), retryAfterSec: 0 };
    }
    const waitMs = ((cost - bucket.tokens) / this.opts.refillPerSec) * 1000;
    return { allowed: false, remaining: 0, retryAfterSec: Math.round(waitMs / 1000) };
  }

  /** Buckets currently held (for metrics and tests). */
  get size(): number {
    return this.buckets.size;
  }

  private refill(key: string, now: number): Bucket {
    const bucket = this.buckets.get(key);
    if (!bucket) {
      const fresh = { tokens: this.opts.capacity, updatedAt: now };
      this.buckets.set(key, fresh);
      return fresh;
    }
    // A clock stepped backwards (NTP) must neither mint tokens nor freeze the bucket.
    const elapsedMs = Math.max(0, now - bucket.updatedAt);
    bucket.tokens = Math.min(this.opts.capacity, bucket.tokens + (elapsedMs / 1000) * this.opts.refillPerSec);
    bucket.updatedAt = now;
    return bucket;
  }

  /** Drops idle buckets, at most once per TTL so \`take()\` stays O(1) amortised. */
  private sweep(now: number): void {
    if (now - this.lastSweep < this.opts.idleTtlMs) return;
    this.lastSweep = now;
    for (const [key, bucket] of this.buckets) {
      if (now - bucket.updatedAt >= this.opts.idleTtlMs) this.buckets.delete(key);
    }
  }
}
`;

const BUCKET_V2 = swap(
  BUCKET_V1,
  '    return { allowed: false, remaining: 0, retryAfterSec: Math.round(waitMs / 1000) };',
  '    // Retry-After is whole seconds; rounding down would tell clients to retry immediately.\n    return { allowed: false, remaining: 0, retryAfterSec: Math.max(1, Math.ceil(waitMs / 1000)) };',
);

const TEST_V1 = src`
import { describe, expect, it } from 'vitest';
import { TokenBucketLimiter, type TokenBucketOptions } from '../../src/limiter/token-bucket';

function fakeClock(start = 1_000_000) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}

type Clock = ReturnType<typeof fakeClock>;

function limiter(clock: Clock, over: Partial<TokenBucketOptions> = {}) {
  return new TokenBucketLimiter({ capacity: 100, refillPerSec: 50, idleTtlMs: 60_000, clock: clock.now, ...over });
}

describe('TokenBucketLimiter', () => {
  it('allows a full burst, then rejects', () => {
    const l = limiter(fakeClock());
    for (let i = 0; i < 100; i++) expect(l.take('a').allowed).toBe(true);
    expect(l.take('a').allowed).toBe(false);
  });

  it('refills at the sustained rate', () => {
    const clock = fakeClock();
    const l = limiter(clock);
    for (let i = 0; i < 100; i++) l.take('a');
    clock.advance(200); // 50/s for 0.2 s = 10 tokens
    for (let i = 0; i < 10; i++) expect(l.take('a').allowed).toBe(true);
    expect(l.take('a').allowed).toBe(false);
  });

  it('keeps clients independent', () => {
    const l = limiter(fakeClock(), { capacity: 2 });
    l.take('a');
    l.take('a');
    expect(l.take('a').allowed).toBe(false);
    expect(l.take('b').allowed).toBe(true);
  });

  it('reports Retry-After as whole seconds, at least 1', () => {
    const l = limiter(fakeClock(), { capacity: 1, refillPerSec: 10 });
    l.take('a');
    const r = l.take('a');
    expect(r.allowed).toBe(false);
    expect(r.retryAfterSec).toBe(1);
  });

  it('rounds Retry-After up when the refill is slow', () => {
    const l = limiter(fakeClock(), { capacity: 1, refillPerSec: 0.4 });
    l.take('a');
    expect(l.take('a').retryAfterSec).toBe(3); // 2.5 s
  });

  it('rejects a cost above the capacity instead of waiting forever', () => {
    const l = limiter(fakeClock(), { capacity: 5 });
    expect(() => l.take('a', 6)).toThrow(RangeError);
  });

  it('drops idle buckets so memory stays bounded', () => {
    const clock = fakeClock();
    const l = limiter(clock, { idleTtlMs: 1_000 });
    for (let i = 0; i < 1_000; i++) l.take(\`client-\${i}\`);
    expect(l.size).toBe(1_000);
    clock.advance(1_500);
    l.take('late');
    expect(l.size).toBe(1);
  });
});
`;

const CLOCK_TEST = src`

  it('neither mints tokens nor starves when the clock steps backwards', () => {
    const clock = fakeClock();
    const l = limiter(clock, { capacity: 10, refillPerSec: 10 });
    for (let i = 0; i < 10; i++) l.take('a');
    clock.advance(-30_000); // NTP step back
    expect(l.take('a').allowed).toBe(false);
    clock.advance(100); // 100 ms of real time after the step
    expect(l.take('a').allowed).toBe(true);
  });
});
`;

const TEST_V2 = swap(TEST_V1, /\n\}\);\n$/, '\n' + CLOCK_TEST);

const ENV_V0 = 'PORT=8080\nRATE_LIMIT_MAX=100\nRATE_LIMIT_WINDOW_MS=1000\nINGEST_MAX_BATCH=500\nINGEST_MAX_BODY_BYTES=1048576\n';
const ENV_V1 = 'PORT=8080\n# Per API key: sustained rate, burst size, idle bucket lifetime\nRATE_LIMIT_PER_SEC=50\nRATE_LIMIT_BURST=100\nRATE_LIMIT_IDLE_TTL_MS=300000\nINGEST_MAX_BATCH=500\nINGEST_MAX_BODY_BYTES=1048576\n';

const TEST_PATH = 'test/limiter/token-bucket.test.ts';
const NAMES = [
  'allows a full burst, then rejects',
  'refills at the sustained rate',
  'keeps clients independent',
  'reports Retry-After as whole seconds, at least 1',
  'rounds Retry-After up when the refill is slow',
  'rejects a cost above the capacity instead of waiting forever',
  'drops idle buckets so memory stays bounded',
  'neither mints tokens nor starves when the clock steps backwards',
];

function cases(r: Recorder, count: number, failing?: number, content = ''): TestCase[] {
  return NAMES.slice(0, count).map((n, i) => ({
    name: `TokenBucketLimiter > ${n}`,
    ms: i === 6 ? r.rng.int(3, 9) : r.rng.int(0, 2),
    ...(i === failing
      ? {
          fail: {
            error: 'AssertionError: expected +0 to be 1 // Object.is equality',
            expected: '1',
            received: '0',
            content,
            needle: 'expect(r.retryAfterSec).toBe(1);',
            caretAt: 'toBe',
          },
        }
      : {}),
  }));
}

export const scoper: StyleScript = {
  title: 'Per-client rate limiting for the ingest API',
  cwd: '/home/dev/ingest-api',
  pace: 2.7,
  branch: 'feat/token-bucket-limiter',
  statement: src`
# Rate-limit the ingest API per client

A handful of customers batch-upload from cron jobs and the \`/v1/events\` endpoint starts
answering **429 for everyone** whenever they do. The current limiter in
\`src/middleware/rate-limit.ts\` is a fixed-window counter.

Replace it with a **per-client token bucket**:

- clients are identified by their \`x-api-key\` header;
- **50 requests/s** sustained, **bursts of up to 100**;
- rejected requests get \`429\` with a \`Retry-After\` header (integer seconds);
- memory must stay bounded when many distinct keys show up;
- the time source must be injectable so the limiter can be tested without sleeping.

Out of scope: limiting across several instances (we run one per region for now).

## Done when

- unit tests cover bursts, refill, \`Retry-After\`, idle-key eviction;
- \`npm test\` passes and the change is committed on a branch.
`,
  script(r: Recorder) {
    r.seed('src/config.ts', CONFIG_V0);
    r.seed('src/server.ts', SERVER);
    r.seed('src/middleware/rate-limit.ts', MIDDLEWARE_V0);
    r.seed('.env.example', ENV_V0);
    const test = (cmd: string, content: string, count: number, failing?: number) => {
      const ms = r.rng.int(700, 1300);
      const out = vitestReport({
        version: '3.2.4',
        cwd: r.opts.cwd,
        files: [{ path: TEST_PATH, cases: cases(r, count, failing, content), ms: r.rng.int(8, 20) }],
        startAt: r.clock(),
        totalMs: ms,
      });
      return r.test(cmd, 'vitest', out, ms);
    };

    r.marker('Recording started');
    r.wait(9000);
    r.run('git switch -c feat/token-bucket-limiter', { exitCode: 0, stderr: "Switched to a new branch 'feat/token-bucket-limiter'\n", durationMs: 60 }, 'candidate');
    r.git('branch', 'feat/token-bucket-limiter');
    r.wait(50_000);

    r.prompt(src`
Before writing anything: read \`src/middleware/rate-limit.ts\` and \`src/config.ts\` and tell me how the current limiter works and why it falls over when a few clients burst. Then propose a plan, but **don't edit yet**.

Constraints up front:
- no new runtime dependencies;
- the clock has to be injectable (tests must not sleep);
- memory has to stay bounded when we see lots of distinct API keys.
`);
    r.wait(2500);
    r.thinking(src`
The user wants analysis and a plan only, no edits. I should read the middleware and the config, find where the middleware is mounted, and check what tests exist so the plan fits the repo's conventions.
`);
    r.wait(1200);
    r.read('src/middleware/rate-limit.ts');
    r.wait(400);
    r.read('src/config.ts');
    r.wait(600);
    r.grep('rateLimit\\(', { path: 'src' }, `src/server.ts:${lineOf(SERVER, 'rateLimit(config')}:  app.use('/v1', rateLimit(config.rateLimit));`);
    r.wait(500);
    r.glob('test/**/*.test.ts', ['test/ingest/router.test.ts', 'test/ingest/validate.test.ts', 'test/middleware/request-log.test.ts']);
    r.wait(14_000);
    r.respond(src`
## How the current limiter works

\`rateLimit()\` keeps a module-level \`Map<string, Window>\` and counts requests in a **fixed window** of \`windowMs\` (1 s by default) per key:

1. \`keyFor()\` already isolates clients by API key, so each customer gets its own counter.
2. The first request after a window expires resets \`{ start: now, count: 0 }\`.
3. Once \`count > max\` the request gets a bare \`429\` (no \`Retry-After\`).

## Why it falls over

- **Boundary bursts.** A client can send \`max\` requests at the end of one window and \`max\` more at the start of the next: up to 2× the intended rate in a few milliseconds.
- **Unbounded map.** Windows are never deleted, so every key ever seen stays in memory.
- **Hard-wired \`Date.now()\`**, so tests would have to sleep.

## Plan

1. New \`src/limiter/token-bucket.ts\`: \`TokenBucketLimiter\` with \`capacity\` (burst), \`refillPerSec\`, an injected \`clock\`, and idle eviction.
2. \`rateLimit()\` becomes a thin Express adapter that sets \`Retry-After\`.
3. \`AppConfig.rateLimit\` gets \`ratePerSec\` / \`burst\` / \`idleTtlMs\`.
4. Unit tests for the limiter with a fake clock.

Want me to go ahead?
`);
    r.wait(95_000);

    const keyLine = lineOf(MIDDLEWARE_V0, 'function keyFor');
    r.prompt(src`
Hold on, point 1 is wrong. \`keyFor()\` on line ${keyLine} of \`src/middleware/rate-limit.ts\` returns \`req.ip\`, not the API key. We sit behind the ALB and \`trust proxy\` isn't set, so every request arrives with the balancer's address and **all customers share one window**. That's the actual starvation bug, not just the boundary burst.

Re-read it and redo the analysis. The new limiter has to key on \`x-api-key\` and only fall back to the address when the header is missing.
`);
    r.wait(2000);
    r.thinking(src`
Checking keyFor again. The user says it returns req.ip. If so my first point was wrong and it changes the diagnosis: one shared bucket for everyone behind the load balancer.
`);
    r.wait(800);
    r.read('src/middleware/rate-limit.ts', { offset: keyLine - 2, limit: 6 });
    r.wait(11_000);
    r.respond(src`
You're right, I misread it. \`keyFor()\` returns \`req.ip ?? 'unknown'\`: there is no API-key handling at all.

Corrected diagnosis, most severe first:

1. **One shared counter.** Behind the ALB without \`trust proxy\`, \`req.ip\` is the balancer's address, so every client lands in the same window. One cron job bursting to 100 req/s uses up the budget of *all* customers: the "429 for everyone" in the ticket.
2. **Boundary bursts** of up to 2× \`max\` (still true, but secondary).
3. **Unbounded \`windows\` map** and a hard-wired clock.

So the key function matters as much as the algorithm:

\`\`\`ts
function keyFor(req: Request): string {
  const apiKey = req.header('x-api-key');
  if (apiKey) return \`key:\${apiKey}\`;
  return \`ip:\${req.ip ?? 'unknown'}\`;
}
\`\`\`

The \`key:\`/\`ip:\` prefixes keep an API key that happens to look like an address from colliding with the fallback. Anonymous traffic would still share the balancer's address until \`trust proxy\` is configured. I'd treat that as a separate change.
`);
    r.wait(70_000);

    r.prompt(src`
Good. Before we pick an algorithm, compare token bucket, sliding-window log and sliding-window counter **for this case**. I care about:

- memory per key,
- burst behaviour (the spec allows bursts of 100 on top of 50/s),
- how easy each is to test with an injected clock.

Also: lazy refill on access vs a timer that refills every bucket? What does each cost us?
`);
    r.wait(3000);
    r.thinking(src`
Compare the three on memory, burst semantics and testability. Sliding log stores a timestamp per request, so up to 100 numbers per key. The sliding counter approximates with two counters and can't express a burst allowance separate from the rate. Token bucket: two numbers per key, capacity = burst, refill = rate. Lazy refill avoids timers entirely.
`);
    r.wait(17_000);
    r.respond(src`
| | Token bucket | Sliding-window log | Sliding-window counter |
|---|---|---|---|
| State per key | 2 numbers (\`tokens\`, \`updatedAt\`) | one timestamp per request in the window (up to 100) | 2 counters + window start |
| Burst of 100 on top of 50/s | native: \`capacity = 100\`, \`refill = 50/s\` | needs two windows to express both limits | can't separate burst from rate; approximates |
| Exactness | exact | exact | approximate at window edges |
| Testing with a fake clock | trivial: advance time, take | easy, but assertions depend on timestamp pruning | easy |
| \`Retry-After\` | \`(cost - tokens) / rate\` | time until the oldest entry expires | estimate |

**Lazy refill vs timer.** Lazy refill computes tokens from the elapsed time on each \`take()\`: no timers, O(1), works with any clock, nothing runs for idle keys. A refill timer costs O(keys) work every tick, keeps the process busy when idle, and needs fake timers in tests instead of a plain injected clock. I'd go lazy.

**Eviction.** A bucket untouched for \`capacity / refillPerSec\` seconds (2 s here) is full again, so dropping it loses no information. Sweeping buckets idle longer than a TTL keeps memory proportional to *active* keys.

Recommendation: token bucket, lazy refill, TTL sweep.
`);
    r.wait(80_000);
    r.decision(
      'Which algorithm for per-client limiting?',
      ['token bucket', 'sliding-window log', 'sliding-window counter'],
      'token bucket',
      'Two numbers of state per key and the spec’s 50/s + burst 100 maps directly onto refill rate and capacity. The sliding log would hold up to 100 timestamps per key, and the counter can’t express a burst allowance at all.',
    );
    r.wait(25_000);
    r.decision(
      'How are idle buckets evicted?',
      ['sweep buckets idle longer than a TTL, at most once per TTL', 'LRU with a hard cap on keys', 'never evict'],
      'sweep buckets idle longer than a TTL, at most once per TTL',
      'An idle bucket refills completely within 2 s, so dropping it after the TTL loses nothing. A hard LRU cap would throw away active clients’ state when someone sprays random keys, which is exactly the abuse case.',
    );
    r.wait(110_000);

    r.prompt(src`
Going with token bucket + lazy refill + TTL sweep. Edge cases I want covered, **tests first**:

1. a full burst of 100 passes and request 101 is rejected;
2. refill at 50/s (advance the fake clock, don't sleep);
3. \`Retry-After\` is an integer ≥ 1, rounded **up**. A client told "0" will hammer us;
4. a request that costs more than the capacity throws instead of waiting forever;
5. idle buckets are evicted (memory bounded with many keys);
6. the clock stepping **backwards** (NTP) neither mints tokens nor freezes the bucket.

Put the limiter in \`src/limiter/token-bucket.ts\` with no Express imports so it's testable on its own; the middleware only adapts it. Write the tests, show me them failing, then implement.
`);
    r.marker('Plan agreed');
    r.wait(2500);
    r.thinking(src`
Tests first. I need a controllable clock. Fake timers would be the usual tool here; let me add @sinonjs/fake-timers so time can be advanced deterministically.
`);
    r.wait(1500);
    r.denied(
      'Bash',
      'shell',
      { command: 'npm install --save-dev @sinonjs/fake-timers', description: 'Add fake timers for the limiter tests' },
      'No new dependencies, and we don’t need fake timers: the clock is injected. Pass a function that returns a number you control.',
      9000,
    );
    r.wait(3000);
    r.prompt('No packages. The limiter takes a `clock` function; the test can own a plain counter and pass `() => now`.');
    r.wait(2500);
    r.respond('Understood: a tiny fake clock in the test file, no dependency. Writing the tests now.');
    r.wait(18_000);
    r.edit(TEST_PATH, TEST_V1);
    r.wait(2500);
    const missing = [
      '',
      `${'\x1b[7m\x1b[1m\x1b[36m RUN \x1b[39m\x1b[22m\x1b[27m'} \x1b[36mv3.2.4 \x1b[39m\x1b[90m${r.opts.cwd}\x1b[39m`,
      '',
      ` \x1b[31m❯\x1b[39m ${TEST_PATH} \x1b[2m(0 test)\x1b[22m`,
      '',
      '\x1b[31m\x1b[1m⎯⎯⎯⎯⎯⎯ Failed Suites 1 ⎯⎯⎯⎯⎯⎯⎯\x1b[22m\x1b[39m',
      '',
      `\x1b[41m\x1b[1m FAIL \x1b[22m\x1b[49m ${TEST_PATH} \x1b[2m[ ${TEST_PATH} ]\x1b[22m`,
      `\x1b[31m\x1b[1mError\x1b[22m: Failed to resolve import "../../src/limiter/token-bucket" from "${TEST_PATH}". Does the file exist?\x1b[39m`,
      '',
      '\x1b[2m Test Files \x1b[22m \x1b[1m\x1b[31m1 failed\x1b[39m\x1b[22m\x1b[90m (1)\x1b[39m',
      '\x1b[2m      Tests \x1b[22m \x1b[2mno tests\x1b[22m',
      `\x1b[2m   Start at \x1b[22m ${r.clock()}`,
      '\x1b[2m   Duration \x1b[22m 402ms',
      '',
    ].join('\n');
    r.test('npx vitest run test/limiter', 'vitest', { stdout: missing, passed: 0, failed: 0, exitCode: 1 }, 402);
    r.wait(6000);
    r.respond(src`
The suite fails to load because \`src/limiter/token-bucket.ts\` doesn't exist yet, as expected. Seven tests are written: burst, refill, independent clients, \`Retry-After\` ≥ 1, rounding up, oversize cost, idle eviction.

One gap: I haven't written the clock-going-backwards case yet. I'll add it with the implementation. Implementing now.
`);
    r.wait(40_000);
    r.edit('src/limiter/token-bucket.ts', BUCKET_V1);
    r.wait(3000);
    test('npx vitest run test/limiter', TEST_V1, 7, 3);
    r.wait(5000);
    r.thinking(src`
Retry-After came back 0: waitMs is 100 ms, and Math.round(0.1) is 0. Exactly the case the user named. Needs ceil and a floor of 1.
`);
    r.wait(4000);
    r.respond(src`
One failure, and it's the case you called out: with a 10/s refill the wait is 100 ms and \`Math.round(0.1)\` gives \`0\`. Fix:

\`\`\`ts
return { allowed: false, remaining: 0, retryAfterSec: Math.max(1, Math.ceil(waitMs / 1000)) };
\`\`\`
`);
    r.wait(4000);
    r.edit('src/limiter/token-bucket.ts', BUCKET_V2);
    r.wait(2500);
    test('npx vitest run test/limiter', TEST_V1, 7);
    r.wait(5000);
    r.respond('All 7 limiter tests pass. Next: switching the middleware and config over to the limiter.');
    r.wait(20_000);
    r.read('src/middleware/rate-limit.ts');
    r.wait(9000);
    r.edit('src/middleware/rate-limit.ts', MIDDLEWARE_V1);
    r.wait(6000);
    r.read('src/config.ts');
    r.wait(7000);
    r.edit('src/config.ts', CONFIG_V1);
    r.wait(3000);
    r.thinking(src`
Anonymous requests still resolve to the balancer's IP. Setting trust proxy in server.ts would make the fallback meaningful.
`);
    r.wait(2000);
    r.read('src/server.ts');
    r.wait(5000);
    r.editInterrupted('src/server.ts', SERVER_TRUST_PROXY);
    r.wait(1200);
    r.interrupt('Stopped an edit to src/server.ts (trust proxy) that is out of scope');
    r.wait(30_000);
    r.prompt(src`
Stop there. Leave \`trust proxy\` out of this change: it also changes what \`requestLog()\` records as the client address, and the ops dashboards parse that field. Put it in the PR description as a follow-up.

Also, the clock-going-backwards case was on my list and I still don't see a test for it. Add it before anything else.
`);
    r.wait(3000);
    r.respond(src`
Understood: \`src/server.ts\` is untouched (the edit was not applied) and \`trust proxy\` goes in as a follow-up. Adding the clock test now: it steps the clock back 30 s after draining a bucket, checks the next request is still rejected (no tokens minted), then advances 100 ms and checks one token came back (not frozen until the clock catches up).
`);
    r.wait(15_000);
    r.edit(TEST_PATH, TEST_V2);
    r.wait(2500);
    test('npx vitest run test/limiter', TEST_V2, 8);
    r.wait(50_000);
    r.edit('.env.example', ENV_V1, 'candidate');
    r.wait(20_000);
    r.prompt('I renamed the rate-limit variables in `.env.example` by hand so the deploy template matches `loadConfig()`. Now run the whole suite, not just the limiter folder.');
    r.wait(3000);
    const full = vitestReport({
      version: '3.2.4',
      cwd: r.opts.cwd,
      files: [
        { path: 'test/ingest/router.test.ts', passedCount: 14, ms: r.rng.int(60, 120) },
        { path: 'test/ingest/validate.test.ts', passedCount: 11, ms: r.rng.int(10, 30) },
        { path: TEST_PATH, passedCount: 8, ms: r.rng.int(8, 20) },
        { path: 'test/middleware/request-log.test.ts', passedCount: 4, ms: r.rng.int(5, 15) },
      ],
      startAt: r.clock(),
      totalMs: 1840,
    });
    r.test('npm test', 'vitest', full, 1840);
    r.wait(7000);
    r.respond(src`
Full suite: **37 passed** across 4 files.

Summary of the change:

- \`src/limiter/token-bucket.ts\`: \`TokenBucketLimiter\` (lazy refill, injected clock, TTL sweep, \`Retry-After\` rounded up to ≥ 1 s, oversize cost throws).
- \`src/middleware/rate-limit.ts\`: keys on \`x-api-key\` with an \`ip:\` fallback; sets \`Retry-After\` and \`RateLimit-Remaining\`.
- \`src/config.ts\`: \`RATE_LIMIT_PER_SEC\` (50), \`RATE_LIMIT_BURST\` (100), \`RATE_LIMIT_IDLE_TTL_MS\` (5 min). **\`RATE_LIMIT_MAX\` and \`RATE_LIMIT_WINDOW_MS\` are gone**: your \`.env.example\` change covers the template, but the production environment still sets the old names.

Follow-up for the PR description: set \`trust proxy\` so anonymous clients are told apart (coordinate with ops, since \`requestLog()\` output changes).
`);
    r.wait(35_000);
    r.run('npx tsc --noEmit', { exitCode: 0, stdout: '', durationMs: 4200 }, 'candidate');
    r.wait(5000);
    r.run('npm run lint', { exitCode: 0, stdout: '\n> ingest-api@1.14.0 lint\n> eslint . --max-warnings 0\n\n', durationMs: 6100 }, 'candidate');
    r.wait(9000);
    r.run('git diff --stat', { exitCode: 0, stdout: r.diffStat(), durationMs: 40 }, 'candidate');
    r.wait(150_000);
    r.commit(
      'Rate-limit per API key with a token bucket\n\nReplaces the fixed-window counter keyed on req.ip (the ALB address) with a\nper-key token bucket: 50/s sustained, bursts of 100, Retry-After rounded up.\nIdle buckets are swept after 5 minutes.\n\nFollow-up: trust proxy, so anonymous clients are told apart.',
      'candidate',
      'git add -A && git commit',
    );
    r.wait(4000);
    r.marker('Committed');
    r.wait(3000);
  },
};
