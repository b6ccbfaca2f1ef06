import { afterEach, describe, expect, it, vi } from 'vitest';
import { workerAnswers } from '../../renderer/src/platform/worker-answers';

/** A stand-in Worker: only its error event matters here. */
const fakeWorker = () => new EventTarget() as unknown as Worker;

describe('waiting for a new worker to answer', () => {
  afterEach(() => vi.useRealTimers());

  it('resolves when the worker answers its ping, leaving no timer behind', async () => {
    vi.useFakeTimers();
    await expect(workerAnswers(fakeWorker(), () => Promise.resolve(true), 'scoring')).resolves.toBeUndefined();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects, naming the worker, when it fails to start', async () => {
    const worker = fakeWorker();
    const waiting = workerAnswers(worker, () => new Promise(() => {}), 'import');
    worker.dispatchEvent(new Event('error'));
    await expect(waiting).rejects.toThrow('import worker failed to start');
  });

  it('rejects, naming the worker, when it stays silent', async () => {
    vi.useFakeTimers();
    const waiting = workerAnswers(fakeWorker(), () => new Promise(() => {}), 'highlighting', 500);
    const seen = expect(waiting).rejects.toThrow('highlighting worker did not answer');
    await vi.advanceTimersByTimeAsync(499);
    await vi.advanceTimersByTimeAsync(1);
    await seen;
  });
});
