/**
 * A hand-written word tokenizer for the cheap pass that runs on every sentence.
 *
 * It produces parallel arrays (offsets and lower-cased forms) rather than one object per token, because it
 * runs over every character of a corpus. Zero-width characters and soft hyphens inside a word are skipped
 * so that "v\u200bermin" still reads as "vermin"; curly apostrophes fold to "'" so "don’t" equals "don't".
 */

/** Tokens of one text: `starts[i]`..`ends[i]` are offsets in the text, `forms[i]` the normalised lower-case word. */
export interface Tokens {
  readonly starts: number[];
  readonly ends: number[];
  readonly forms: string[];
}

const APOSTROPHES = new Set([0x27, 0x2019, 0x2018, 0x02bc]);
const HYPHENS = new Set([0x2d, 0x2010, 0x2011]);
/** Invisible characters people use to hide words from filters; they never split a word. */
const INVISIBLE = new Set([
  0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x00ad, 0x200e, 0x200f,
  // Combining grapheme joiner, Mongolian vowel separator, invisible operators and bidi marks: also used to hide words.
  0x034f, 0x180e, 0x2061, 0x2062, 0x2063, 0x2064, 0x061c, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069,
  // NUL, left in text by broken exports: "ver\0min" still reads "vermin".
  0x0000,
]);
const ESC = 0x1b;
/** Fewest single letters in a row ("v e r m i n") that are read as one spaced-out word. */
const MIN_SPACED_LETTERS = 4;
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

/** True when the character code can be part of a word. ASCII is decided without a regular expression. */
export function isWordCode(code: number): boolean {
  if (code < 0x80) {
    return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39);
  }
  if (INVISIBLE.has(code)) return false;
  return WORD_CHAR.test(String.fromCharCode(code));
}

/** True for characters that are invisible and must not break a word. */
export function isInvisibleCode(code: number): boolean {
  return INVISIBLE.has(code);
}

/**
 * Splits `text[from, to)` into word tokens. Apostrophes and hyphens count as part of a word only between
 * two word characters ("don't", "so-called"), so quotes and dashes around words are not tokens.
 */
export function tokenize(text: string, from = 0, to = text.length): Tokens {
  const starts: number[] = [];
  const ends: number[] = [];
  const forms: string[] = [];
  let i = from;
  while (i < to) {
    const code = text.charCodeAt(i);
    if (!isWordCode(code) && !isSurrogateWord(text, i)) {
      // A terminal colour code ("\u001b[31m") is markup, not text: skip it whole, so "31m" does not stick to
      // the next word and hide it.
      i = code === ESC ? skipEscapeSequence(text, i, to) : i + 1;
      continue;
    }
    const start = i;
    let form = '';
    let end = i;
    while (i < to) {
      const c = text.charCodeAt(i);
      if (isWordCode(c)) {
        form += text[i];
        i++;
        end = i;
      } else if (isSurrogateWord(text, i)) {
        form += text.slice(i, i + 2);
        i += 2;
        end = i;
      } else if (INVISIBLE.has(c)) {
        // A run of invisible characters inside a word ("v\u200b\u200bermin") is skipped as a whole.
        let j = i + 1;
        while (j < to && INVISIBLE.has(text.charCodeAt(j))) j++;
        if (j < to && (isWordCode(text.charCodeAt(j)) || isSurrogateWord(text, j))) i = j;
        else break;
      } else if ((APOSTROPHES.has(c) || HYPHENS.has(c)) && i + 1 < to && isWordCode(text.charCodeAt(i + 1))) {
        form += APOSTROPHES.has(c) ? "'" : '-';
        i++;
      } else {
        break;
      }
    }
    starts.push(start);
    ends.push(end);
    forms.push(normalizeForm(form));
  }
  joinSpacedLetters(text, starts, ends, forms);
  return { starts, ends, forms };
}

