/**
 * Imports LIWC-style `.dic` dictionaries (Moral Foundations and others) into our lexicon format, so users
 * can bring the dictionaries they already have.
 *
 * A `.dic` file has a header of numbered categories between two `%` lines, then one entry per line: a word
 * or phrase (a final `*` is a prefix wildcard) followed by the numbers of its categories, separated by tabs or
 * spaces. Lines that cannot be used are reported with their line and skipped; the rest is imported. The result
 * is written as a `.tsv` lexicon and validated by the same loader as every other lexicon, so an imported
 * dictionary can never inject a pattern or a malformed entry.
 */

import { UserError } from '../core/errors.js';
import { LEXICON_KINDS, type LexiconKind } from './types.js';
import { parseLexicon } from './parse.js';

/** Settings of an import: what the lexicon is called and what it measures. */
export interface DicImportOptions {
  readonly id: string;
  readonly measure: LexiconKind;
  readonly version?: string;
  readonly language?: string;
  readonly license?: string;
  /** Weight given to every entry (the dictionary has none). Default 1. */
  readonly weight?: number;
}

/** A line of the dictionary that was not imported, and why. */
export interface DicProblem {
  readonly line: number;
  readonly code: string;
  readonly message: string;
}

/** The imported lexicon as TSV text, with what was imported and what was not. */
export interface DicImport {
  readonly tsv: string;
  readonly categories: number;
  readonly entries: number;
  readonly problems: readonly DicProblem[];
}

const TOKEN = /^[\p{L}\p{N}\p{M}]+(?:['-][\p{L}\p{N}\p{M}]+)*$/u;

/** Converts `.dic` text to a lexicon. Throws a UserError only when nothing usable is in the file. */
export function importDic(text: string, file: string, options: DicImportOptions): DicImport {
  if (!(LEXICON_KINDS as readonly string[]).includes(options.measure)) {
    throw new UserError('E_DIC_MEASURE', `--measure must be one of ${LEXICON_KINDS.join(', ')}, found "${options.measure}"`);
  }
  if (!/^[a-z0-9][a-z0-9-]*$/.test(options.id)) {
    throw new UserError('E_DIC_ID', `--id must be lower-case letters, digits and "-", found "${options.id}"`);
  }
  const weight = options.weight ?? 1;
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const problems: DicProblem[] = [];
  const problem = (line: number, code: string, message: string): void => {
    problems.push({ line, code, message });
  };

  // Header: category number → name, between the first two lines that are just "%".
  const percent: number[] = [];
  lines.forEach((l, i) => {
    if (l.trim() === '%' && percent.length < 2) percent.push(i);
  });
  if (percent.length < 2) {
    throw new UserError('E_DIC_HEADER', `${file}: expected a category header between two lines holding only "%", found ${percent.length === 0 ? 'none' : 'one'}`, {
      place: { file, line: percent[0] !== undefined ? percent[0] + 1 : 1 },
      hint: 'a LIWC dictionary starts with "%", then lines "1<TAB>category", then "%"',
    });
  }
  const categories = new Map<string, string>();
  const used = new Set<string>();
  for (let i = percent[0]! + 1; i < percent[1]!; i++) {
    const raw = lines[i]!.trim();
    if (raw === '') continue;
    const m = /^(\S+)\s+(.+)$/.exec(raw);
    if (!m) {
      problem(i + 1, 'E_DIC_CATEGORY', `expected "number<TAB>name", found "${raw.slice(0, 60)}"`);
      continue;
    }
    const name = m[2]!.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
    const safe = /^[a-z]/.test(name) ? name : `c_${name}`;
    if (categories.has(m[1]!)) problem(i + 1, 'E_DIC_CATEGORY', `category number ${m[1]} is declared twice`);
    else if (safe === 'c_' || [...categories.values()].includes(safe)) problem(i + 1, 'E_DIC_CATEGORY', `category name "${m[2]}" is empty or declared twice`);
    else categories.set(m[1]!, safe);
  }

  // Entries: a term, then category numbers. A term may have several words; the numbers are the trailing fields.
  const rows = new Map<string, number>();
  for (let i = percent[1]! + 1; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw === '') continue;
    const fields = raw.split(/\s+/);
    let k = fields.length;
    while (k > 1 && /^\d+$/.test(fields[k - 1]!)) k--;
    const words = fields.slice(0, k).map((w) => w.toLowerCase());
    const numbers = fields.slice(k);
    if (numbers.length === 0) {
      problem(i + 1, 'E_DIC_ENTRY', `expected a term followed by category numbers, found "${raw.slice(0, 60)}"`);
      continue;
    }
    const bad = words.find((w, wi) => {
      const last = wi === words.length - 1;
      const core = last && w.endsWith('*') ? w.slice(0, -1) : w;
      return !TOKEN.test(core) || (last && w.endsWith('*') && core.length < 3);
    });
    if (bad !== undefined || words.length > 8) {
      problem(i + 1, 'E_DIC_TERM', `"${words.join(' ').slice(0, 60)}" cannot be a term here: ${bad !== undefined ? `"${bad}" has pattern syntax, punctuation, or a wildcard with fewer than 3 letters` : 'more than 8 words'}`);
      continue;
    }
    const term = words.join(' ');
    for (const n of numbers) {
      const category = categories.get(n);
      if (!category) {
        problem(i + 1, 'E_DIC_ENTRY', `category number ${n} of "${term}" is not in the header`);
        continue;
      }
      const key = `${term}\t${category}`;
      if (rows.has(key)) continue; // the same term listed twice for a category: one entry is enough
      rows.set(key, i + 1);
      used.add(category);
    }
  }
  if (rows.size === 0) {
    throw new UserError('E_DIC_EMPTY', `${file}: no usable entry in the dictionary (${problems.length} line(s) skipped)`, { place: { file } });
  }

  const header = [
    `#! id: ${options.id}`,
    `#! version: ${options.version ?? '1.0.0'}`,
    `#! language: ${options.language ?? 'en'}`,
    `#! measure: ${options.measure}`,
    `#! source: imported from ${file.split(/[\\/]/).pop()} (a LIWC-style dictionary) by rehumanize lexicon import`,
    `#! license: ${options.license ?? 'as the imported dictionary; check it before sharing'}`,
    `#! description: ${options.id}, imported from a LIWC-style dictionary`,
    ...[...categories.values()].filter((c) => used.has(c)).map((c) => `#! category: ${c}\tfrom the dictionary's header`),
    'term\tcategory\tweight\tpos\tnotes',
  ];
  const body = [...rows.entries()].map(([key, line]) => `${key}\t${weight}\tphrase\tline ${line} of the dictionary`);
  const tsv = `${[...header, ...body].join('\n')}\n`;
  // The same validation as every lexicon: what we write must load.
  const lexicon = parseLexicon(tsv, `${options.id}.tsv`);
  return { tsv, categories: lexicon.info.categories.size, entries: lexicon.entries.length, problems };
}
