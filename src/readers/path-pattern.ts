/**
 * Metadata from file paths: `{source}/{date}-{id}.txt` matched against the path of each file
 * relative to the input folder. `{name}` captures within one path segment, `*` matches within a
 * segment, `**` across segments. The pattern is anchored at the end of the path, so it may describe
 * only the last segments.
 */

/**
 * A compiled pattern. It is matched by a small memoised search, not a RegExp: a user's pattern such as
 * `{a}{b}{c}{d}{e}{f}{g}.txt` compiled to adjacent lazy groups made a backtracking regex run for minutes
 * on one long file name. The search tries the same choices in the same order as the regex did (fields as
 * short as possible, `{date}`, `*` and `**` as long as possible, the leftmost start first) and remembers
 * which (token, position) pairs failed, so it is polynomial in the path length whatever the pattern.
 */
type PatternToken =
  | { readonly kind: 'lit'; readonly text: string }
  | { readonly kind: 'field'; readonly name: string; readonly date: boolean }
  | { readonly kind: 'star' }
  | { readonly kind: 'dirs' }
  | { readonly kind: 'any' };

/** Longest pattern accepted; a path pattern describes a few folder levels, not a document. */
const MAX_PATTERN_CHARS = 1000;

const compiled = new Map<string, readonly PatternToken[]>();

function compile(pattern: string): readonly PatternToken[] {
  if (pattern.length > MAX_PATTERN_CHARS) throw new Error(`pathPattern is ${pattern.length} characters long; at most ${MAX_PATTERN_CHARS} are accepted`);
  const tokens: PatternToken[] = [];
  const names: string[] = [];
  const lit = (c: string): void => {
    const last = tokens[tokens.length - 1];
    if (last?.kind === 'lit') tokens[tokens.length - 1] = { kind: 'lit', text: last.text + c };
    else tokens.push({ kind: 'lit', text: c });
  };
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i];
    if (c === '{') {
      const close = pattern.indexOf('}', i);
      if (close < 0) throw new Error(`pathPattern ${JSON.stringify(pattern)}: "{" at position ${i + 1} is not closed`);
      const name = pattern.slice(i + 1, close);
      if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name)) throw new Error(`pathPattern ${JSON.stringify(pattern)}: bad field name ${JSON.stringify(name)}`);
      if (names.includes(name)) throw new Error(`pathPattern ${JSON.stringify(pattern)}: field ${name} appears twice`);
      names.push(name);
      // A date spans digits and separators and must not stop at its first dash; other fields take as little as they can.
      tokens.push({ kind: 'field', name, date: name === 'date' });
      i = close + 1;
    } else if (c === '*' && pattern[i + 1] === '*') {
      tokens.push({ kind: pattern[i + 2] === '/' ? 'dirs' : 'any' });
      i += pattern[i + 2] === '/' ? 3 : 2;
    } else if (c === '*') {
      tokens.push({ kind: 'star' });
      i++;
    } else {
      lit(c);
      i++;
    }
  }
  return tokens;
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isDateChar = (c: string): boolean => isDigit(c) || c === '.' || c === '_' || c === ':' || c === 'T' || c === '-';

/** Matches the tokens against the whole path, starting at its beginning or after any `/`. */
function run(tokens: readonly PatternToken[], path: string): Record<string, string> | undefined {
  const n = path.length;
  const failed = new Set<number>();
  const caps: Array<[string, number, number]> = [];
  const segmentEnd = (from: number): number => {
    const slash = path.indexOf('/', from);
    return slash < 0 ? n : slash;
  };
  const step = (i: number, pos: number): boolean => {
    if (i === tokens.length) return pos === n;
    const key = i * (n + 1) + pos;
    if (failed.has(key)) return false;
    const t = tokens[i];
    let ok = false;
    if (t.kind === 'lit') ok = path.startsWith(t.text, pos) && step(i + 1, pos + t.text.length);
    else if (t.kind === 'star') for (let e = segmentEnd(pos); e >= pos && !ok; e--) ok = step(i + 1, e);
    else if (t.kind === 'any') for (let e = n; e >= pos && !ok; e--) ok = step(i + 1, e);
    else if (t.kind === 'dirs') {
      // Zero or more whole folder names, each followed by "/"; as many as possible first.
      const ends = [pos];
      for (let p = pos; ; ) {
        const q = segmentEnd(p);
        if (q >= n || q === p) break;
        p = q + 1;
        ends.push(p);
      }
      for (let k = ends.length - 1; k >= 0 && !ok; k--) ok = step(i + 1, ends[k]);
    } else if (t.date) {
      if (isDigit(path[pos])) {
        let end = pos + 1;
        while (end < n && isDateChar(path[end])) end++;
        for (let e = end; e >= pos + 2 && !ok; e--) {
          if (!isDigit(path[e - 1])) continue;
          caps.push([t.name, pos, e]);
          ok = step(i + 1, e);
          if (!ok) caps.pop();
        }
      }
    } else {
      const end = segmentEnd(pos);
      for (let e = pos + 1; e <= end && !ok; e++) {
        caps.push([t.name, pos, e]);
        ok = step(i + 1, e);
        if (!ok) caps.pop();
      }
    }
    if (!ok) failed.add(key);
    return ok;
  };
  for (let s = 0; s <= n; s = path.indexOf('/', s) + 1) {
    caps.length = 0;
    if (step(0, s)) {
      const out: Record<string, string> = {};
      for (const [name, a, b] of caps) out[name] = path.slice(a, b);
      return out;
    }
    if (path.indexOf('/', s) < 0) break;
  }
  return undefined;
}

/** Throws a plain Error with the reason when the pattern is malformed; used to validate configs early. */
export function checkPathPattern(pattern: string): void {
  compile(pattern);
}

/**
 * Captures of `pattern` in `relPath`, or undefined when it does not match. When the pattern has no
 * extension and the path does, the path is tried again without it (`{source}/{id}` fits `nyt/17.txt`).
 */
export function matchPathPattern(pattern: string, relPath: string): Record<string, string> | undefined {
  let tokens = compiled.get(pattern);
  if (!tokens) {
    tokens = compile(pattern);
    compiled.set(pattern, tokens);
  }
  const path = relPath.replace(/\\/g, '/');
  let m = run(tokens, path);
  if (!m) {
    const noGz = path.replace(/\.gz$/i, '');
    const noExt = noGz.replace(/\.[^./]*$/, '');
    m = run(tokens, noGz) ?? run(tokens, noExt);
  }
  return m;
}
