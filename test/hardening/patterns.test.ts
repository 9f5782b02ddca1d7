/**
 * Patterns that cannot hang: nothing a user writes in a lexicon or a pipeline becomes a backtracking
 * regular expression. Regex syntax in lexicon terms is refused; wildcards compile to a prefix table; date
 * formats run in one pass; path patterns run in a memoised search that is polynomial whatever the pattern.
 * Time limits here are hang guards (vitest timeouts), not performance assertions.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isUserError, UserErrors } from '../../src/core/errors.js';
import { parseLexicon } from '../../src/lexicon/parse.js';
import { compileTrie } from '../../src/lexicon/trie.js';
import { compileDateFormat, parseDate } from '../../src/readers/dates.js';
import { InputSpecSchema } from '../../src/readers/input-spec.js';
import { checkPathPattern, matchPathPattern } from '../../src/readers/path-pattern.js';
import { fuzz } from './helpers.js';

const HEADER = [
  '#! id: evil',
  '#! version: 1.0.0',
  '#! language: en',
  '#! measure: dehumanization',
  '#! source: test',
  '#! license: CC0',
  '#! description: hostile terms',
  '#! category: vermin\tanything',
  'term\tcategory',
].join('\n');

const lexicon = (terms: readonly string[]): string => `${HEADER}\n${terms.map((t) => `${t}\tvermin`).join('\n')}\n`;

function problemsOf(text: string): Array<{ code: string; line?: number }> {
  try {
    parseLexicon(text, 'evil.tsv');
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(UserErrors);
    return (error as UserErrors).problems.map((p) => ({ code: p.code, line: p.place.line }));
  }
}

describe('lexicon terms cannot be regular expressions', () => {
  const EVIL = ['(a+)+$', '(a|aa)+', '(.*a){20}', '([a-zA-Z]+)*', '^(a|a?)+$', 'a{1,99999}', '[^x]+', '\\d+', '(?=a)', 'a|b', '.*'];
  it.each(EVIL)('%s is rejected with E_LEX_CHARACTERS on its line', (term) => {
    const problems = problemsOf(lexicon([term]));
    expect(problems).toEqual([{ code: 'E_LEX_CHARACTERS', line: 10 }]);
  });

  it('all of them in one file: one problem per line', () => {
    const problems = problemsOf(lexicon(EVIL));
    expect(problems.map((p) => p.line)).toEqual(EVIL.map((_, i) => 10 + i));
    expect(new Set(problems.map((p) => p.code))).toEqual(new Set(['E_LEX_CHARACTERS']));
  });

  it('wildcards are only a final * after three letters', () => {
    expect(problemsOf(lexicon(['a*'])).map((p) => p.code)).toEqual(['E_LEX_WILDCARD']);
    expect(problemsOf(lexicon(['aa**'])).map((p) => p.code)).toEqual(['E_LEX_WILDCARD']);
    expect(problemsOf(lexicon(['*rat'])).map((p) => p.code)).toEqual(['E_LEX_CHARACTERS']);
    expect(problemsOf(lexicon(['aaaa*']))).toEqual([]);
  });

  it('aaaa* compiles to a prefix table: 1,000,000 tokens of aaaa... are matched and the run ends', () => {
    const lex = parseLexicon(lexicon(['aaaa*', 'aaa* aaa* aaa* aaa* aaa* aaa* aaa* aaa*']), 'wild.tsv');
    const trie = compileTrie(lex.entries);
    const forms = Array.from({ length: 1_000_000 }, (_, i) => 'a'.repeat(4 + (i % 40)));
    const matches = trie.matchAll(forms);
    // Every token starts one aaaa* match, and every run of eight starts one eight-wildcard match.
    expect(matches.length).toBe(1_000_000 + (1_000_000 - 7));
  }, 120_000);
});

describe('date formats from configs cannot hang', () => {
  const HOSTILE_FORMATS = ['%Y'.repeat(500), `${'%Y %m '.repeat(200)}`, `%Y${' '.repeat(5000)}%m`, `%Y${'%%'.repeat(2000)}`, '%Y-%m-%d %H:%M:%S %z %Z %p %f %b %a'];
  const HOSTILE_VALUES = ['1'.repeat(100_000), ' '.repeat(100_000), `2020${' '.repeat(100_000)}x`, '%'.repeat(100_000), `${'2020-'.repeat(20_000)}`, 'a'.repeat(100_000)];
  it('hostile formats on hostile values end with a result', () => {
    for (const f of HOSTILE_FORMATS) {
      const format = compileDateFormat(f);
      for (const v of HOSTILE_VALUES) {
        const r = parseDate(v, { format });
        expect(typeof r.ok).toBe('boolean');
      }
    }
  }, 60_000);

  it('any format text compiles to a format or E_DATE_FORMAT, and parses any value', async () => {
    const fmt = fc.oneof(fc.string({ maxLength: 40 }), fc.array(fc.constantFrom('%Y', '%m', '%d', '%H', '%M', '%S', '%f', '%b', '%p', '%z', '%Z', '%s', '%e', '%y', ' ', '-', '/', 'T', '%%', '%'), { maxLength: 20 }).map((a) => a.join('')));
    const value = fc.oneof(fc.string({ maxLength: 60 }), fc.stringMatching(/^[0-9 :/TZ+-]{0,40}$/));
    const n = await fuzz(
      'dateFormat',
      fc.asyncProperty(fc.tuple(fmt, value), async ([f, v]) => {
        let format;
        try {
          format = compileDateFormat(f);
        } catch (error) {
          expect(isUserError(error) && error.code === 'E_DATE_FORMAT').toBe(true);
          return;
        }
        const r = parseDate(v, { format });
        if (r.ok) expect(r.date).toMatch(/^[+-]?\d{4,6}/);
        else expect(r.reason.length).toBeGreaterThan(0);
      }),
    );
    expect(n).toBeGreaterThan(0);
  });

  it('the config schema accepts any dateFormat text; compiling it is where a bad one is refused', () => {
    expect(InputSpecSchema.safeParse({ path: 'x.csv', dateFormat: '(a+)+$' }).success).toBe(true);
    expect(() => compileDateFormat('(a+)+$')).toThrowError(expect.objectContaining({ code: 'E_DATE_FORMAT' }));
  });
});

/** The regex the path patterns were compiled to before, kept as the reference for small inputs. */
function referenceRegex(pattern: string): RegExp {
  let re = '';
  const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i];
    if (c === '{') {
      const close = pattern.indexOf('}', i);
      const name = pattern.slice(i + 1, close);
      const group = `(?<${name.replace(/\./g, '__')}>`;
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

function referenceMatch(pattern: string, path: string): Record<string, string> | undefined {
  const re = referenceRegex(pattern);
  let m = re.exec(path);
  if (!m) {
    const noGz = path.replace(/\.gz$/i, '');
    m = re.exec(noGz) ?? re.exec(noGz.replace(/\.[^./]*$/, ''));
  }
  if (!m) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.groups ?? {})) if (v !== undefined) out[k.replace(/__/g, '.')] = v;
  return out;
}

