/**
 * Rule-based sentence segmentation with character offsets, linear in the text length.
 *
 * A sentence ends at `.`, `!`, `?` or `…` (plus any closing quotes and brackets) followed by white space and
 * something that can start a sentence, unless the word before the period is a known abbreviation or a single
 * initial. A blank line always ends a sentence (headlines, transcript turns). Very long runs without an end
 * are cut at {@link MAX_SENTENCE_CHARS} so that one pathological line cannot make a sentence of 50 MB.
 */

/** A sentence's span in the text. */
export interface SentenceSpan {
  readonly start: number;
  readonly end: number;
}

/** Longest sentence we analyse as one unit; longer runs are cut at the nearest space before the limit. */
export const MAX_SENTENCE_CHARS = 2000;

const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'gen', 'col', 'lt', 'sgt', 'capt', 'gov', 'sen', 'rep',
  'rev', 'hon', 'pres', 'vs', 'etc', 'inc', 'ltd', 'co', 'corp', 'no', 'nos', 'vol', 'fig', 'jan', 'feb', 'mar',
  'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'approx', 'dept', 'est', 'mt', 'ft', 'e.g', 'i.e',
  'u.s', 'u.k', 'u.n', 'e.u', 'a.m', 'p.m',
]);
const CLOSERS = new Set(['"', "'", '\u201d', '\u2019', ')', ']', '\u00bb'].map((c) => c.charCodeAt(0)));
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
const DOT = 0x2e;
const BANG = 0x21;
const QUESTION = 0x3f;
const ELLIPSIS = 0x2026;

/** Splits `text` into sentence spans, trimmed of surrounding white space; empty sentences are dropped. */
export function splitSentences(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  const n = text.length;
  let start = 0;
  let i = 0;
  const push = (end: number): void => {
    let s = start;
    let e = end;
    while (s < e && isSpace(text.charCodeAt(s))) s++;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    if (e > s) spans.push({ start: s, end: e });
    start = end;
  };
  while (i < n) {
    // Character codes, not one-character strings: this loop sees every character of the corpus.
    const ch = text.charCodeAt(i);
    if (ch === LF || ch === CR) {
      // A blank line (two line breaks with only spaces between) ends a sentence.
      let j = i + 1;
      if (ch === CR && text.charCodeAt(j) === LF) j++;
      let k = j;
      while (k < n && (text.charCodeAt(k) === SPACE || text.charCodeAt(k) === TAB)) k++;
      if (k < n && (text.charCodeAt(k) === LF || text.charCodeAt(k) === CR)) {
        push(i);
        i = k;
        continue;
      }
      i = j;
      continue;
    }
    if (ch === DOT || ch === BANG || ch === QUESTION || ch === ELLIPSIS) {
      let j = i + 1;
      while (j < n && (text.charCodeAt(j) === DOT || text.charCodeAt(j) === BANG || text.charCodeAt(j) === QUESTION)) {
        j++;
        // Ten million dots are not one sentence either: cut a run of end marks at the limit.
        if (j - start >= MAX_SENTENCE_CHARS) break;
      }
      while (j < n && CLOSERS.has(text.charCodeAt(j)) && j - start < MAX_SENTENCE_CHARS) j++;
      if (j - start >= MAX_SENTENCE_CHARS && j < n) {
        push(j);
        i = j;
        continue;
      }
      if (j >= n) {
        i = j;
        continue;
      }
      if (!isSpace(text.charCodeAt(j))) {
        i = j;
        continue;
      }
      let k = j;
      while (k < n && isSpace(text.charCodeAt(k))) k++;
      if (ch === DOT && j === i + 1 && isAbbreviation(text, i)) {
        i = k;
        continue;
      }
      if (k < n && !canStartSentence(text.charCodeAt(k))) {
        i = k;
        continue;
      }
      push(j);
      i = k;
      continue;
    }
    if (i - start >= MAX_SENTENCE_CHARS) {
      let cut = i;
      while (cut > start + MAX_SENTENCE_CHARS / 2 && !isSpace(text.charCodeAt(cut))) cut--;
      if (cut <= start + MAX_SENTENCE_CHARS / 2) cut = i;
      push(cut);
    }
    i++;
  }
  push(n);
  return spans;
}

function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x2028 || code === 0x2029;
}

function canStartSentence(code: number): boolean {
  // Lower-case after a period is usually an abbreviation or a list; anything else (capitals, digits, quotes,
  // other scripts) may start a sentence.
  return !(code >= 0x61 && code <= 0x7a);
}

function isAbbreviation(text: string, dot: number): boolean {
  let s = dot;
  while (s > 0 && /[A-Za-z.]/.test(text[s - 1]!)) s--;
  const word = text.slice(s, dot).toLowerCase();
  if (word.length === 1) return true; // an initial: "J. Smith"
  return ABBREVIATIONS.has(word);
}
