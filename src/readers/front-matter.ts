/**
 * Front matter: a YAML block between `---` lines at the very top of a text or transcript file,
 * holding metadata such as date, source, participant or session.
 */
import { parse as parseYaml } from 'yaml';

/** The split of a file into metadata and body, or the reason the block could not be read. */
export type FrontMatterResult =
  | { readonly ok: true; readonly meta: Record<string, unknown>; readonly body: string; readonly bodyLine: number }
  | { readonly ok: false; readonly message: string; readonly line: number };

/** Splits off a front-matter block when the text starts with `---`; otherwise the whole text is the body. */
export function splitFrontMatter(text: string): FrontMatterResult {
  if (!/^---[ \t]*\r?\n/.test(text)) return { ok: true, meta: {}, body: text, bodyLine: 1 };
  const lines = text.split('\n');
  let close = -1;
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i].replace(/\r$/, '').trimEnd();
    if (l === '---' || l === '...') {
      close = i;
      break;
    }
  }
  if (close < 0) return { ok: false, message: 'expected a closing "---" line for the front matter opened on line 1, found none', line: 1 };
  const yamlText = lines.slice(1, close).join('\n');
  let meta: unknown;
  try {
    meta = yamlText.trim() === '' ? {} : parseYaml(yamlText);
  } catch (error) {
    return { ok: false, message: `expected YAML "key: value" lines in the front matter, found an error: ${(error as Error).message.split('\n')[0]}`, line: 2 };
  }
  if (meta === null || typeof meta !== 'object' || Array.isArray(meta)) {
    return { ok: false, message: `expected "key: value" pairs in the front matter, found ${Array.isArray(meta) ? 'a list' : typeof meta}`, line: 2 };
  }
  // YAML turns `date: 1999-03-02` into a Date object; the readers parse dates themselves, so keep the text form.
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(meta as Record<string, unknown>)) out[k] = v instanceof Date ? v.toISOString().replace(/T00:00:00\.000Z$/, '') : v;
  // A file that ends with the closing line has no body line; point at the closing line, not past the end.
  return { ok: true, meta: out, body: lines.slice(close + 1).join('\n'), bodyLine: Math.min(close + 2, lines.length) };
}