describe('path patterns from configs cannot hang', () => {
  it('adjacent fields, stars and globstars on long names end (these ran for minutes as a regex)', () => {
    const cases: Array<[string, string]> = [
      ['{a}{b}{c}{d}{e}{f}{g}.txt', 'a'.repeat(300)],
      ['{a}-{b}-{c}-{d}-{e}-{f}-{g}-{h}.txt', '-'.repeat(300)],
      ['*-*-*-*-*-*-*-*-*-*-.txt', '-'.repeat(300)],
      ['**/**/**/**/**/**/{x}.txt', `${'a/'.repeat(200)}b`],
      ['**{a}**{b}**{c}**{d}x', 'y'.repeat(300)],
      ['{date}{b}{c}{d}{e}x', '1'.repeat(3000)],
    ];
    for (const [pattern, path] of cases) expect(matchPathPattern(pattern, path)).toBeUndefined();
    expect(matchPathPattern('{date}{b}{c}{d}{e}', '1'.repeat(3000))).toEqual({ date: '1'.repeat(2996), b: '1', c: '1', d: '1', e: '1' });
    expect(matchPathPattern('{a}{b}{c}.txt', 'abc.txt')).toEqual({ a: 'a', b: 'b', c: 'c' });
  }, 60_000);

  it('a pattern longer than any folder layout is refused', () => {
    expect(() => checkPathPattern('*/'.repeat(1000))).toThrow(/at most/);
  });

  it('captures exactly what the regex captured, on small patterns and paths', async () => {
    const piece = fc.constantFrom('{source}', '{date}', '{id}', '{a.b}', '*', '**', '**/', '/', '-', '.', '.txt', 'x', '_', '2020');
    const patternArb = fc.array(piece, { minLength: 1, maxLength: 6 }).map((ps) => {
      const seen = new Set<string>();
      return ps.filter((p) => !(p.startsWith('{') && (seen.has(p) || !seen.add(p)))).join('');
    });
    const pathArb = fc.array(fc.constantFrom('nyt', 'fox', '/', '-', '.', 'txt', '.gz', '2020', '01', '1999-03-02', 'T', ':', 'x', '_', 'a b'), { minLength: 1, maxLength: 8 }).map((p) => p.join(''));
    const n = await fuzz(
      'pathPattern',
      fc.asyncProperty(fc.tuple(patternArb, pathArb), async ([pattern, path]) => {
        try {
          checkPathPattern(pattern);
        } catch {
          return;
        }
        expect(matchPathPattern(pattern, path)).toEqual(referenceMatch(pattern, path));
      }),
    );
    expect(n).toBeGreaterThan(0);
  });
});
