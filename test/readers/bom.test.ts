import { describe, expect, it } from 'vitest';
import { withWholeBom } from '../../src/readers/bom.js';

async function collect(parts: number[][]): Promise<number[][]> {
  async function* source(): AsyncGenerator<Uint8Array> {
    for (const p of parts) yield Uint8Array.from(p);
  }
  const out: number[][] = [];
  for await (const c of withWholeBom(source())) out.push([...c]);
  return out;
}

describe('withWholeBom', () => {
  it.each([
    { parts: [[0xef], [], [0xbb], [0xbf, 0x41], [0x42]], first: [0xef, 0xbb, 0xbf, 0x41], why: 'a BOM split over chunks (and an empty one) arrives whole' },
    { parts: [[0x41, 0x42, 0x43, 0x44], [0x45]], first: [0x41, 0x42, 0x43, 0x44], why: 'a first chunk of three or more bytes passes as it is' },
    { parts: [[0x41], [0x42]], first: [0x41, 0x42], why: 'a stream shorter than three bytes comes out whole' },
  ])('$why', async ({ parts, first }) => {
    const out = await collect(parts);
    expect(out[0]).toEqual(first);
    expect(out.flat()).toEqual(parts.flat());
  });

  it('yields nothing for an empty stream', async () => {
    expect(await collect([])).toEqual([]);
  });
});
