import { describe, expect, it } from 'vitest';
import { setupScorer } from '../../src/classify/scorer-setup.js';
import { isPacked, packResults, unpackResults } from '../../src/parallel/packed.js';
import { ROOT } from '../cli/helpers.js';

const { scorer } = setupScorer(['default'], ['actors-sample-conflict'], ROOT);
const texts = [
  'The Karsks are vermin, the minister said. We mourn with their families.',
  '',
  'Nothing here names a group. Or does it? "They swarm," he wrote; I disagree.',
  'Velorian and Karsk mothers alike have buried their sons. The Orenites, our neighbours, are not animals.',
];

describe('packed worker results', () => {
  it('unpack(pack(results)) is byte-identical to the results, texts restored from the documents', () => {
    const results = texts.map((t, i) => scorer.scoreDocument(`d${i}`, t));
    const packed = packResults(results);
    expect(packed).not.toBeNull();
    expect(isPacked(packed!.packed)).toBe(true);
    // Through a real structured clone with the buffers transferred, as between threads.
    const travelled = structuredClone(packed!.packed, { transfer: packed!.transfer });
    expect(JSON.stringify(unpackResults(travelled, texts))).toBe(JSON.stringify(results));
  });

  it('refuses results of a shape it does not know, so they travel as they are', () => {
    const [r] = texts.map((t, i) => scorer.scoreDocument(`d${i}`, t));
    expect(packResults([{ ...r!, extra: 1 } as never])).toBeNull();
    const odd = { ...r!, sentences: r!.sentences.map((s) => ({ ...s, models: [] })) };
    expect(packResults([odd])).toBeNull();
  });

  it('an empty batch packs and unpacks to nothing', () => {
    const packed = packResults([])!;
    expect(unpackResults(packed.packed, [])).toEqual([]);
  });
});
