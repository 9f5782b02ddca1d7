/**
 * Field paths (`meta.date`, `a.b.c`) into parsed records, and flattening of the rest of a record
 * into scalar metadata fields.
 */
import type { FieldValue } from '../core/types.js';

/**
 * Value at a dotted path. A key that itself contains dots (a CSV column named `meta.date`)
 * wins over descending, because flat records are the common case and must not be surprised.
 */
export function getPath(record: unknown, path: string): unknown {
  if (record === null || typeof record !== 'object') return undefined;
  const obj = record as Record<string, unknown>;
  if (Object.prototype.hasOwnProperty.call(obj, path)) return obj[path];
  const dot = path.indexOf('.');
  if (dot < 0) return undefined;
  // Try every split point, so `a.b.c` finds `{ "a.b": { c } }` as well as `{ a: { b: { c } } }`.
  for (let i = dot; i >= 0; i = path.indexOf('.', i + 1)) {
    const head = path.slice(0, i);
    if (Object.prototype.hasOwnProperty.call(obj, head)) {
      const found = getPath(obj[head], path.slice(i + 1));
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** A scalar for metadata: scalars as they are, objects and arrays as JSON, undefined stays undefined. */
export function toFieldValue(value: unknown): FieldValue | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value);
}

/**
 * Flattens a record into `path → scalar`, nested objects as dotted paths (up to `maxDepth`
 * levels, deeper ones as JSON), arrays as JSON. Paths in `skip` (and everything under them) are left out.
 */
export function flattenRecord(
  record: Record<string, unknown>,
  skip: ReadonlySet<string>,
  maxDepth = 4,
): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  const walk = (obj: Record<string, unknown>, prefix: string, depth: number): void => {
    for (const [key, value] of Object.entries(obj)) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (skip.has(path)) continue;
      if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date) && depth < maxDepth) {
        walk(value as Record<string, unknown>, path, depth + 1);
        continue;
      }
      const v = toFieldValue(value);
      if (v !== undefined) out[path] = v;
    }
  };
  walk(record, '', 1);
  return out;
}
