/**
 * Core types shared by every layer. This module imports nothing of ours:
 * readers, measures, aggregation, store and CLI all depend on it, never the reverse.
 */

/** The four sentence-level measures. Each is a number in [0, 1]; 0.5 or more means the sentence shows it. */
export const MEASURES = [
  'dehumanization',
  'victimhood_exclusive',
  'victimhood_inclusive',
  'acknowledgement',
] as const;

/** One of {@link MEASURES}. */
export type MeasureName = (typeof MEASURES)[number];

/** The threshold at or above which a measure counts as present in a sentence. */
export const PRESENCE_THRESHOLD = 0.5;

/** A metadata value carried through from the input record untouched. */
export type FieldValue = string | number | boolean | null;

/** How precisely a document's date is known; year-only speeches must not be placed on 1 January silently. */
export type DatePrecision = 'year' | 'month' | 'day' | 'time';

/** Where a record came from, so every message and reject can point at it. */
export interface SourcePosition {
  /** The input file as the user named it (relative to the working directory when possible). */
  readonly file: string;
  /** 1-based line of the record's first line, when the format is line-based. */
  readonly line?: number;
  /** Byte offset of the record's start in the (decompressed) input, when lines do not apply. */
  readonly byteOffset?: number;
  /** For units inside one file (transcript turns, array items): the 0-based index inside the file. */
  readonly index?: number;
}

/** A document as the readers deliver it: text, identity, time and metadata. */
export interface InputDocument {
  /** Stable id: from the input's id field, or derived from file and position when absent. */
  readonly id: string;
  /** The text to score, exactly as read (after decoding), never rewritten. */
  readonly text: string;
  /** UTC date as ISO 8601: `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or a full `YYYY-MM-DDTHH:mm:ss.sssZ`. Absent when undated. */
  readonly date?: string;
  /** How much of {@link date} is known. */
  readonly datePrecision?: DatePrecision;
  /** Every other field of the record (source, speaker, participant, session, turn, ...), carried through. */
  readonly fields: Readonly<Record<string, FieldValue>>;
  /** Where the record was read. */
  readonly origin: SourcePosition;
}

/** A record that could not be used, with enough to find it and fix it. Nothing a user gave is silently lost. */
export interface RejectRecord {
  /** The input file. */
  readonly file: string;
  /** 1-based line, when known. */
  readonly line?: number;
  /** Byte offset in the decompressed input, when lines do not apply. */
  readonly byteOffset?: number;
  /** Stable machine-readable reason, such as `E_CSV_WIDTH` or `E_EMPTY_TEXT`. */
  readonly code: string;
  /** What was expected and what was found, for a person. */
  readonly message: string;
  /** The raw record, truncated to a few kilobytes. */
  readonly raw?: string;
}

/** What a reader yields: a usable document, a reject, or a duplicate that was dropped and counted. */
export type ReaderEvent =
  | { readonly kind: 'document'; readonly document: InputDocument }
  | { readonly kind: 'reject'; readonly reject: RejectRecord }
  | { readonly kind: 'duplicate'; readonly id: string; readonly origin: SourcePosition; readonly duplicateOf: string };

/** Which side of a configured conflict a group belongs to, as seen from the corpus' ingroup. */
export type Side = 'ingroup' | 'outgroup' | 'third' | 'unspecified';

/** A mention of a human group or person in a sentence. */
export interface ActorMention {
  /** The words as they appear. */
  readonly text: string;
  /** Normalised label, for example `refugees` or `they`. */
  readonly label: string;
  /** Group type from the actor list, for example `migrant`, `national`, `pronoun`. */
  readonly category: string;
  /** Side, when the pipeline configures sides. */
  readonly side: Side;
  /** Character offsets in the document text. */
  readonly start: number;
  readonly end: number;
}

/** One piece of evidence behind a score. Offsets are in the document text. */
export interface Finding {
  readonly measure: MeasureName;
  /** Lexicon category, for example `vermin`, `denial_of_suffering`, `perspective_taking`. */
  readonly category: string;
  /** The context rule that accepted (or flagged) the match, for example `copula`, `simile`, `modifier`. */
  readonly rule: string;
  /** The matched words as they appear in the text. */
  readonly match: string;
  readonly start: number;
  readonly end: number;
  /** The human group the words apply to, when there is one. */
  readonly target: string | null;
  /** Side of the target, when sides are configured. */
  readonly targetSide?: Side;
  /** Kind of group the target is, from the actor list (migrant, national, religious, pronoun, ...). */
  readonly targetCategory?: string;
  /** True when a negation reverses the words ("they are not animals"); negated findings do not add to the score. */
  readonly negated: boolean;
  /** True when the words are quoted or reported speech rather than the author's own voice. */
  readonly quoted: boolean;
  /** `id@version` of the lexicon the entry came from. */
  readonly lexicon: string;
  /** Strength of the evidence in [0, 1] after context rules. */
  readonly weight: number;
}

/** Scores and evidence for one sentence. Field names are a public contract (`score --sentences`). */
export interface SentenceResult {
  readonly index: number;
  /** Character offsets of the sentence in the document text. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly dehumanization: number;
  readonly victimhood_exclusive: number;
  readonly victimhood_inclusive: number;
  readonly acknowledgement: number;
  /** Dehumanization in the author's own voice only (quoted findings excluded). */
  readonly dehumanization_own_voice: number;
  /** Dehumanization inside quoted or reported speech only. */
  readonly dehumanization_quoted: number;
  /** Number of word tokens. */
  readonly tokens: number;
  /** Human groups mentioned. */
  readonly mentions: readonly ActorMention[];
  readonly findings: readonly Finding[];
}

/** Scores for one document: sentence results plus document-level summaries. */
export interface DocumentResult {
  readonly id: string;
  readonly sentences: readonly SentenceResult[];
  readonly tokens: number;
  /** Per measure: the maximum sentence score (does the document show it anywhere). */
  readonly scores: Readonly<Record<MeasureName, number>>;
  /** Per measure: how many sentences show it (score >= {@link PRESENCE_THRESHOLD}). */
  readonly counts: Readonly<Record<MeasureName, number>>;
}
