/**
 * The job processor BullMQ runs in worker threads when `rehumanize worker --concurrency N` asks for more than
 * one batch at a time: scoring is CPU-bound, so parallel batches need threads of their own.
 */

import type { SandboxedJob } from 'bullmq';
import { scoreBatch } from './batch.js';
import type { BatchJobData, BatchJobResult } from './queue.js';

export default async function processBatch(job: SandboxedJob<BatchJobData, BatchJobResult>): Promise<BatchJobResult> {
  return scoreBatch(job.data);
}
