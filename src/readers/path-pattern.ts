/**
 * Metadata from file paths: `{source}/{date}-{id}.txt` matched against the path of each file
 * relative to the input folder. `{name}` captures within one path segment, `*` matches within a
 * segment, `**` across segments. The pattern is anchored at the end of the path, so it may describe
 * only the last segments.
 */

const compiled = new Map<string, RegExp>();

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compile(pattern: string): RegExp {
  let re = '';
  const names: string[] = [];
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i];
    if (c === '{') {
      const close = pattern.indexOf('}', i);
      if (close < 0) throw new Error(`pathPattern ${JSON.stringify(pattern)}: "{" at position ${i + 1} is not closed`);
      const name = pattern.slice(i + 1, close);
      if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name)) throw new Error(`pathPattern ${JSON.stringify(pattern)}: bad field name ${JSON.stringify(name)}`);
      if (names.includes(name)) throw new Error(`pathPattern ${JSON.stringify(pattern)}: field ${name} appears twice`);
      names.push(name);
      const group = `(?<${name.replace(/\./g, '__')}>`;
      // A date spans digits and separators and must not stop at its first dash; other fields take as little as they can.
      re += name === 'date' ? `${group}[0-9][0-9._:T-]*[0-9])` : `${group}[^/]+?)`;
      i = close + 1;
    } else if (c === '*' && pattern[i + 1] === '*') {
      re += pattern[i + 2] === '/' ? '(?:[^/]+/)*' : '.*';
      i += pattern[i + 2] === '/' ? 3 : 2;
    } else if (c === '*') {
      re += '[^/]*';
      i++;
    } else {
      re += escape(c);
      i++;
    }
  }
  return new RegExp(`(?:^|/)${re}$`);
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
  let re = compiled.get(pattern);
  if (!re) {
    re = compile(pattern);
    compiled.set(pattern, re);
  }
  const path = relPath.replace(/\\/g, '/');
  let m = re.exec(path);
  if (!m) {
    const noGz = path.replace(/\.gz$/i, '');
    const noExt = noGz.replace(/\.[^./]*$/, '');
    m = re.exec(noGz) ?? re.exec(noExt);
  }
  if (!m) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.groups ?? {})) if (v !== undefined) out[k.replace(/__/g, '.')] = v;
  return out;
}
