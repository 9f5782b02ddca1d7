/**
 * Replays every input the fuzzers found (test/fixtures/hardening/regressions.json): each must now read
 * without an error, with well-formed events, and - where the entry says so - exactly the expected events.
 */
import { describe, expect, it } from 'vitest';
import type { ReaderEvent } from '../../src/core/types.js';
import { checkEvents, inputBytes, loadRegressions, readLikeAFile } from './helpers.js';

type Expected = [kind: 'document' | 'reject' | 'duplicate', line: number, textOrCode: string];

function summary(e: ReaderEvent): Expected {
  if (e.kind === 'document') return ['document', e.document.origin.line ?? -1, e.document.text];
  if (e.kind === 'reject') return ['reject', e.reject.line ?? -1, e.reject.code];
  return ['duplicate', e.origin.line ?? -1, e.duplicateOf];
}

describe('fuzz regressions stay fixed', () => {
  const regressions = loadRegressions() as Array<ReturnType<typeof loadRegressions>[number] & { expect?: Expected[] }>;
  it('keeps a list', () => {
    console.log(`regressions kept: ${regressions.length}`);
    expect(regressions.length).toBeGreaterThan(0);
  });
  for (const r of regressions) {
    if (!r.spec) continue;
    it(`${r.target}: ${r.note}`, async () => {
      const bytes = inputBytes(r.input);
      for (const chunk of [0, 1, 3]) {
        const events = await readLikeAFile(bytes, r.spec!, chunk);
        checkEvents(events, r.spec!.path, bytes);
        if (r.expect) expect(events.map(summary)).toEqual(r.expect);
      }
    });
  }
});
