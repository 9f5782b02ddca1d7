/**
 * What crosses the thread boundary between the pool and its workers, and the one function that scores a
 * batch on either side of it, so in-process and worker scoring cannot drift apart.
 *
 * Workers get lexicon references and a base folder, never compiled objects: each worker loads and compiles
 * the same files once, exactly as `setupScorer` does for a run. Results travel back without the sentence
 * texts (the main thread still holds the document text and re-slices them), which roughly halves what has to
 * be copied between threads; the key order of every object stays as the scorer made it, so JSON written from
 * a result is byte-identical whichever way it was scored.
 */

import type { DocumentResult, SentenceResult } from '../core/types.js';
import type { ModelRefs } from '../classify/setup.js';
import type { Scorer } from '../measures/scorer.js';
import { setupScorer } from '../classify/scorer-setup.js';
import type { PackedResults } from './packed.js';

/** How to build the scorer: the same arguments a run passes to `setupScorer`. */
export interface ScorerRefs {
  /** Lexicon references (`default`, bundled ids or paths), as in a pipeline's `lexicons:`. */
  readonly lexicons: readonly string[];
  /** Actor list references, as in a pipeline's `actors:`. */
  readonly actors?: readonly string[];
  /** Folder that relative references resolve against (the pipeline file's folder). */
  readonly baseDir: string;
  /** Trained models, as `setupScorer` takes them (`'defaults'`, refs, or omitted for rules only). */
  readonly models?: ModelRefs | 'defaults';
}

/**
 * Test-only faults, so tests can prove that a failing worker surfaces as an error and never as a hang.
 * Never set outside tests.
 */
export interface FaultHooks {
  /** Scoring a document with this id throws. */
  readonly throwOnId?: string;
  /** Scoring a document with this id ends the worker thread abruptly (in-process: throws instead). */
  readonly exitOnId?: string;
}

/** One unit of work sent to a worker. */
export interface BatchTask {
  readonly refs: ScorerRefs;
  readonly ids: readonly string[];
  readonly texts: readonly string[];
  readonly hooks?: FaultHooks;
}

/** A worker's answer to one batch. */
export type WorkerReply =
  | { readonly ok: true; readonly results: DocumentResult[] | PackedResults }
  | { readonly ok: false; readonly message: string; readonly stack?: string; readonly code?: string };

/** Builds the scorer for `refs`, as a run does. */
export function buildScorer(refs: ScorerRefs): Scorer {
  return setupScorer(refs.lexicons, refs.actors ?? [], refs.baseDir, refs.models).scorer;
}

/** Scores a batch; an error names the document that failed. */
export function scoreBatchWith(scorer: Scorer, task: BatchTask, inWorker: boolean): DocumentResult[] {
  const out: DocumentResult[] = new Array(task.ids.length);
  for (let i = 0; i < task.ids.length; i++) {
    const id = task.ids[i]!;
    if (task.hooks?.exitOnId === id && inWorker) process.exit(3);
    let result: DocumentResult;
    try {
      if (task.hooks?.throwOnId === id || task.hooks?.exitOnId === id) throw new Error('fault injected by a test hook');
      result = scorer.scoreDocument(id, task.texts[i]!);
    } catch (error) {
      throw new Error(`scoring document ${JSON.stringify(id)} failed: ${(error as Error)?.message ?? String(error)}`, { cause: error });
    }
    out[i] = result;
  }
  return out;
}

/** Blanks sentence texts before a result is sent to the main thread (the key stays where it was). */
export function stripTexts(results: DocumentResult[]): DocumentResult[] {
  for (const r of results) for (const s of r.sentences) (s as { text: string }).text = '';
  return results;
}

/** Puts the sentence texts back from the document text, on the main thread. */
export function restoreTexts(result: DocumentResult, text: string): DocumentResult {
  for (const s of result.sentences as SentenceResult[]) (s as { text: string }).text = text.slice(s.start, s.end);
  return result;
}
