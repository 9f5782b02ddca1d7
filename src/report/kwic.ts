/** Keyword in context: a finding's match with the words around it, cut at word boundaries. */

/** Characters of context kept on each side of the match. */
export const KWIC_WIDTH = 70;

/** The three parts of a keyword-in-context line. */
export interface Kwic {
  readonly left: string;
  readonly match: string;
  readonly right: string;
}

/**
 * Splits `context` around the match that starts at `offset` and is `length` long. When the offset does not
 * fit the context (a very long sentence that was cut), the match is shown alone.
 */
export function kwic(context: string, offset: number, match: string, width = KWIC_WIDTH): Kwic {
  if (offset < 0 || offset > context.length) return { left: '', match, right: '' };
  const end = Math.min(context.length, offset + match.length);
  let left = context.slice(Math.max(0, offset - width), offset);
  let right = context.slice(end, end + width);
  if (offset > width) left = `…${left.replace(/^\S*\s/, '')}`;
  if (end + width < context.length) right = `${right.replace(/\s\S*$/, '')}…`;
  return { left, match: context.slice(offset, end) || match, right };
}
