/**
 * Style "thrasher": the same failing test command re-run several times with nothing changed,
 * guesses (a longer timeout, a stubbed Math.random) that don't address the cause, then
 * "wait, actually..." and a change of direction, after which the very same command passes.
 * Task: a retrying HTTP client with backoff.
 */
import type { Recorder } from './recorder';
import { vitestReport, type TestCase } from './terminal';
import { edits, src, swap } from './text';
import type { StyleScript } from './types';

const CLIENT = src`
export interface HttpClientOptions {
  baseUrl: string;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

/** Thin fetch wrapper: base URL, per-request timeout, injectable fetch for tests. */
export class HttpClient {
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly opts: HttpClientOptions) {
    this.fetchImpl = opts.fetchImpl ?? fetch;
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), this.opts.timeoutMs ?? 10_000);
    try {
      return await this.fetchImpl(new URL(path, this.opts.baseUrl), { ...init, signal: ctrl.signal });
    } finally {
      clearTimeout(timer);
    }
  }
}
`;

const RETRY_V1 = src`
import type { HttpClient } from './client';

export interface RetryOptions {
  /** Total attempts, the first one included. */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const RETRYABLE_STATUS = new Set([502, 503, 504]);
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

export const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** "Full jitter": uniform in [0, min(max, base * 2^(attempt-1))). */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

/** Retry-After as delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function mayRetry(init: RequestInit): boolean {
  const method = (init.method ?? 'GET').toUpperCase();
  if (IDEMPOTENT_METHODS.has(method)) return true;
  return new Headers(init.headers).has('Idempotency-Key');
}

export class RetryingClient {
  constructor(
    private readonly inner: HttpClient,
    private readonly opts: RetryOptions = {},
  ) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const maxAttempts = this.opts.maxAttempts ?? 4;
    const base = this.opts.baseDelayMs ?? 200;
    const max = this.opts.maxDelayMs ?? 5_000;
    const random = this.opts.random ?? Math.random;
    const sleep = this.opts.sleep ?? defaultSleep;
    const retryable = mayRetry(init);

    for (let attempt = 1; ; attempt++) {
      let res: Response;
      try {
        res = await this.inner.request(path, init);
      } catch (err) {
        if (!retryable || attempt >= maxAttempts) throw err;
        await sleep(backoffDelay(attempt, base, max, random));
        continue;
      }
      if (!RETRYABLE_STATUS.has(res.status) || !retryable || attempt >= maxAttempts) return res;
      const hinted = retryAfterMs(res.headers.get('Retry-After'));
      await sleep(Math.min(max, hinted ?? backoffDelay(attempt, base, max, random)));
    }
  }
}
`;

const RETRY_DEBUG = edits(
  RETRY_V1,
  [
  '      let res: Response;\n',
  "      let res: Response;\n      console.log('[retry] attempt', attempt, path);\n",
  ],
  [
  '      const hinted = retryAfterMs(',
  "      console.log('[retry] status', res.status, 'sleeping');\n      const hinted = retryAfterMs(",
  ],
);

const TEST_V1 = src`
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HttpClient } from '../../src/http/client';
import { backoffDelay, retryAfterMs, RetryingClient } from '../../src/http/retry-client';

/** An HttpClient whose request() answers with the given statuses or throws the given errors, in order. */
function stubClient(...outcomes: (number | Error)[]) {
  const request = vi.fn(async () => {
    const next = outcomes.shift();
    if (next instanceof Error) throw next;
    return new Response(null, { status: next ?? 200 });
  });
  return { client: { request } as unknown as HttpClient, request };
}

describe('backoffDelay', () => {
  it('caps the exponential ceiling', () => {
    expect(backoffDelay(10, 200, 5_000, () => 0.999)).toBeLessThan(5_000);
  });
});

describe('retryAfterMs', () => {
  it('reads delta-seconds and HTTP dates', () => {
    expect(retryAfterMs('3')).toBe(3_000);
    expect(retryAfterMs('Wed, 21 Oct 2026 07:28:05 GMT', Date.parse('Wed, 21 Oct 2026 07:28:00 GMT'))).toBe(5_000);
    expect(retryAfterMs('soon')).toBeUndefined();
  });
});

describe('RetryingClient', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('returns the first success without waiting', async () => {
    const { client, request } = stubClient(200);
    const res = await new RetryingClient(client).request('/v1/invoices');
    expect(res.status).toBe(200);
    expect(request).toHaveBeenCalledTimes(1);
  });

  it('retries a 503 and then succeeds', async () => {
    const { client, request } = stubClient(503, 200);
    const pending = new RetryingClient(client).request('/v1/invoices');
    vi.advanceTimersByTime(5_000);
    const res = await pending;
    expect(res.status).toBe(200);
    expect(request).toHaveBeenCalledTimes(2);
  });

  it('gives up after maxAttempts', async () => {
    const { client, request } = stubClient(503, 503, 503, 503, 503);
    const pending = new RetryingClient(client, { maxAttempts: 4 }).request('/v1/invoices');
    vi.advanceTimersByTime(60_000);
    const res = await pending;
    expect(res.status).toBe(503);
    expect(request).toHaveBeenCalledTimes(4);
  });

  it('does not retry a POST without an Idempotency-Key', async () => {
    const { client, request } = stubClient(503, 200);
    const res = await new RetryingClient(client).request('/v1/charges', { method: 'POST' });
    expect(res.status).toBe(503);
    expect(request).toHaveBeenCalledTimes(1);
  });

  it('retries a POST that carries an Idempotency-Key', async () => {
    const { client, request } = stubClient(new TypeError('fetch failed'), 200);
    const pending = new RetryingClient(client).request('/v1/charges', {
      method: 'POST',
      headers: { 'Idempotency-Key': 'chg_8f2e41' },
    });
    vi.advanceTimersByTime(5_000);
    const res = await pending;
    expect(res.status).toBe(200);
    expect(request).toHaveBeenCalledTimes(2);
  });
});
`;

