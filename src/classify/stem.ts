/**
 * Word stems for the classifiers' n-gram features, from natural's Porter stemmer (imported by its own path:
 * natural's main entry loads database clients). Stems are cached: a corpus repeats a small vocabulary.
 */

import porter from 'natural/lib/natural/stemmers/porter_stemmer.js';

const cache = new Map<string, string>();
/** Past this many cached words the cache starts again, so a long run over varied text stays flat in memory. */
const MAX_CACHED = 200_000;

/** The Porter stem of a lowercase word form; forms that are not plain words (numbers, symbols) stay as they are. */
export function stemOf(form: string): string {
  const cached = cache.get(form);
  if (cached !== undefined) return cached;
  const stem = /^[a-z]+$/.test(form) && form.length > 3 ? porter.stem(form) : form;
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(form, stem);
  return stem;
}
