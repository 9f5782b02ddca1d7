import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGold } from '../../src/evaluation/gold.js';
import { splitSentences } from '../../src/text/sentences.js';

const file = join(process.cwd(), 'corpora-samples', 'gold', 'heldout.jsonl');

describe('held-out gold set', () => {
  it.skipIf(!existsSync(file))('parses, is all split "heldout", and follows the guide\'s consistency rules', () => {
    const items = loadGold(file);
    expect(items.length).toBeGreaterThanOrEqual(400);
    expect(new Set(items.map((i) => i.split))).toEqual(new Set(['heldout']));
    expect(new Set(items.map((i) => i.text)).size).toBe(items.length);
    const gold = new Set(readFileSync(join(process.cwd(), 'corpora-samples', 'gold', 'gold.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { text: string }).text));
    expect(items.filter((i) => gold.has(i.text))).toEqual([]);
    for (const item of items) {
      if (item.hardCase === 'quotation') expect(item.quoted, item.id).toBe(true);
      if (['counter_speech', 'mention', 'non_human', 'homonym'].includes(item.hardCase)) expect(item.labels.dehumanization, item.id).toBe(0);
      expect(splitSentences(item.text).length, item.id).toBe(1);
    }
  });
});
