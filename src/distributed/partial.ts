/**
 * Partial aggregates as files: what `rehumanize score --partial FILE` writes and `rehumanize aggregate` reads.
 *
 * The body is the mergeable format of src/aggregate/stats/merge.ts: cells keyed by (group, period, indicator)
 * with each document's (numerator, denominator) pair, so any tool that merges partials can merge these. Here
 * `group` is the document's grouping and comparison values as canonical JSON (`{"outlet":"X","phase":"pre"}`),
 * `period` the label of its period in the pipeline's unit (or `undated`), and the indicators are those of
 * indicators.csv with the pairs the indicators are computed from, plus `group_sentences`. From those pairs
 * every field of a DocumentContribution can be read back, so indicators, change points and comparisons come
 * out exactly as if the documents had been scored in one place.
 *
 * A `rehumanize` header says which pipeline settings the cells were cut with; aggregate refuses partials cut
 * with another period unit or other grouping fields, since their cells would not line up.
 */

import { readFileSync } from 'node:fs';
import type { DocumentContribution } from '../aggregate/contribution.js';
import { UNDATED } from '../aggregate/indicators.js';
import { partialFromContributions, type Contribution, type PartialAggregate } from '../aggregate/stats/merge.js';
import { periodLabel, periodOf, type PeriodUnit } from '../aggregate/stats/periods.js';
import { UserError } from '../core/errors.js';
import { MEASURES } from '../core/types.js';

/** The settings a partial was cut with. */
export interface PartialHeader {
  readonly format: 'rehumanize-partial';
  readonly pipeline: string;
  readonly config_hash: string;
  /** Scorer version (lexicons, models, code) that scored the documents. */
  readonly scorer: string;
  readonly period: PeriodUnit;
  /** Grouping and comparison fields, in the order `group` keys hold them. */
  readonly attributes: readonly string[];
  /** Period label → first day, so contributions can be placed in their period again. */
  readonly periods: Readonly<Record<string, string>>;
}

/** A partial aggregate file. */
export interface PartialFile extends PartialAggregate {
  readonly rehumanize: PartialHeader;
}

/** Indicators carried per document: the pairs of indicators.csv plus the sentences that mention a group. */
const SHARES = [...MEASURES, 'dehumanization_own_voice', 'dehumanization_quoted'] as const;

/** Turns contributions into a partial aggregate file. A document id seen twice counts once (the first). */
export function partialOf(contributions: Iterable<DocumentContribution>, header: Omit<PartialHeader, 'format' | 'periods'>): PartialFile {
  const seen = new Set<string>();
  const periods: Record<string, string> = {};
  const pairs: Contribution[] = [];
  for (const c of contributions) {
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    const group = groupKey(c.groups, header.attributes);
    let period = UNDATED;
    const p = c.date ? safePeriod(c.date, header.period) : null;
    if (p) {
      period = periodLabel(p, header.period);
      periods[period] = p.start;
    }
    const add = (indicator: string, numerator: number, denominator: number): void => {
      pairs.push({ group, period, indicator, document: c.id, numerator, denominator });
    };
    for (const m of SHARES) add(m, c[m], c.sentences);
    add('group_sentences', c.group_sentences, c.sentences);
    add('outgroup_salience', c.outgroup_mentions, c.tokens);
    add('rehumanization_index', c.index_sum, c.other_sentences);
  }
  const sortedPeriods = Object.fromEntries(Object.entries(periods).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { ...partialFromContributions(pairs), rehumanize: { format: 'rehumanize-partial', ...header, periods: sortedPeriods } };
}

/**
 * Reads the contributions back out of a partial. Dates become the first day of their period (all the
 * indicators need); a document found in two cells of one kind (two partials merged with conflicting
 * metadata) keeps the first.
 */
export function contributionsOfPartial(partial: PartialFile): DocumentContribution[] {
  const header = partial.rehumanize;
  const docs = new Map<string, Record<string, unknown> & { _key: string }>();
  for (const cell of partial.cells) {
    const key = `${cell.group}\u0000${cell.period}`;
    for (const pair of cell.documents) {
      let doc = docs.get(pair.id);
      if (!doc) {
        const date = cell.period === UNDATED ? null : (header.periods[cell.period] ?? null);
        doc = {
          _key: key,
          id: pair.id,
          date,
          datePrecision: date ? 'day' : null,
          groups: parseGroup(cell.group, header.attributes),
          sentences: 0,
          tokens: 0,
          group_sentences: 0,
          ...Object.fromEntries(SHARES.map((m) => [m, 0])),
          outgroup_mentions: 0,
          other_sentences: 0,
          index_sum: 0,
        };
        docs.set(pair.id, doc);
      }
      if (doc._key !== key) continue;
      switch (cell.indicator) {
        case 'outgroup_salience':
          doc.outgroup_mentions = pair.numerator;
          doc.tokens = pair.denominator;
          break;
        case 'rehumanization_index':
          doc.index_sum = pair.numerator;
          doc.other_sentences = pair.denominator;
          break;
        case 'group_sentences':
          doc.group_sentences = pair.numerator;
          doc.sentences = pair.denominator;
          break;
        default:
          if ((SHARES as readonly string[]).includes(cell.indicator)) {
            doc[cell.indicator] = pair.numerator;
            doc.sentences = pair.denominator;
          }
      }
    }
  }
  return [...docs.values()].map(({ _key, ...rest }) => rest as unknown as DocumentContribution);
}

/** Reads and checks a partial aggregate file. */
export function readPartialFile(file: string): PartialFile {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UserError('E_PARTIAL_UNREADABLE', `cannot read partial aggregate ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {
      place: { file },
      exitCode: 1,
    });
  }
  if (!isPartialFile(value)) {
    throw new UserError('E_PARTIAL_FORMAT', `${file} is not a partial aggregate of rehumanize (expected version 1 with a "rehumanize" header and cells)`, {
      place: { file },
      hint: 'write partials with `rehumanize score --pipeline P.yaml --partial FILE`',
      exitCode: 1,
    });
  }
  return value;
}

/** True when a parsed JSON value looks like a partial aggregate file (used to tell partials from scored JSONL). */
export function isPartialFile(value: unknown): value is PartialFile {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<PartialFile>;
  return v.version === 1 && Array.isArray(v.cells) && typeof v.rehumanize === 'object' && v.rehumanize !== null && v.rehumanize.format === 'rehumanize-partial';
}

/** Canonical JSON of a document's attribute values, in the header's field order. */
export function groupKey(groups: Readonly<Record<string, string>>, attributes: readonly string[]): string {
  return JSON.stringify(Object.fromEntries(attributes.map((a) => [a, groups[a] ?? ''])));
}

function parseGroup(text: string, attributes: readonly string[]): Record<string, string> {
  let parsed: Record<string, unknown> = {};
  try {
    const v = JSON.parse(text) as unknown;
    if (typeof v === 'object' && v !== null) parsed = v as Record<string, unknown>;
  } catch {
    /* a foreign group key: no attribute values */
  }
  return Object.fromEntries(attributes.map((a) => [a, typeof parsed[a] === 'string' ? (parsed[a] as string) : '']));
}

function safePeriod(date: string, unit: PeriodUnit): ReturnType<typeof periodOf> {
  try {
    return periodOf(date, unit);
  } catch {
    return null;
  }
}
