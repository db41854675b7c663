/**
 * The worker_threads entry of `evaluateMany`: receives chunks of series and
 * answers with their outcomes (typed arrays are cloned, not serialised as JSON).
 */
import { parentPort } from 'node:worker_threads';
import { evaluateInProcess, type WorkerRequest } from './parallel.js';

parentPort?.on('message', (request: WorkerRequest) => {
  try {
    parentPort!.postMessage({ outcomes: evaluateInProcess(request.jobs, request.config) });
  } catch (error) {
    const e = error as Error;
    parentPort!.postMessage({ error: { name: e.name, message: e.message } });
  }
});
