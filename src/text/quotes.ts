/**
 * Finds spans of quoted speech in a document, in one linear pass.
 *
 * Double quotes (straight, curly and guillemets) and single quotes used as quotation marks open and close
 * spans; an apostrophe inside a word ("don't") or after a plural ("Karsks' homes") does not. A quote left open
 * closes at the end of its paragraph, as news style leaves multi-paragraph quotes open. Only outermost spans
 * are returned: a quote inside a quote is still quoted speech.
 */

/** A quoted span `[start, end)` including its quotation marks. */
export interface QuoteSpan {
  readonly start: number;
  readonly end: number;
}

const DOUBLE_OPEN = new Set(['\u201c', '\u00ab', '\u201e']);
const DOUBLE_CLOSE = new Set(['\u201d', '\u00bb']);

/** Characters that can open or close a quotation, or end a paragraph; everything else is skipped in bulk. */
const QUOTE_OR_BREAK = /["'\n\u201c\u201d\u00ab\u00bb\u201e\u2018\u2019]/g;

/** Returns the outermost quoted spans of `text`, sorted by start. Visits only quote marks and line breaks. */
export function findQuoteSpans(text: string): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let open = -1;
  let kind: 'double' | 'single' | null = null;
  const n = text.length;
  const scanner = new RegExp(QUOTE_OR_BREAK.source, 'g');
  for (let m = scanner.exec(text); m !== null; m = scanner.exec(text)) {
    const i = m.index;
    const ch = text[i]!;
    if (ch === '\n') {
      if (open >= 0 && i + 1 < n && (text[i + 1] === '\n' || text[i + 1] === '\r')) {
        spans.push({ start: open, end: i });
        open = -1;
        kind = null;
      }
      continue;
    }
    if (ch === '"') {
      if (open < 0) {
        open = i;
        kind = 'double';
      } else if (kind === 'double') {
        spans.push({ start: open, end: i + 1 });
        open = -1;
        kind = null;
      }
    } else if (DOUBLE_OPEN.has(ch)) {
      if (open < 0) {
        open = i;
        kind = 'double';
      }
    } else if (DOUBLE_CLOSE.has(ch)) {
      if (open >= 0 && kind === 'double') {
        spans.push({ start: open, end: i + 1 });
        open = -1;
        kind = null;
      }
    } else {
      const wordBefore = i > 0 && isWordChar(text[i - 1]!);
      const wordAfter = i + 1 < n && isWordChar(text[i + 1]!);
      if (wordBefore && wordAfter) continue; // an apostrophe inside a word
      if (open < 0 && !wordBefore && wordAfter && ch !== '\u2019') {
        open = i;
        kind = 'single';
      } else if (open >= 0 && kind === 'single' && !wordAfter) {
        spans.push({ start: open, end: i + 1 });
        open = -1;
        kind = null;
      }
    }
  }
  if (open >= 0) spans.push({ start: open, end: n });
  return spans;
}

/** True when `[start, end)` lies inside one of the (sorted) spans. Binary search: spans may be many. */
export function insideQuote(spans: readonly QuoteSpan[], start: number, end: number): boolean {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid]!;
    if (s.end <= start) lo = mid + 1;
    else if (s.start >= end) hi = mid - 1;
    else return s.start <= start && end <= s.end;
  }
  return false;
}

function isWordChar(ch: string): boolean {
  return /[\p{L}\p{N}]/u.test(ch);
}
