import { describe, expect, it } from 'vitest';
import { UserErrors } from '../../src/core/errors.js';
import { parsePipeline } from '../../src/pipeline/config.js';

function problemsOf(yaml: string): UserErrors {
  try {
    parsePipeline(yaml, 'test.yaml');
  } catch (error) {
    if (error instanceof UserErrors) return error;
    throw error;
  }
  throw new Error('expected the config to be rejected');
}

describe('pipeline config', () => {
  it('accepts a minimal config and fills defaults', () => {
    const config = parsePipeline('name: x\ninputs:\n  - path: a.csv\n', '/tmp/p/x.yaml');
    expect(config.period).toBe('month');
    expect(config.lexicons).toEqual(['default']);
    expect(config.baseDir).toBe('/tmp/p');
    expect(config.configHash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('gives the same hash for the same config and another for a change', () => {
    const a = parsePipeline('name: x\ninputs:\n  - path: a.csv\n', 'a.yaml');
    const b = parsePipeline('name: x\ninputs: [{path: a.csv}]\n', 'b.yaml');
    const c = parsePipeline('name: x\nperiod: week\ninputs: [{path: a.csv}]\n', 'c.yaml');
    expect(a.configHash).toBe(b.configHash);
    expect(c.configHash).not.toBe(a.configHash);
  });

  it('reports every problem at once, each with its line', () => {
    const yaml = [
      'name: x', // 1
      'inputs:', // 2
      '  - path: a.csv', // 3
      '    formt: csv', // 4  typo
      'period: fortnight', // 5  bad enum
      'groups: outlet', // 6  not a list
      'indicators:', // 7
      '  confidence: 2', // 8  out of range
    ].join('\n');
    const error = problemsOf(yaml);
    expect(error.code).toBe('E_CONFIG_INVALID');
    const byLine = new Map(error.problems.map((p) => [p.place.line, p.message]));
    expect(byLine.get(3) ?? byLine.get(4)).toMatch(/formt/);
    expect(byLine.get(5)).toMatch(/fortnight/);
    expect(byLine.get(6)).toMatch(/groups/);
    expect(byLine.get(8)).toMatch(/confidence/);
    expect(error.problems.length).toBe(4);
    expect(error.format()).toContain('test.yaml:5');
  });

  it('reports a missing required key', () => {
    const error = problemsOf('name: x\n');
    expect(error.problems[0]!.message).toMatch(/inputs: is required/);
  });

  it('reports YAML syntax errors with their place', () => {
    const error = problemsOf('name: x\ninputs: [\n');
    expect(error.code).toBe('E_CONFIG_YAML');
    expect(error.problems[0]!.place.line).toBeGreaterThanOrEqual(2);
  });

  it('rejects an empty file with a clear message', () => {
    const error = problemsOf('');
    expect(error.problems.map((p) => p.message).join(' ')).toMatch(/name: is required/);
  });
});
