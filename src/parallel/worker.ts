/**
 * The worker side of the scoring pool. Each worker thread builds its scorer once per set of references, then
 * scores the batches it is sent, one at a time, and answers each with results (packed, see packed.ts) or an error.
 */

import { parentPort } from 'node:worker_threads';
import type { Scorer } from '../measures/scorer.js';
import { packResults } from './packed.js';
import { buildScorer, scoreBatchWith, stripTexts, type BatchTask, type WorkerReply } from './wire.js';

const scorers = new Map<string, Scorer>();

parentPort?.on('message', (task: BatchTask) => {
  let reply: WorkerReply;
  try {
    const key = JSON.stringify(task.refs);
    let scorer = scorers.get(key);
    if (!scorer) scorers.set(key, (scorer = buildScorer(task.refs)));
    const results = scoreBatchWith(scorer, task, true);
    const packed = packResults(results);
    if (packed) {
      reply = { ok: true, results: packed.packed };
      parentPort!.postMessage(reply, packed.transfer);
      return;
    }
    reply = { ok: true, results: stripTexts(results) };
  } catch (error) {
    const e = error as Error;
    reply = { ok: false, message: e?.message ?? String(error), stack: e?.stack, code: (e as { code?: unknown })?.code as string | undefined };
  }
  parentPort!.postMessage(reply);
});
