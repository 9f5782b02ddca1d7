/**
 * The configuration of one pipeline input, validated with zod so a typo in a key is an error
 * and not a silently ignored option.
 */
import { z } from 'zod';

/** Formats a reader exists for. `text` is one document per file; the last four are transcripts. */
export const INPUT_FORMATS = ['csv', 'tsv', 'jsonl', 'json', 'text', 'transcript', 'vtt', 'srt'] as const;

/** One of {@link INPUT_FORMATS}. */
export type InputFormat = (typeof INPUT_FORMATS)[number];

/** `+05:30`, `-08:00`, `Z` or an IANA zone name that this Node knows. */
function isTimezone(value: string): boolean {
  if (/^(Z|[+-]\d{2}:?\d{2})$/.test(value)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/**
 * Field mapping: canonical name → field path in the record (`meta.date`, `a.b.c`).
 * `text` may be a list of paths whose values are joined with a blank line (title + body).
 */
export const FieldMapSchema = z
  .object({
    text: z.union([z.string().min(1), z.array(z.string().min(1)).nonempty()]).optional(),
    id: z.string().min(1).optional(),
    date: z.string().min(1).optional(),
    source: z.string().min(1).optional(),
    speaker: z.string().min(1).optional(),
  })
  .catchall(z.string().min(1));

/** Zod schema of one pipeline input. Unknown keys are errors (`.strict()`). */
export const InputSpecSchema = z
  .object({
    /** A file, a folder or a glob, relative to the pipeline file's folder. */
    path: z.string().min(1),
    /** Chosen by file extension when omitted (`.gz` is ignored for that). */
    format: z.enum(INPUT_FORMATS).optional(),
    fields: FieldMapSchema.optional(),
    /** CSV field delimiter; `,` for csv and a tab for tsv by default. */
    delimiter: z.string().min(1).max(4).optional(),
    /** strftime-like pattern for dates that are not ISO, such as `%d/%m/%Y`. */
    dateFormat: z.string().min(1).optional(),
    /** Zone for date-times that carry none: an IANA name or `±HH:MM`. Default UTC. */
    timezone: z.string().refine(isTimezone, { message: 'expected an IANA time zone (Europe/Berlin) or an offset like +02:00' }).optional(),
    /** What to do with a record whose date is missing or unreadable. Default `keep` (kept undated). */
    undated: z.enum(['keep', 'reject']).optional(),
    /** Metadata from the file path, such as `{source}/{date}-{id}.txt`. */
    pathPattern: z.string().min(1).optional(),
    /** Longest accepted text in characters; longer records are rejected. Default 1,000,000. */
    maxChars: z.number().int().positive().optional(),
    /** Constant metadata for every record of this input, used where the record has no value. */
    defaults: z.record(z.union([z.string(), z.number(), z.boolean()])).optional(),
    /** Transcripts (vtt, srt): merge consecutive cues of the same speaker into one turn. Default true. */
    mergeTurns: z.boolean().optional(),
  })
  .strict();

/** One pipeline input, as written in the pipeline file. */
export type InputSpec = z.infer<typeof InputSpecSchema>;

/** Default for {@link InputSpec.maxChars}. */
export const DEFAULT_MAX_CHARS = 1_000_000;
