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
const INVISIBLE = new Set([0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x00ad, 0x200e, 0x200f]);
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
      i++;
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
      } else if (INVISIBLE.has(c) && i + 1 < to && isWordCode(text.charCodeAt(i + 1))) {
        i++;
      } else if ((APOSTROPHES.has(c) || HYPHENS.has(c)) && i + 1 < to && isWordCode(text.charCodeAt(i + 1))) {
        form += APOSTROPHES.has(c) ? "'" : '-';
        i++;
      } else {
        break;
      }
    }
    starts.push(start);
    ends.push(end);
    forms.push(form.toLowerCase());
  }
  return { starts, ends, forms };
}

/** Letters outside the Basic Multilingual Plane arrive as surrogate pairs. */
function isSurrogateWord(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code < 0xd800 || code > 0xdbff) return false;
  const cp = text.codePointAt(i);
  return cp !== undefined && WORD_CHAR.test(String.fromCodePoint(cp));
}
