/**
 * What one scored document contributes to the indicators: a handful of counts, small enough to keep for
 * every document (the bootstrap resamples documents) and to merge from workers or other machines.
 */

import { PRESENCE_THRESHOLD, type DatePrecision, type DocumentResult, type FieldValue, type SentenceResult } from '../core/types.js';

/** Per-document counts behind every indicator. */
export interface DocumentContribution {
  readonly id: string;
  readonly date: string | null;
  readonly datePrecision: DatePrecision | null;
  /** Values of the grouping fields, as strings ("" when the document has none). */
  readonly groups: Readonly<Record<string, string>>;
  readonly sentences: number;
  readonly tokens: number;
  /** Sentences that mention a human group. */
  readonly group_sentences: number;
  readonly dehumanization: number;
  readonly dehumanization_own_voice: number;
  readonly dehumanization_quoted: number;
  readonly victimhood_exclusive: number;
  readonly victimhood_inclusive: number;
  readonly acknowledgement: number;
  /** Mentions of the outgroup (only when sides are configured). */
  readonly outgroup_mentions: number;
  /** Sentences that talk about the other side: the denominator of the rehumanization index. */
  readonly other_sentences: number;
  /** Sum over those sentences of (acknowledgement + inclusive − dehumanization − exclusive), each clamped to [-1, 1]. */
  readonly index_sum: number;
  /**
   * Sentences showing each measure toward one target, keyed `target_side=outgroup` or `target_group=migrant`
   * (the target's side, and the kind of group it is). A sentence counts once per target value and measure.
   */
  readonly targets?: Readonly<Record<string, TargetCounts>>;
}

/** Grouping fields that split a document's findings by their target rather than the document by a field. */
export const TARGET_FIELDS = ['target_side', 'target_group'] as const;
export type TargetField = (typeof TARGET_FIELDS)[number];

/**
 * The sentence counts that are shares of all sentences: the share indicators, and what is counted per target.
 * Defined once here; indicators.ts builds its list from it.
 */
export const SHARE_MEASURES = [
  'dehumanization',
  'dehumanization_own_voice',
  'dehumanization_quoted',
  'victimhood_exclusive',
  'victimhood_inclusive',
  'acknowledgement',
] as const;
export type ShareMeasure = (typeof SHARE_MEASURES)[number];
export type TargetCounts = Partial<Record<ShareMeasure, number>>;

/** Counts, per target value, the sentences whose counted findings of each measure apply to that target. */
function targetCounts(sentences: readonly SentenceResult[]): Record<string, TargetCounts> {
  const out: Record<string, TargetCounts> = {};
  for (const s of sentences) {
    const seen = new Set<string>();
    for (const f of s.findings) {
      if (f.weight <= 0 || f.negated) continue;
      const measures: ShareMeasure[] =
        f.measure === 'dehumanization' ? ['dehumanization', f.quoted ? 'dehumanization_quoted' : 'dehumanization_own_voice'] : [f.measure];
      const keys = [`target_side=${f.targetSide ?? 'unspecified'}`, `target_group=${f.targetCategory ?? 'none'}`];
      for (const key of keys) {
        for (const m of measures) {
          // The sentence must show the measure, as for the document's own counts; the finding says toward whom.
          if (s[m] < PRESENCE_THRESHOLD) continue;
          const once = `${key}|${m}`;
          if (seen.has(once)) continue;
          seen.add(once);
          const counts = (out[key] ??= {});
          counts[m] = (counts[m] ?? 0) + 1;
        }
      }
    }
  }
  return out;
}

/** Reads a document's metadata value for a grouping field as a string. */
export function groupValue(fields: Readonly<Record<string, FieldValue>>, name: string): string {
  const v = fields[name];
  return v === undefined || v === null ? '' : String(v);
}

const present = (x: number): number => (x >= PRESENCE_THRESHOLD ? 1 : 0);

/**
 * True when a sentence talks about the other side: an outgroup mention where sides are configured, else any
 * human group that is not the speaker's own ("we").
 */
function talksAboutOtherSide(s: SentenceResult, sidesConfigured: boolean): boolean {
  if (sidesConfigured) return s.mentions.some((m) => m.side === 'outgroup');
  return s.mentions.some((m) => m.side !== 'ingroup');
}

/** Reduces a scored document to its contribution. */
export function contributionOf(
  result: DocumentResult,
  doc: { id: string; date?: string; datePrecision?: DatePrecision; fields: Readonly<Record<string, FieldValue>> },
  groupFields: readonly string[],
  sidesConfigured: boolean,
): DocumentContribution {
  const groups: Record<string, string> = {};
  for (const g of groupFields) groups[g] = groupValue(doc.fields, g);
  let groupSentences = 0;
  let deh = 0;
  let own = 0;
  let quoted = 0;
  let excl = 0;
  let incl = 0;
  let ack = 0;
  let outgroup = 0;
  let other = 0;
  let indexSum = 0;
  for (const s of result.sentences) {
    if (s.mentions.length > 0) groupSentences++;
    const d = present(s.dehumanization);
    const e = present(s.victimhood_exclusive);
    const i = present(s.victimhood_inclusive);
    const a = present(s.acknowledgement);
    deh += d;
    own += present(s.dehumanization_own_voice);
    quoted += present(s.dehumanization_quoted);
    excl += e;
    incl += i;
    ack += a;
    if (sidesConfigured) for (const m of s.mentions) if (m.side === 'outgroup') outgroup++;
    if (talksAboutOtherSide(s, sidesConfigured)) {
      other++;
      indexSum += Math.max(-1, Math.min(1, a + i - d - e));
    }
  }
  return {
    id: doc.id,
    date: doc.date ?? null,
    datePrecision: doc.datePrecision ?? (doc.date ? inferPrecision(doc.date) : null),
    groups,
    sentences: result.sentences.length,
    tokens: result.tokens,
    group_sentences: groupSentences,
    dehumanization: deh,
    dehumanization_own_voice: own,
    dehumanization_quoted: quoted,
    victimhood_exclusive: excl,
    victimhood_inclusive: incl,
    acknowledgement: ack,
    outgroup_mentions: outgroup,
    other_sentences: other,
    index_sum: indexSum,
    targets: targetCounts(result.sentences),
  };
}

function inferPrecision(date: string): DatePrecision {
  if (/^\d{4}$/.test(date)) return 'year';
  if (/^\d{4}-\d{2}$/.test(date)) return 'month';
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) return 'day';
  return 'time';
}
