/**
 * Loads lexicon files from disk, by path or by id from the bundled `lexicons/` folder.
 */

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../core/errors.js';
import { parseLexicon } from './parse.js';
import type { Lexicon } from './types.js';

/** The folder of lexicons shipped with the tool. */
export const BUNDLED_LEXICON_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'lexicons');

/** The lexicons used when a pipeline names none. */
export const DEFAULT_LEXICON_IDS = [
  'dehumanization-en',
  'victimhood-exclusive-en',
  'victimhood-inclusive-en',
  'acknowledgement-en',
  'actors-en',
  'negation-en',
  'hedges-en',
  'quotation-en',
  'victimhood-frames-en',
  'acknowledgement-frames-en',
] as const;

/** Reads and validates one lexicon file. */
export function loadLexiconFile(path: string): Lexicon {
  let text: string;
  try {
    if (statSync(path).isDirectory()) {
      throw new UserError('E_LEX_NOT_A_FILE', `${path} is a folder; expected a lexicon .tsv file`);
    }
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError('E_LEX_UNREADABLE', `cannot read lexicon ${path}: ${(error as Error).message}`, {
      place: { file: path },
      hint: 'check the path in the pipeline config (lexicons: ...) and the file permissions',
      cause: error,
    });
  }
  return parseLexicon(text, path);
}

/**
 * Resolves a lexicon reference: a path (contains "/" or ends in ".tsv"), relative to `baseDir`, or the id of a
 * bundled lexicon.
 */
export function resolveLexiconPath(ref: string, baseDir: string): string {
  if (ref.includes('/') || ref.endsWith('.tsv')) return resolve(baseDir, ref);
  const path = join(BUNDLED_LEXICON_DIR, `${ref}.tsv`);
  try {
    statSync(path);
  } catch {
    const known = listBundledLexicons().join(', ');
    throw new UserError('E_LEX_UNKNOWN', `no bundled lexicon with id "${ref}"`, { hint: `bundled lexicons: ${known}` });
  }
  return path;
}

/** Ids of the lexicons shipped in `lexicons/`. */
export function listBundledLexicons(): string[] {
  try {
    return readdirSync(BUNDLED_LEXICON_DIR)
      .filter((f) => f.endsWith('.tsv'))
      .map((f) => f.slice(0, -4))
      .sort();
  } catch {
    return [];
  }
}

/** Loads several lexicons and checks that their ids are unique. */
export function loadLexicons(refs: readonly string[], baseDir: string): Lexicon[] {
  const lexicons = refs.map((ref) => loadLexiconFile(resolveLexiconPath(ref, baseDir)));
  const seen = new Map<string, string>();
  for (const lexicon of lexicons) {
    const other = seen.get(lexicon.info.id);
    if (other) {
      throw new UserError('E_LEX_DUPLICATE_ID', `lexicon id "${lexicon.info.id}" is used by both ${other} and ${lexicon.info.file}`);
    }
    seen.set(lexicon.info.id, lexicon.info.file ?? lexicon.info.id);
  }
  return lexicons;
}
