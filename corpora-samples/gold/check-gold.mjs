#!/usr/bin/env node
// Validates the rehumanize gold set and prints counts per measure, category, hard case and split.
// Usage: node corpora-samples/gold/check-gold.mjs [path/to/gold.jsonl] [--markdown]
// Plain Node ESM, no dependencies. Exits 1 when any check fails.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const args = process.argv.slice(2);
const markdown = args.includes('--markdown');
const file = args.find((a) => !a.startsWith('--')) ?? join(dirname(fileURLToPath(import.meta.url)), 'gold.jsonl');

const MEASURES = ['dehumanization', 'victimhood_exclusive', 'victimhood_inclusive', 'acknowledgement'];
const HARD = ['none', 'negation', 'quotation', 'non_human', 'counter_speech', 'mention', 'homonym', 'paraphrase'];
const SPLITS = ['dev', 'test'];
const FIELDS = ['id', 'text', ...MEASURES, 'quoted', 'hard_case', 'category', 'split'];
const MIN = { total: 480, hard: 30, paraphrase: 20 };

const errors = [];
const warnings = [];
const rows = [];
const ids = new Set();
const texts = new Map();

readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
  const n = i + 1;
  if (line.trim() === '') return;
  let o;
  try { o = JSON.parse(line); } catch (e) { errors.push(`line ${n}: invalid JSON (${e.message})`); return; }
  if (o === null || typeof o !== 'object' || Array.isArray(o)) { errors.push(`line ${n}: not an object`); return; }
  for (const f of FIELDS) if (!(f in o)) errors.push(`line ${n}: missing field ${f}`);
  for (const k of Object.keys(o)) if (!FIELDS.includes(k)) errors.push(`line ${n}: unexpected field ${k}`);
  if (typeof o.id !== 'string' || !/^g\d{4,}$/.test(o.id)) errors.push(`line ${n}: id must look like g0001`);
  else if (ids.has(o.id)) errors.push(`line ${n}: duplicate id ${o.id}`);
  else ids.add(o.id);
  if (typeof o.text !== 'string' || o.text.trim() === '') errors.push(`line ${n}: text must be a non-empty string`);
  else {
    const key = o.text.toLowerCase();
    if (texts.has(key)) errors.push(`line ${n}: duplicate text (also ${texts.get(key)})`);
    texts.set(key, o.id);
    if (!/[.!?]["'\u201d\u2019)]*$/.test(o.text)) warnings.push(`${o.id}: no terminal punctuation`);
    // one sentence: no terminal punctuation followed by a new capitalised sentence inside the text
    if (/[.!?]["'\u201d\u2019)]*\s+["'\u201c\u2018]?[A-Z]/.test(o.text.replace(/\b(Mr|Mrs|Ms|Dr|St|No)\./g, '$1'))) warnings.push(`${o.id}: looks like more than one sentence`);
  }
  for (const m of MEASURES) if (o[m] !== 0 && o[m] !== 1) errors.push(`line ${n}: ${m} must be 0 or 1`);
  if (typeof o.quoted !== 'boolean') errors.push(`line ${n}: quoted must be boolean`);
  if (!HARD.includes(o.hard_case)) errors.push(`line ${n}: hard_case must be one of ${HARD.join(', ')}`);
  if (typeof o.category !== 'string' || !/^[a-z_]+$/.test(o.category)) errors.push(`line ${n}: category must be a snake_case string`);
  if (!SPLITS.includes(o.split)) errors.push(`line ${n}: split must be dev or test`);
  // consistency rules from docs/annotation-guide.md
  const anyPos = MEASURES.some((m) => o[m] === 1);
  if (o.quoted === true && !anyPos) errors.push(`${o.id}: quoted=true needs a positive label`);
  if (o.hard_case === 'quotation' && o.quoted !== true) errors.push(`${o.id}: quotation hard case must have quoted=true`);
  if (['counter_speech', 'mention', 'non_human', 'homonym'].includes(o.hard_case) && o.dehumanization === 1) errors.push(`${o.id}: ${o.hard_case} must have dehumanization=0`);
  if (o.hard_case === 'negation' && o.dehumanization === 1) errors.push(`${o.id}: negated dehumanization must be 0`);
  rows.push(o);
});

const count = (pred) => rows.filter(pred).length;
const tally = (key, filter = () => true) => {
  const t = new Map();
  for (const r of rows.filter(filter)) {
    const k = String(key(r));
    const e = t.get(k) ?? { n: 0, dev: 0, test: 0 };
    e.n++; if (SPLITS.includes(r.split)) e[r.split]++;
    t.set(k, e);
  }
  return [...t.entries()].sort((a, b) => b[1].n - a[1].n || a[0].localeCompare(b[0]));
};

const total = rows.length;
const hardTally = tally((r) => r.hard_case);
if (total < MIN.total) errors.push(`only ${total} sentences, need at least ${MIN.total}`);
for (const h of HARD.filter((h) => h !== 'none')) {
  const n = count((r) => r.hard_case === h);
  const need = h === 'paraphrase' ? MIN.paraphrase : MIN.hard;
  if (n < need) errors.push(`hard case ${h}: ${n} sentences, need at least ${need}`);
}

const out = [];
const table = (title, head, entries) => {
  if (markdown) {
    out.push(`### ${title}`, '', `| ${head} | total | dev | test |`, '|---|---:|---:|---:|');
    for (const [k, e] of entries) out.push(`| ${k} | ${e.n} | ${e.dev} | ${e.test} |`);
    out.push('');
  } else {
    out.push(`\n${title}`);
    for (const [k, e] of entries) out.push(`  ${k.padEnd(28)} ${String(e.n).padStart(4)}   dev ${String(e.dev).padStart(3)}  test ${String(e.test).padStart(3)}`);
  }
};

const allZero = (r) => MEASURES.every((m) => r[m] === 0);
const measureEntries = MEASURES.map((m) => {
  const pos = rows.filter((r) => r[m] === 1);
  return [m, { n: pos.length, dev: pos.filter((r) => r.split === 'dev').length, test: pos.filter((r) => r.split === 'test').length }];
});
const extra = [
  ['quoted=true', (r) => r.quoted],
  ['all labels 0', allZero],
  ['plain neutral (all 0, hard_case none)', (r) => allZero(r) && r.hard_case === 'none'],
  ['multi-label (2+ positives)', (r) => MEASURES.filter((m) => r[m] === 1).length > 1],
].map(([k, p]) => [k, { n: count(p), dev: count((r) => p(r) && r.split === 'dev'), test: count((r) => p(r) && r.split === 'test') }]);

table('Sentences and splits', 'set', [['all', { n: total, dev: count((r) => r.split === 'dev'), test: count((r) => r.split === 'test') }]]);
table('Positives per measure', 'measure', [...measureEntries, ...extra]);
table('Hard cases', 'hard_case', hardTally);
table('Categories', 'category', tally((r) => r.category));

console.log(out.join('\n'));
for (const w of warnings) console.error(`warning: ${w}`);
for (const e of errors) console.error(`error: ${e}`);
if (errors.length) { console.error(`\n${errors.length} error(s) in ${file}`); process.exit(1); }
if (!markdown) console.log(`\nOK: ${total} sentences, ${ids.size} unique ids, no errors, ${warnings.length} warning(s)`);