/** Lower case; fullwidth and styled letters ("ｖｅｒｍｉｎ", "𝐯𝐞𝐫𝐦𝐢𝐧") folded to plain ones (NFKC). */
function normalizeForm(form: string): string {
  for (let k = 0; k < form.length; k++) {
    if (form.charCodeAt(k) >= 0x80) return form.normalize('NFKC').toLowerCase();
  }
  return form.toLowerCase();
}

/** "v-e-r-m-i-n" (single letters joined by hyphens, at least {@link MIN_SPACED_LETTERS}) reads as "vermin". */
function hyphenatedLetters(form: string): string {
  if (form.length < MIN_SPACED_LETTERS * 2 - 1 || form.length % 2 === 0 || form[1] !== '-') return form;
  for (let k = 1; k < form.length; k += 2) if (form[k] !== '-' || form[k - 1] === '-') return form;
  return form.replace(/-/g, '');
}

/**
 * Joins runs of single letters separated by one space, dot or hyphen ("v e r m i n", "v.e.r.m.i.n") into one
 * token spanning them, as readers read them. Needs {@link MIN_SPACED_LETTERS} letters, so "a" and "I" stay words.
 */
function joinSpacedLetters(text: string, starts: number[], ends: number[], forms: string[]): void {
  // Nearly every sentence has neither a run of single letters nor a hyphen-spelled word: check that first,
  // without rewriting the arrays.
  let run = 0;
  let longestRun = 0;
  let hyphenSpelled = false;
  for (let k = 0; k < forms.length; k++) {
    const f = forms[k]!;
    run = f.length === 1 || ends[k]! - starts[k]! === 1 ? run + 1 : 0;
    if (run > longestRun) longestRun = run;
    if (f.length >= MIN_SPACED_LETTERS * 2 - 1 && f.charCodeAt(1) === 0x2d) hyphenSpelled = true;
  }
  if (longestRun < MIN_SPACED_LETTERS && !hyphenSpelled) return;
  const single = (k: number): boolean => ends[k] - starts[k] === 1 || (forms[k].length === 1 && ends[k] - starts[k] <= 2);
  const glued = (k: number): boolean => {
    if (starts[k + 1] - ends[k] !== 1) return false;
    const c = text.charCodeAt(ends[k]);
    return c === 0x20 || c === 0x2e || c === 0x2d;
  };
  let w = 0;
  for (let r = 0; r < forms.length; ) {
    let e = r;
    while (e + 1 < forms.length && single(e) && single(e + 1) && glued(e)) e++;
    if (e - r + 1 >= MIN_SPACED_LETTERS) {
      starts[w] = starts[r];
      ends[w] = ends[e];
      forms[w] = forms.slice(r, e + 1).join('');
      w++;
      r = e + 1;
      continue;
    }
    starts[w] = starts[r];
    ends[w] = ends[r];
    forms[w] = hyphenatedLetters(forms[r]);
    w++;
    r++;
  }
  starts.length = w;
  ends.length = w;
  forms.length = w;
}

/** Letters outside the Basic Multilingual Plane arrive as surrogate pairs. */
function isSurrogateWord(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code < 0xd800 || code > 0xdbff) return false;
  const cp = text.codePointAt(i);
  return cp !== undefined && WORD_CHAR.test(String.fromCodePoint(cp));
}

/**
 * The end of an ANSI escape sequence starting at `i` (ESC): a CSI sequence "ESC [ parameters final-byte"; any
 * other ESC is skipped alone. At most 32 characters, so a stray ESC cannot swallow text.
 */
function skipEscapeSequence(text: string, i: number, to: number): number {
  if (text.charCodeAt(i + 1) !== 0x5b) return i + 1;
  for (let j = i + 2; j < to && j < i + 32; j++) {
    const c = text.charCodeAt(j);
    if (c >= 0x40 && c <= 0x7e) return j + 1;
    if (!((c >= 0x30 && c <= 0x3f) || (c >= 0x20 && c <= 0x2f))) return j;
  }
  return Math.min(to, i + 2);
}
