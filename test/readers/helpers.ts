import { fileURLToPath } from 'node:url';
import type { InputDocument, ReaderEvent, RejectRecord } from '../../src/core/types.js';
import type { InputSpec } from '../../src/readers/input-spec.js';
import { readInputs, type ReadInputsOptions } from '../../src/readers/read-inputs.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/readers/', import.meta.url));

export interface Collected {
  events: ReaderEvent[];
  docs: InputDocument[];
  rejects: RejectRecord[];
  duplicates: Array<Extract<ReaderEvent, { kind: 'duplicate' }>>;
}

export async function collect(specs: InputSpec[], options: Partial<ReadInputsOptions> = {}): Promise<Collected> {
  const events: ReaderEvent[] = [];
  for await (const e of readInputs(specs, { baseDir: FIXTURES, ...options })) events.push(e);
  return {
    events,
    docs: events.flatMap((e) => (e.kind === 'document' ? [e.document] : [])),
    rejects: events.flatMap((e) => (e.kind === 'reject' ? [e.reject] : [])),
    duplicates: events.flatMap((e) => (e.kind === 'duplicate' ? [e] : [])),
  };
}

export async function* chunksOf(text: string | Uint8Array, size = 7): AsyncGenerator<Uint8Array> {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}
