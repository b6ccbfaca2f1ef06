/** Worker thread for `baton score`: runs score jobs posted by the main thread. */
import { parentPort } from 'node:worker_threads';
import { scoreJob, type ScoreJob } from './score-core';

parentPort?.on('message', (job: ScoreJob & { seq: number }) => {
  void scoreJob(job).then((r) => parentPort!.postMessage({ seq: job.seq, result: r }));
});
