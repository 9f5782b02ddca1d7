/**
 * Pipeline configuration: a YAML file validated with zod. Every problem is reported at once, each with its
 * line and column in the file and what was expected.
 */

import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LineCounter, isMap, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import { z } from 'zod';
import { UserError, UserErrors } from '../core/errors.js';
import { MEASURES } from '../core/types.js';
import { TARGET_FIELDS } from '../aggregate/contribution.js';
import { InputSpecSchema } from '../readers/input-spec.js';

/** Time buckets for indicators. */
export const PERIODS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type PeriodUnit = (typeof PERIODS)[number];

const SmoothingSchema = z
  .object({
    method: z.enum(['none', 'rolling', 'ewma']).default('ewma'),
    /** Window in periods for the rolling mean. */
    window: z.number().int().min(2).max(52).default(3),
    /** Weight of the newest period for EWMA, in (0, 1]. */
    alpha: z.number().gt(0).max(1).default(0.3),
  })
  .strict();

const ChangePointSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** Multiplies the default penalty: above 1 finds fewer change points, below 1 more. */
    sensitivity: z.number().positive().default(1),
    /** Fewest periods in a segment. */
    minSegment: z.number().int().min(1).default(2),
    /** How many findings to keep as evidence for each change point. */
    evidence: z.number().int().min(0).max(100).default(10),
  })
  .strict();

const ComparisonSchema = z
  .object({
    /** The field that tells the phases apart, such as `phase` or `session`. */
    field: z.string().min(1),
    before: z.union([z.string(), z.array(z.string()).nonempty()]),
    after: z.union([z.string(), z.array(z.string()).nonempty()]),
    /** The field that identifies the same person in both phases, for paired comparisons. */
    unit: z.string().min(1).optional(),
  })
  .strict();

const ModelRefSchema = z
  .object({
    path: z.string().min(1),
    mode: z.enum(['rules', 'model', 'both']).default('both'),
  })
  .strict();