const TEST_V2 = swap(
  TEST_V1,
  "import { backoffDelay, retryAfterMs, RetryingClient } from '../../src/http/retry-client';\n",
  "import { backoffDelay, retryAfterMs, RetryingClient } from '../../src/http/retry-client';\n\nvi.setConfig({ testTimeout: 20_000 });\n",
);

const TEST_V3 = edits(
  TEST_V2,
  [
  "    const pending = new RetryingClient(client).request('/v1/invoices');\n",
  "    const pending = new RetryingClient(client, { random: () => 0 }).request('/v1/invoices');\n",
  ],
  ['new RetryingClient(client, { maxAttempts: 4 })', 'new RetryingClient(client, { maxAttempts: 4, random: () => 0 })'],
  ["    const pending = new RetryingClient(client).request('/v1/charges', {\n", "    const pending = new RetryingClient(client, { random: () => 0 }).request('/v1/charges', {\n"],
);

const TEST_V4 = swap(TEST_V1, '    vi.advanceTimersByTime(', '    await vi.advanceTimersByTimeAsync(');

const CMD = 'npx vitest run test/http/retry-client.test.ts';
const TEST_PATH = 'test/http/retry-client.test.ts';

const CASES: [string, string | undefined][] = [
  ['backoffDelay > caps the exponential ceiling', undefined],
  ['retryAfterMs > reads delta-seconds and HTTP dates', undefined],
  ['RetryingClient > returns the first success without waiting', undefined],
  ['RetryingClient > retries a 503 and then succeeds', "it('retries a 503 and then succeeds'"],
  ['RetryingClient > gives up after maxAttempts', "it('gives up after maxAttempts'"],
  ['RetryingClient > does not retry a POST without an Idempotency-Key', undefined],
  ['RetryingClient > retries a POST that carries an Idempotency-Key', "it('retries a POST that carries an Idempotency-Key'"],
];

function run(r: Recorder, content: string, timeoutMs: number | undefined, actor: 'agent' | 'candidate' = 'agent') {
  const cases: TestCase[] = CASES.map(([name, needle]) => ({
    name,
    ms: needle && timeoutMs ? timeoutMs + r.rng.int(1, 9) : r.rng.int(1, 6),
    ...(needle && timeoutMs
      ? {
          fail: {
            error: `Error: Test timed out in ${timeoutMs}ms.`,
            extra: 'If this is a long-running test, pass a timeout value as the last argument or configure it globally with "testTimeout".',
            content,
            needle,
            caretAt: 'it(',
          },
        }
      : {}),
  }));
  const fileMs = cases.reduce((s, c) => s + c.ms, 0);
  const total = fileMs + r.rng.int(450, 700);
  const out = vitestReport({ version: '3.2.4', cwd: r.opts.cwd, files: [{ path: TEST_PATH, cases, ms: fileMs }], startAt: r.clock(), totalMs: total });
  return r.test(CMD, 'vitest', out, total, actor);
}

