/** What every format reader gets besides the bytes: where they come from and how to read records. */
import type { InputSpec } from './input-spec.js';
import { recordRules, type RecordRules } from './record.js';
import { matchPathPattern } from './path-pattern.js';

/** Per-file reading context. */
export interface ReadContext {
  /** The file as shown to the user (relative to the base folder when inside it). */
  readonly file: string;
  /** Path relative to the input's root folder, `/`-separated, matched against `pathPattern`. */
  readonly relPath: string;
  readonly spec: InputSpec;
  readonly rules: RecordRules;
  /** Metadata captured from the path by `pathPattern` (empty when none or no match). */
  readonly pathMeta: Readonly<Record<string, string>>;
}

/** Builds a context; `rules` may be shared across the files of one input. */
export function makeContext(file: string, spec: InputSpec, options: { relPath?: string; rules?: RecordRules } = {}): ReadContext {
  const relPath = options.relPath ?? file;
  return {
    file,
    relPath,
    spec,
    rules: options.rules ?? recordRules(spec),
    pathMeta: spec.pathPattern ? (matchPathPattern(spec.pathPattern, relPath) ?? {}) : {},
  };
}
