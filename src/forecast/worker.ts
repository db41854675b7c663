/**
 * The worker_threads entry of `evaluateMany` and `evaluateEach`: receives chunks
 * of series with the configurations to evaluate them under, and answers with
 * their outcomes (typed arrays are cloned, not serialised as JSON).
 */
import { parentPort } from 'node:worker_threads';
import { evaluateEachInProcess, type WorkerRequest } from './parallel.js';

parentPort?.on('message', (request: WorkerRequest) => {
  try {
    parentPort!.postMessage({ outcomes: evaluateEachInProcess(request.jobs, request.configs) });
  } catch (error) {
    const e = error as Error;
    parentPort!.postMessage({ error: { name: e.name, message: e.message } });
  }
});
