/**
 * The labelled sets beside gold.jsonl: the probe and news-register sets the models are trained on, and the
 * second sealed held-out set. Each parses, follows the guide's consistency rules, has one sentence per item,
 * and shares no sentence with any other set (a sentence in two sets would leak training into testing).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGold, type GoldItem } from '../../src/evaluation/gold.js';
import { splitSentences } from '../../src/text/sentences.js';

const dir = join(process.cwd(), 'corpora-samples', 'gold');
const files = readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort();

function checkGuide(item: GoldItem): void {
  if (item.hardCase === 'quotation') expect(item.quoted, item.id).toBe(true);
  if (['counter_speech', 'mention', 'non_human', 'homonym'].includes(item.hardCase)) expect(item.labels.dehumanization, item.id).toBe(0);
  if (Object.values(item.labels).every((v) => v === 0)) expect(item.quoted, item.id).toBe(false);
  expect(splitSentences(item.text).length, item.id).toBe(1);
}

describe('labelled sets', () => {
  it('include the probe, news-register and held-out sets', () => {
    for (const f of ['probe-a.jsonl', 'probe-b.jsonl', 'probe-c.jsonl', 'probe-d.jsonl', 'probe-e.jsonl', 'probe-f.jsonl', 'probe-g.jsonl', 'probe-h.jsonl', 'probe-i.jsonl', 'probe-j.jsonl', 'probe-k.jsonl', 'news-a.jsonl', 'news-b.jsonl', 'news-c.jsonl', 'news-d.jsonl', 'news-e.jsonl', 'news-f.jsonl', 'news-g.jsonl', 'news-h.jsonl', 'heldout2.jsonl']) expect(files).toContain(f);
  });

  it.each(files.filter((f) => f.startsWith('probe-') || f.startsWith('news-')).map((f) => [f]))('%s parses, is split "dev" and follows the guide', (f) => {
    const items = loadGold(join(dir, f));
    expect(items.length).toBeGreaterThanOrEqual(300);
    expect(new Set(items.map((i) => i.split))).toEqual(new Set(['dev']));
    for (const item of items) checkGuide(item);
  });

  it.skipIf(!existsSync(join(dir, 'heldout2.jsonl')))('heldout2.jsonl parses, is all split "heldout" and follows the guide', () => {
    const items = loadGold(join(dir, 'heldout2.jsonl'));
    expect(items.length).toBeGreaterThanOrEqual(400);
    expect(new Set(items.map((i) => i.split))).toEqual(new Set(['heldout']));
    for (const item of items) checkGuide(item);
  });

  it('share no sentence and no id between sets', () => {
    const seenText = new Map<string, string>();
    const seenId = new Map<string, string>();
    for (const f of files) {
      for (const item of loadGold(join(dir, f))) {
        const key = item.text.trim().toLowerCase();
        expect(seenText.get(key), `${f} ${item.id} repeats a sentence of ${seenText.get(key)}`).toBeUndefined();
        expect(seenId.get(item.id), `${f} reuses id ${item.id}`).toBeUndefined();
        seenText.set(key, f);
        seenId.set(item.id, f);
      }
    }
  });
});
