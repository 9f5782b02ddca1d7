/**
 * Parses and validates a lexicon file (docs/lexicon-format.md). Every problem is collected with its line,
 * so a user fixing a lexicon sees all of them at once.
 */

import { createHash } from 'node:crypto';
import { UserError, UserErrors } from '../core/errors.js';
import type { Side } from '../core/types.js';
import {
  LEXICON_KINDS,
  PARTS_OF_SPEECH,
  SLOTS,
  type Lexicon,
  type LexiconEntry,
  type LexiconInfo,
  type LexiconKind,
  type PartOfSpeech,
  type Slot,
  type TermElement,
} from './types.js';

const REQUIRED_HEADERS = ['id', 'version', 'language', 'measure', 'source', 'license', 'description'] as const;
const KNOWN_HEADERS = new Set<string>([...REQUIRED_HEADERS, 'category']);
const KNOWN_COLUMNS = new Set(['term', 'category', 'weight', 'pos', 'side', 'notes']);
const SIDES: readonly Side[] = ['ingroup', 'outgroup', 'third', 'unspecified'];
const MAX_TERM_TOKENS = 8;
/** A term token: letters, digits and marks, with single internal apostrophes or hyphens. */
const TOKEN_SHAPE = /^[\p{L}\p{N}\p{M}]+(?:['-][\p{L}\p{N}\p{M}]+)*$/u;

/** Parses lexicon text. `file` names it in messages. Throws {@link UserErrors} listing every problem. */
export function parseLexicon(text: string, file: string): Lexicon {
  const problems: UserError[] = [];
  const problem = (code: string, line: number, message: string, hint?: string): void => {
    problems.push(new UserError(code, message, { place: { file, line }, hint }));
  };
  const headers = new Map<string, string>();
  const categories = new Map<string, string>();
  let columns: string[] | null = null;
  const rows: Array<{ line: number; cells: string[] }> = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);

  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.startsWith('#!')) {
      const colon = raw.indexOf(':');
      if (colon < 0) {
        problem('E_LEX_HEADER_UNKNOWN', line, `expected "#! key: value", found "${truncate(raw)}"`);
        return;
      }
      const key = raw.slice(2, colon).trim();
      const value = raw.slice(colon + 1).trim();
      if (!KNOWN_HEADERS.has(key)) {
        problem('E_LEX_HEADER_UNKNOWN', line, `unknown header "${key}"`, `known headers: ${[...KNOWN_HEADERS].join(', ')}`);
      } else if (key === 'category') {
        const [name, ...description] = value.split('\t');
        const categoryName = (name ?? '').trim();
        if (!/^[a-z][a-z0-9_]*$/.test(categoryName)) {
          problem('E_LEX_CATEGORY', line, `category names are lower-case words with "_", found "${categoryName}"`);
        } else if (categories.has(categoryName)) {
          problem('E_LEX_DUPLICATE', line, `category "${categoryName}" is declared twice`);
        } else {
          categories.set(categoryName, description.join(' ').trim());
        }
      } else if (headers.has(key)) {
        problem('E_LEX_DUPLICATE', line, `header "${key}" is given twice`);
      } else {
        headers.set(key, value);
      }
      return;
    }
    if (raw.startsWith('#') || raw.trim() === '') return;
    const cells = raw.split('\t');
    if (columns === null) {
      columns = cells.map((c) => c.trim());
      const unknown = columns.filter((c) => !KNOWN_COLUMNS.has(c));
      if (unknown.length > 0 || !columns.includes('term') || !columns.includes('category')) {
        problem(
          'E_LEX_COLUMNS',
          line,
          `expected a column row with "term" and "category" (and optionally weight, pos, side, notes), found "${truncate(raw)}"`,
        );
      }
      return;
    }
    rows.push({ line, cells });
  });

  for (const key of REQUIRED_HEADERS) {
    if (!headers.get(key)) problem('E_LEX_HEADER_MISSING', 1, `the header "#! ${key}: ..." is missing or empty`);
  }
  const version = headers.get('version') ?? '';
  if (version && !/^\d+\.\d+\.\d+$/.test(version)) {
    problem('E_LEX_VERSION', 1, `version must be MAJOR.MINOR.PATCH, found "${version}"`);
  }
  const id = headers.get('id') ?? '';
  if (id && !/^[a-z0-9][a-z0-9-]*$/.test(id)) problem('E_LEX_HEADER_MISSING', 1, `id must be lower-case letters, digits and "-", found "${id}"`);
  const measure = headers.get('measure') ?? '';
  if (measure && !(LEXICON_KINDS as readonly string[]).includes(measure)) {
    problem('E_LEX_HEADER_UNKNOWN', 1, `measure must be one of ${LEXICON_KINDS.join(', ')}, found "${measure}"`);
  }
  if (categories.size === 0) problem('E_LEX_HEADER_MISSING', 1, 'at least one "#! category: NAME<TAB>description" is required');

  const info: LexiconInfo = {
    id,
    version,
    language: headers.get('language') ?? '',
    measure: measure as LexiconKind,
    source: headers.get('source') ?? '',
    license: headers.get('license') ?? '',
    description: headers.get('description') ?? '',
    categories,
    file,
    sha256: createHash('sha256').update(text).digest('hex'),
  };

  const entries: LexiconEntry[] = [];
  const seen = new Map<string, number>();
  const cols: string[] = columns ?? ['term', 'category'];
  for (const { line, cells } of rows) {
    if (cells.length > cols.length) {
      problem('E_LEX_WIDTH', line, `expected at most ${cols.length} tab-separated cells (${cols.join(', ')}), found ${cells.length}`);
      continue;
    }
    const cell = (name: string): string => {
      const at = cols.indexOf(name);
      return at >= 0 ? (cells[at] ?? '').trim() : '';
    };
    const term = cell('term').toLowerCase().replace(/\s+/g, ' ');
    if (term === '') {
      problem('E_LEX_EMPTY_TERM', line, 'the term is empty');
      continue;
    }
    const elements = parseTerm(term, (code, message) => problem(code, line, message));
    const category = cell('category');
    if (!categories.has(category)) {
      problem('E_LEX_CATEGORY', line, `category "${category}" is not declared in the header`, `declared: ${[...categories.keys()].join(', ')}`);
    }
    const weightText = cell('weight');
    const weight = weightText === '' ? 1 : Number(weightText);
    if (!(weight > 0 && weight <= 1)) problem('E_LEX_WEIGHT', line, `weight must be a number in (0, 1], found "${weightText}"`);
    const posText = cell('pos') || 'phrase';
    if (!(PARTS_OF_SPEECH as readonly string[]).includes(posText)) {
      problem('E_LEX_POS', line, `pos must be one of ${PARTS_OF_SPEECH.join(', ')}, found "${posText}"`);
    }
    const sideText = cell('side') || 'unspecified';
    if (!(SIDES as readonly string[]).includes(sideText)) {
      problem('E_LEX_SIDE', line, `side must be one of ${SIDES.join(', ')}, found "${sideText}"`);
    }
    const key = `${term}\u0000${category}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problem('E_LEX_DUPLICATE', line, `"${term}" in category "${category}" is already on line ${first}`);
      continue;
    }
    seen.set(key, line);
    if (!elements) continue;
    entries.push({
      term,
      elements,
      category,
      weight,
      pos: posText as PartOfSpeech,
      side: sideText as Side,
      notes: cell('notes'),
      line,
      lexicon: info,
    });
  }

  if (problems.length > 0) {
    throw new UserErrors('E_LEX_INVALID', `${file}: ${problems.length} problem(s) in the lexicon`, problems);
  }
  return { info, entries };
}

/** Splits a term into elements, reporting bad tokens. Returns null when the term is unusable. */
function parseTerm(term: string, problem: (code: string, message: string) => void): TermElement[] | null {
  const tokens = term.split(' ');
  if (tokens.length > MAX_TERM_TOKENS) {
    problem('E_LEX_CHARACTERS', `a term has at most ${MAX_TERM_TOKENS} words, "${term}" has ${tokens.length}`);
    return null;
  }
  const elements: TermElement[] = [];
  for (const token of tokens) {
    if (token.startsWith('<')) {
      if (!(SLOTS as readonly string[]).includes(token)) {
        problem('E_LEX_SLOT', `unknown slot "${token}" in "${term}"; slots are ${SLOTS.join(', ')}`);
        return null;
      }
      elements.push({ type: 'slot', value: token as Slot });
    } else if (token.endsWith('*')) {
      const prefix = token.slice(0, -1);
      // "([a-z]+)*" and ".*" are pattern syntax, not a short wildcard: say so with the same code as any other.
      if (!prefix.includes('*') && /[^\p{L}\p{N}\p{M}'-]/u.test(prefix)) {
        problem('E_LEX_CHARACTERS', `"${token}" in "${term}" has characters a word token cannot have (punctuation, symbols or pattern syntax)`);
        return null;
      }
      if (prefix.length < 3 || !TOKEN_SHAPE.test(prefix)) {
        problem('E_LEX_WILDCARD', `a wildcard needs at least 3 letters before a single final "*", found "${token}" in "${term}"`);
        return null;
      }
      elements.push({ type: 'prefix', value: prefix });
    } else if (!TOKEN_SHAPE.test(token)) {
      problem('E_LEX_CHARACTERS', `"${token}" in "${term}" has characters a word token cannot have (punctuation, symbols or pattern syntax)`);
      return null;
    } else {
      elements.push({ type: 'word', value: token });
    }
  }
  if (elements.every((e) => e.type === 'slot')) {
    problem('E_LEX_SLOT', `"${term}" has only slots; a term needs at least one word`);
    return null;
  }
  if (elements[0]?.type === 'slot' && elements[0].value === '<any>') {
    problem('E_LEX_SLOT', `"${term}" may not start with <any>`);
    return null;
  }
  return elements;
}

function truncate(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
