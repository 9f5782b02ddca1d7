/**
 * Scoring one queued batch, the same in a worker process and in its worker threads: build (once) the scorer
 * the job names, check it is the scorer the coordinator expects, score every document and reduce it to its
 * contribution.
 */

import { setTimeout as sleep } from 'node:timers/promises';
import { contributionOf } from '../aggregate/contribution.js';
import type { Scorer } from '../measures/scorer.js';
import { setupScorer } from '../classify/scorer-setup.js';
import { TOOL_VERSION } from '../core/version.js';
import { scorerIdentity } from '../store/documents.js';
import { workerId, type BatchJobData, type BatchJobResult, type ScoredDocument } from './queue.js';

interface Built {
  readonly scorer: Scorer;
  readonly version: string;
  readonly sidesConfigured: boolean;
}

const scorers = new Map<string, Built>();

function scorerFor(data: BatchJobData): Built {
  const key = JSON.stringify(data.refs);
  let built = scorers.get(key);
  if (!built) {
    const { scorer, lexicons, sidesConfigured, models } = setupScorer(data.refs.lexicons, data.refs.actors, data.refs.baseDir, data.refs.models);
    built = { scorer, version: scorerIdentity(lexicons, TOOL_VERSION, models).version, sidesConfigured };
    scorers.set(key, built);
  }
  return built;
}

/** Test-only: milliseconds to wait before each document, so a test can kill a worker in the middle of a batch. */
function testDelay(): number {
  const n = Number(process.env.REHUMANIZE_TEST_WORKER_DELAY_MS ?? 0);
  return Number.isFinite(n) && n > 0 ? n : 0;
}

/**
 * Scores a batch. Between documents it yields to the event loop, so the worker keeps renewing its lock on a
 * long batch and is not taken for dead.
 */
export async function scoreBatch(data: BatchJobData): Promise<BatchJobResult> {
  if (data.format !== 1) throw new Error(`job format ${String(data.format)} is not understood by this worker (rehumanize ${TOOL_VERSION}); update the worker`);
  const started = performance.now();
  const built = scorerFor(data);
  if (built.version !== data.scorer) {
    throw new Error(
      `this worker builds scorer ${built.version} from the job's lexicons, but the coordinator scores with ${data.scorer}: lexicon files, models or the rehumanize version differ on ${workerId()}`,
    );
  }
  const delay = testDelay();
  const out: ScoredDocument[] = [];
  for (const doc of data.documents) {
    if (delay) await sleep(delay);
    const result = built.scorer.scoreDocument(doc.id, doc.text);
    const contribution = contributionOf(result, doc, data.attributes, built.sidesConfigured);
    // The coordinator holds the text: sentence texts travel as empty strings and are sliced again there.
    for (const s of result.sentences) (s as { text: string }).text = '';
    out.push({ id: doc.id, result, contribution });
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return { worker: workerId(), scorer: built.version, ms: Math.round(performance.now() - started), documents: out };
}