/** The schema of a pipeline file. */
export const PipelineSchema = z
  .object({
    /** Also the default output folder (`out/<name>`), so it must be a plain folder name. */
    name: z
      .string()
      .min(1)
      .max(200)
      .refine((v) => !/[/\\\u0000-\u001f]/.test(v) && v !== '.' && v !== '..', {
        message: 'expected a plain name without "/", "\\", control characters, "." or ".." (it names the output folder out/<name>)',
      }),
    description: z.string().optional(),
    inputs: z.array(InputSpecSchema).nonempty(),
    /** Measure and cue lexicons: bundled ids or paths. `default` stands for the bundled set. */
    lexicons: z.array(z.string().min(1)).nonempty().default(['default']),
    /** Extra actor lists (bundled ids or paths), for example one that marks the sides of a conflict. */
    actors: z.array(z.string().min(1)).default([]),
    /** Time bucket of the indicators. */
    period: z.enum(PERIODS).default('month'),
    /** Fields to group the indicators by (each combination of values gets its own rows, plus overall rows). */
    groups: z.array(z.string().min(1)).default([]),
    /** Stop at the first bad record (exit 1) instead of sending it to the rejects. */
    strict: z.boolean().default(false),
    indicators: z
      .object({
        confidence: z.number().gt(0.5).lt(1).default(0.95),
        bootstrap: z.number().int().min(100).max(100_000).default(1000),
        /** Cells with more documents use the linearised cluster variance instead of the bootstrap. */
        bootstrapMaxDocuments: z.number().int().min(10).default(2000),
        seed: z.number().int().default(20250101),
        smoothing: SmoothingSchema.default({}),
      })
      .strict()
      .default({}),
    changepoints: ChangePointSchema.default({}),
    comparison: ComparisonSchema.optional(),
    /**
     * Trained models per measure: `path` (relative to the pipeline file, or `default` for the shipped model) and
     * `mode` (`rules`, `model` or `both`). Absent: the shipped defaults (models/defaults.json). `{}`: rules only.
     */
    models: z.record(z.enum(MEASURES), ModelRefSchema).optional(),
    output: z
      .object({
        /** Output folder, relative to the working directory (like `--out`, which overrides it). */
        dir: z.string().min(1).default('out'),
      })
      .strict()
      .default({}),
    /** The embedded store that keeps every scored document between runs. Default: store.duckdb in the output folder. */
    store: z
      .object({
        /** Path of the DuckDB file, relative to the pipeline file. */
        path: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((config, ctx) => {
    // Target fields split a document's findings by target; two at once would need their joint counts.
    const targets = config.groups.filter((g) => (TARGET_FIELDS as readonly string[]).includes(g));
    if (targets.length > 1) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['groups'], message: `use one of ${TARGET_FIELDS.join(', ')} per pipeline, found ${targets.join(' and ')}` });
    }
  });

/** A validated pipeline, with paths resolved and its identity hashed. */
export type PipelineConfig = z.infer<typeof PipelineSchema> & {
  /** Folder of the pipeline file: relative paths in it are relative to this. */
  readonly baseDir: string;
  /** The file it came from. */
  readonly file: string;
  /** sha256 of the normalised config, stamped on every output. */
  readonly configHash: string;
};

/** Reads, parses and validates a pipeline file. Throws {@link UserErrors} with every problem. */
export function loadPipeline(file: string): PipelineConfig {
  let text: string;
  try {
    if (statSync(file).isDirectory()) throw new UserError('E_CONFIG_NOT_A_FILE', `${file} is a folder; expected a pipeline .yaml file`);
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError('E_CONFIG_UNREADABLE', `cannot read pipeline ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {
      place: { file },
      hint: 'check the path; the shipped pipelines are in pipelines/',
    });
  }
  return parsePipeline(text, file);
}

/** Parses pipeline text; `file` names it in messages and anchors relative paths. */
export function parsePipeline(text: string, file: string): PipelineConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new UserErrors(
      'E_CONFIG_YAML',
      `${file} is not valid YAML`,
      doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return new UserError('E_CONFIG_YAML', e.message.split('\n')[0] ?? e.message, { place: { file, line: pos.line, column: pos.col } });
      }),
    );
  }
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (error) {
    // The yaml library refuses alias bombs ("billion laughs") with a plain error; it is still the file's fault.
    throw new UserError('E_CONFIG_YAML', `${file} cannot be read as YAML: ${(error as Error).message}`, {
      place: { file },
      hint: 'a pipeline needs no YAML aliases (&name / *name); write the values out',
    });
  }
  const result = PipelineSchema.safeParse(data ?? {});
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const node = nodeAt(doc.contents as YamlNode | null, issue.path);
      const pos = node?.range ? lineCounter.linePos(node.range[0]) : { line: 1, col: 1 };
      const path = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
      return new UserError('E_CONFIG_INVALID', `${path}: ${describeIssue(issue)}`, { place: { file, line: pos.line, column: pos.col } });
    });
    throw new UserErrors('E_CONFIG_INVALID', `${file}: ${problems.length} problem(s) in the pipeline config`, problems);
  }
  const config = result.data;
  const configHash = createHash('sha256').update(JSON.stringify(config)).digest('hex').slice(0, 16);
  return { ...config, baseDir: dirname(resolve(file)), file, configHash };
}

/** The YAML node at a zod issue path, or its nearest existing parent, for a line number. */
function nodeAt(root: YamlNode | null, path: ReadonlyArray<string | number>): YamlNode | null {
  let node: YamlNode | null = root;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
      if (!pair) return node;
      node = (pair.value as YamlNode | null) ?? (pair.key as YamlNode);
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key] as YamlNode | undefined;
      if (!item) return node;
      node = item;
    } else {
      return node;
    }
  }
  return node;
}

function describeIssue(issue: z.ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown key(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}; check the spelling (see README "Pipeline config")`;
    case 'invalid_type':
      return issue.received === 'undefined' ? `is required (expected ${issue.expected})` : `expected ${issue.expected}, found ${issue.received}`;
    case 'invalid_enum_value':
      return `expected one of ${issue.options.map((o) => `"${String(o)}"`).join(', ')}, found "${String(issue.received)}"`;
    default:
      return issue.message;
  }
}
