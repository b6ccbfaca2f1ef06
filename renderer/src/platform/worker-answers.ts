/**
 * Resolves once a newly started worker answers its ping; rejects when it fails to start (a
 * blocked script, an old browser) or stays silent for `ms`. Every worker client uses it to
 * decide between the worker and its main-thread fallback.
 */
export async function workerAnswers(worker: Worker, ping: () => Promise<unknown>, what: string, ms = 10_000): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      ping(),
      new Promise((_, reject) => {
        worker.addEventListener('error', () => reject(new Error(`${what} worker failed to start`)));
        timer = setTimeout(() => reject(new Error(`${what} worker did not answer`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
