/**
 * A compact form of scored batches for the trip from a worker to the main thread.
 *
 * Structured cloning rebuilds every object of a result on the receiving side, and a news batch has tens of
 * thousands of sentence and mention objects; the main thread spent its time there instead of writing
 * results. Packed, the numbers of every sentence and mention travel in typed arrays whose buffers are
 * transferred (not copied), strings travel once in a table, and only the rare findings are cloned as
 * objects. Unpacking builds objects with exactly the keys, in exactly the order, the scorer made them, so
 * anything written from a result is byte-identical whichever way it travelled.
 */

import type { ActorMention, DocumentResult, Finding, SentenceResult, Side } from '../core/types.js';
import { summariseDocument } from '../measures/scorer.js';

/** Numbers kept per sentence: index, start, end, the six scores, tokens. */
const SENTENCE_FIELDS = 10;
/** Numbers kept per mention: start, end, and string-table ids of label, category and side. */
const MENTION_FIELDS = 5;
/** The keys of a sentence result, in the scorer's order; any other shape is sent unpacked. */
const SENTENCE_KEYS = 'index,start,end,text,dehumanization,victimhood_exclusive,victimhood_inclusive,acknowledgement,dehumanization_own_voice,dehumanization_quoted,tokens,mentions,findings';
const MENTION_KEYS = 'text,label,category,side,start,end';
const DOCUMENT_KEYS = 'id,sentences,tokens,scores,counts';

/** A batch of results in packed form. */
export interface PackedResults {
  readonly packed: true;
  readonly ids: readonly string[];
  /** Sentences per document. */
  readonly sentenceCounts: Int32Array;
  readonly sentenceNumbers: Float64Array;
  /** Mentions per sentence. */
  readonly mentionCounts: Int32Array;
  readonly mentionNumbers: Int32Array;
  readonly strings: readonly string[];
  /** Global sentence numbers that have findings, and their findings. */
  readonly findingSentences: Int32Array;
  readonly findings: ReadonlyArray<readonly Finding[]>;
}

/** Packs results; returns null when a result has a shape the packer does not know (then send it as is). */
export function packResults(results: readonly DocumentResult[]): { packed: PackedResults; transfer: ArrayBuffer[] } | null {
  let sentenceTotal = 0;
  let mentionTotal = 0;
  for (const r of results) {
    if (Object.keys(r).join(',') !== DOCUMENT_KEYS) return null;
    sentenceTotal += r.sentences.length;
    for (const s of r.sentences) mentionTotal += s.mentions.length;
  }
  const sentenceCounts = new Int32Array(results.length);
  const sentenceNumbers = new Float64Array(sentenceTotal * SENTENCE_FIELDS);
  const mentionCounts = new Int32Array(sentenceTotal);
  const mentionNumbers = new Int32Array(mentionTotal * MENTION_FIELDS);
  const stringIds = new Map<string, number>();
  const strings: string[] = [];
  const intern = (value: string): number => {
    let id = stringIds.get(value);
    if (id === undefined) {
      id = strings.length;
      strings.push(value);
      stringIds.set(value, id);
    }
    return id;
  };
  const findingSentences: number[] = [];
  const findings: Array<readonly Finding[]> = [];
  let si = 0;
  let mi = 0;
  for (let d = 0; d < results.length; d++) {
    const r = results[d]!;
    sentenceCounts[d] = r.sentences.length;
    for (const s of r.sentences) {
      if (si === 0 && Object.keys(s).join(',') !== SENTENCE_KEYS) return null;
      const o = si * SENTENCE_FIELDS;
      sentenceNumbers[o] = s.index;
      sentenceNumbers[o + 1] = s.start;
      sentenceNumbers[o + 2] = s.end;
      sentenceNumbers[o + 3] = s.dehumanization;
      sentenceNumbers[o + 4] = s.victimhood_exclusive;
      sentenceNumbers[o + 5] = s.victimhood_inclusive;
      sentenceNumbers[o + 6] = s.acknowledgement;
      sentenceNumbers[o + 7] = s.dehumanization_own_voice;
      sentenceNumbers[o + 8] = s.dehumanization_quoted;
      sentenceNumbers[o + 9] = s.tokens;
      mentionCounts[si] = s.mentions.length;
      for (const m of s.mentions) {
        if (mi === 0 && Object.keys(m).join(',') !== MENTION_KEYS) return null;
        const p = mi * MENTION_FIELDS;
        mentionNumbers[p] = m.start;
        mentionNumbers[p + 1] = m.end;
        mentionNumbers[p + 2] = intern(m.label);
        mentionNumbers[p + 3] = intern(m.category);
        mentionNumbers[p + 4] = intern(m.side);
        mi++;
      }
      if (s.findings.length > 0) {
        findingSentences.push(si);
        findings.push(s.findings);
      }
      si++;
    }
  }
  const packed: PackedResults = {
    packed: true,
    ids: results.map((r) => r.id),
    sentenceCounts,
    sentenceNumbers,
    mentionCounts,
    mentionNumbers,
    strings,
    findingSentences: Int32Array.from(findingSentences),
    findings,
  };
  return { packed, transfer: [sentenceCounts.buffer, sentenceNumbers.buffer, mentionCounts.buffer, mentionNumbers.buffer] as ArrayBuffer[] };
}

/** Rebuilds the results of a packed batch; `texts[i]` is document i's text (sentence and mention texts are slices of it). */
export function unpackResults(packed: PackedResults, texts: readonly string[]): DocumentResult[] {
  const { sentenceNumbers: n, mentionNumbers: mn, strings } = packed;
  const out: DocumentResult[] = new Array(packed.ids.length);
  let si = 0;
  let mi = 0;
  let fi = 0;
  for (let d = 0; d < packed.ids.length; d++) {
    const text = texts[d]!;
    const sentences: SentenceResult[] = new Array(packed.sentenceCounts[d]!);
    for (let k = 0; k < sentences.length; k++) {
      const o = si * SENTENCE_FIELDS;
      const mentions: ActorMention[] = new Array(packed.mentionCounts[si]!);
      for (let j = 0; j < mentions.length; j++) {
        const p = mi * MENTION_FIELDS;
        const start = mn[p]!;
        const end = mn[p + 1]!;
        mentions[j] = { text: text.slice(start, end), label: strings[mn[p + 2]!]!, category: strings[mn[p + 3]!]!, side: strings[mn[p + 4]!]! as Side, start, end };
        mi++;
      }
      let findings: readonly Finding[] = [];
      if (fi < packed.findingSentences.length && packed.findingSentences[fi] === si) findings = packed.findings[fi++]!;
      sentences[k] = {
        index: n[o]!,
        start: n[o + 1]!,
        end: n[o + 2]!,
        text: text.slice(n[o + 1]!, n[o + 2]!),
        dehumanization: n[o + 3]!,
        victimhood_exclusive: n[o + 4]!,
        victimhood_inclusive: n[o + 5]!,
        acknowledgement: n[o + 6]!,
        dehumanization_own_voice: n[o + 7]!,
        dehumanization_quoted: n[o + 8]!,
        tokens: n[o + 9]!,
        mentions,
        findings,
      };
      si++;
    }
    out[d] = summariseDocument(packed.ids[d]!, sentences);
  }
  return out;
}

/** True for a packed batch (as opposed to results sent as they are). */
export function isPacked(value: unknown): value is PackedResults {
  return typeof value === 'object' && value !== null && (value as { packed?: unknown }).packed === true;
}