export const thrasher: StyleScript = {
  title: 'Retrying HTTP client for the billing gateway',
  cwd: '/home/dev/billing-gateway',
  pace: 2.9,
  branch: 'feat/retrying-client',
  statement: src`
# Retry transient failures when calling the payment provider

Calls from the billing gateway to the provider fail a few times an hour with \`502\`/\`503\`
or a dropped connection, and the invoice job gives up on the first error.

Add a \`RetryingClient\` in \`src/http/retry-client.ts\` that wraps the existing \`HttpClient\`:

- retries on \`502\`, \`503\`, \`504\` and network errors; at most **4 attempts** in total;
- exponential backoff with **full jitter** (base 200 ms, capped at 5 s);
- honours a \`Retry-After\` header (seconds or HTTP date) when present;
- **never retries a \`POST\`** unless it carries an \`Idempotency-Key\` header.

Tests go in \`test/http/retry-client.test.ts\`; they must not actually sleep.
`,
  script(r: Recorder) {
    r.seed('src/http/client.ts', CLIENT);

    r.marker('Recording started');
    r.wait(12_000);
    r.run('git switch -c feat/retrying-client', { exitCode: 0, stderr: "Switched to a new branch 'feat/retrying-client'\n", durationMs: 55 }, 'candidate');
    r.git('branch', 'feat/retrying-client');
    r.wait(40_000);
    r.prompt(src`
Add a retrying wrapper around \`HttpClient\` in \`src/http/retry-client.ts\`, per the task: retry 502/503/504 and network errors, max 4 attempts, exponential backoff with full jitter, honour \`Retry-After\`, and only retry a POST when it has an \`Idempotency-Key\`. Tests in \`test/http/retry-client.test.ts\` using vitest fake timers so nothing really sleeps.
`);
    r.wait(3000);
    r.thinking(src`
I'll read the existing client to match its interface, then write the wrapper and its tests. Backoff: full jitter, floor(random * min(cap, base * 2^(n-1))).
`);
    r.wait(1000);
    r.read('src/http/client.ts');
    r.wait(500);
    r.glob('test/http/**/*.test.ts', ['test/http/client.test.ts']);
    r.wait(28_000);
    r.edit('src/http/retry-client.ts', RETRY_V1);
    r.wait(24_000);
    r.edit(TEST_PATH, TEST_V1);
    r.wait(2500);
    run(r, TEST_V1, 5000);
    r.wait(5000);
    r.respond(src`
The wrapper and 7 tests are in place. 4 pass, but the three tests that need a retry **time out after 5 s**. That can happen when fake timers and real timers get mixed up between tests; let me re-run to see whether it's flaky.
`);
    r.wait(3000);
    run(r, TEST_V1, 5000);
    r.wait(4000);
    r.respond('Same three timeouts on the second run, so it is consistent rather than flaky.');
    r.wait(45_000);
    r.prompt('still failing?? run it again');
    r.wait(2500);
    run(r, TEST_V1, 5000);
    r.wait(4000);
    r.respond('Still the same three tests timing out at 5000 ms.');
    r.wait(20_000);
    run(r, TEST_V1, 5000, 'candidate');
    r.wait(60_000);
    r.prompt('maybe 5s is just too short with the backoff delays. bump the timeout to 20s');
    r.wait(3000);
    r.edit(TEST_PATH, TEST_V2);
    r.wait(2000);
    run(r, TEST_V2, 20_000);
    r.wait(5000);
    r.respond(src`
With \`testTimeout: 20_000\` the same three tests now time out at 20 s instead of 5 s. The backoff delays are at most a few hundred ms here, so a longer timeout doesn't seem to be the issue.
`);
    r.wait(70_000);
    r.prompt('ugh. ok then maybe its the jitter, Math.random makes the delays random. pass random: () => 0 in those tests');
    r.wait(3000);
    r.edit(TEST_PATH, TEST_V3);
    r.wait(2000);
    run(r, TEST_V3, 20_000);
    r.wait(4000);
    r.respond('With `random: () => 0` every backoff delay is 0 ms, but the three tests still time out.');
    r.wait(40_000);
    r.prompt('run it once more');
    r.wait(2500);
    run(r, TEST_V3, 20_000);
    r.wait(4000);
    r.thinking("Still hanging. I'll add logging inside the retry loop to see which attempt it's stuck on.");
    r.wait(2500);
    r.editInterrupted('src/http/retry-client.ts', RETRY_DEBUG);
    r.wait(900);
    r.interrupt();
    r.wait(75_000);
    r.prompt(src`
wait, actually... it's not the timeout and not the jitter. We call \`vi.advanceTimersByTime\` synchronously right after \`request()\`, but \`sleep()\` only schedules its \`setTimeout\` after the stubbed request's promise has resolved. So when we advance, there's no timer yet, and then nothing ever advances it again. The promise never settles, whatever the timeout is.

Revert the timeout bump and the \`random: () => 0\` changes, and use \`await vi.advanceTimersByTimeAsync(...)\`, which flushes the microtasks between timers.
`);
    r.marker('Change of direction');
    r.wait(3000);
    r.thinking(src`
Right: advanceTimersByTime runs synchronously before the first await in request() resolves, so the sleep timer doesn't exist yet. advanceTimersByTimeAsync awaits pending promises while it advances. Revert both workarounds.
`);
    r.wait(2000);
    r.edit(TEST_PATH, TEST_V4);
    r.wait(2500);
    run(r, TEST_V4, undefined);
    r.wait(4000);
    r.respond(src`
All 7 tests pass in well under a second. The three retry tests now use \`await vi.advanceTimersByTimeAsync(...)\`, and both workarounds (\`testTimeout: 20_000\`, \`random: () => 0\`) are reverted, so the file is the original plus the async advances.
`);
    r.wait(40_000);
    r.run('npx tsc --noEmit', { exitCode: 0, stdout: '', durationMs: 5200 }, 'candidate');
    r.wait(20_000);
    r.prompt('ok commit it');
    r.wait(2500);
    r.commit('Add RetryingClient with jittered backoff and Retry-After', 'agent');
    r.wait(3000);
    r.respond('Committed on `feat/retrying-client`.');
    r.wait(6000);
  },
};
