/**
 * Mergeable partial aggregates.
 *
 * Why: a corpus of millions of articles is scored by several workers, sometimes on several
 * machines, each seeing a slice. Each slice produces a PartialAggregate; merging them in any
 * grouping or order must give exactly the same result as aggregating everything in one place,
 * or two runs of the same report would disagree. Per-document (numerator, denominator) pairs
 * are kept because the cluster bootstrap resamples documents; totals alone cannot give an interval.
 *
 * Exactness: totals are always recomputed from the per-document pairs in a canonical order
 * (sorted by document id), never accumulated in merge order, so floating-point rounding cannot
 * make (a ⊕ b) ⊕ c differ from a ⊕ (b ⊕ c). The structure is plain JSON (no Map), so partials
 * can be written to disk and sent between machines.
 */

/** What a cell is keyed by. */
export interface CellKey {
  /** Group key, e.g. `outlet=Daily Post` or `all`. */
  readonly group: string;
  /** Period label, e.g. `2021-W14`. */
  readonly period: string;
  /** Indicator name, e.g. `dehumanization_share`. */
  readonly indicator: string;
}

/** One document's contribution to one cell. */
export interface DocumentPair {
  readonly id: string;
  readonly numerator: number;
  readonly denominator: number;
}

/** The aggregate of one (group, period, indicator). */
export interface PartialCell extends CellKey {
  /** Σ numerator over documents. */
  readonly numerator: number;
  /** Σ denominator over documents. */
  readonly denominator: number;
  readonly n_documents: number;
  /** Per-document pairs, sorted by id, for the cluster bootstrap. */
  readonly documents: readonly DocumentPair[];
}

/** A set of cells, sorted by (indicator, group, period). */
export interface PartialAggregate {
  /** Format version, so that a partial written by an older release is recognised. */
  readonly version: 1;
  readonly cells: readonly PartialCell[];
}

/** One scored contribution, as workers emit them. */
export interface Contribution extends CellKey {
  readonly document: string;
  readonly numerator: number;
  readonly denominator: number;
}

/** The identity of {@link mergePartials}: merging with it changes nothing. */
export function emptyPartial(): PartialAggregate {
  return { version: 1, cells: [] };
}

/**
 * Build a partial aggregate from contributions. A document contributing twice to the same cell
 * (for example a long document split into chunks scored by different workers) has its
 * contributions summed, exactly as {@link mergePartials} does across partials.
 */
export function partialFromContributions(contributions: Iterable<Contribution>): PartialAggregate {
  const cells = new Map<string, { key: CellKey; docs: Map<string, { n: number; d: number }> }>();
  for (const c of contributions) {
    checkPair(c.numerator, c.denominator, c.document);
    const k = cellKey(c);
    let cell = cells.get(k);
    if (!cell) {
      cell = { key: { group: c.group, period: c.period, indicator: c.indicator }, docs: new Map() };
      cells.set(k, cell);
    }
    const cur = cell.docs.get(c.document);
    // `+ 0` turns −0 into 0: JSON has no −0, and a partial must read back exactly as written.
    if (cur) {
      cur.n += c.numerator;
      cur.d += c.denominator;
    } else cell.docs.set(c.document, { n: c.numerator + 0, d: c.denominator + 0 });
  }
  const out: PartialCell[] = [];
  for (const { key, docs } of cells.values()) {
    out.push(makeCell(key, [...docs].map(([id, { n, d }]) => ({ id, numerator: n, denominator: d }))));
  }
  return { version: 1, cells: out.sort(compareCells) };
}

/**
 * Merge two partial aggregates. Commutative and associative, with {@link emptyPartial} as
 * identity. Cells with the same key are united; a document present in both (chunks of one
 * document) has its numerators and denominators summed. For integer counts this is exact; for
 * fractional contributions of one document split three or more ways, the per-document sum may
 * differ in the last bit between groupings (documents are normally scored whole).
 */
export function mergePartials(a: PartialAggregate, b: PartialAggregate): PartialAggregate {
  checkVersion(a);
  checkVersion(b);
  const out: PartialCell[] = [];
  let i = 0;
  let j = 0;
  while (i < a.cells.length || j < b.cells.length) {
    const x = a.cells[i];
    const y = b.cells[j];
    const order = x === undefined ? 1 : y === undefined ? -1 : compareCells(x, y);
    if (order < 0) {
      out.push(x);
      i++;
    } else if (order > 0) {
      out.push(y);
      j++;
    } else {
      out.push(mergeCells(x, y));
      i++;
      j++;
    }
  }
  return { version: 1, cells: out };
}

/** Merge any number of partials (a fold over {@link mergePartials}). */
export function mergeAll(partials: Iterable<PartialAggregate>): PartialAggregate {
  let acc = emptyPartial();
  for (const p of partials) acc = mergePartials(acc, p);
  return acc;
}

/**
 * The per-document arrays of a cell, in the shape {@link bootstrapRatio} takes.
 *
 * @see ./bootstrap.ts
 */
export function bootstrapInput(cell: PartialCell): { numerators: number[]; denominators: number[] } {
  return { numerators: cell.documents.map((d) => d.numerator), denominators: cell.documents.map((d) => d.denominator) };
}

/** A stable string key of a cell (JSON of the triple, so no separator can collide with a group name). */
export function cellKey(key: CellKey): string {
  return JSON.stringify([key.indicator, key.group, key.period]);
}

// ---- internals ------------------------------------------------------------------------------

function mergeCells(x: PartialCell, y: PartialCell): PartialCell {
  const docs: DocumentPair[] = [];
  let i = 0;
  let j = 0;
  while (i < x.documents.length || j < y.documents.length) {
    const p = x.documents[i];
    const q = y.documents[j];
    const order = p === undefined ? 1 : q === undefined ? -1 : compareCodeUnits(p.id, q.id);
    if (order < 0) {
      docs.push(p);
      i++;
    } else if (order > 0) {
      docs.push(q);
      j++;
    } else {
      docs.push({ id: p.id, numerator: p.numerator + q.numerator, denominator: p.denominator + q.denominator });
      i++;
      j++;
    }
  }
  return makeCell(x, docs, true);
}

function makeCell(key: CellKey, documents: DocumentPair[], sorted = false): PartialCell {
  const docs = sorted ? documents : [...documents].sort((p, q) => compareCodeUnits(p.id, q.id));
  let numerator = 0;
  let denominator = 0;
  for (const d of docs) {
    numerator += d.numerator;
    denominator += d.denominator;
  }
  return { group: key.group, period: key.period, indicator: key.indicator, numerator, denominator, n_documents: docs.length, documents: docs };
}

function compareCells(x: CellKey, y: CellKey): number {
  return compareCodeUnits(x.indicator, y.indicator) || compareCodeUnits(x.group, y.group) || compareCodeUnits(x.period, y.period);
}

/** Locale-independent ordering, identical on every machine (localeCompare is not). */
function compareCodeUnits(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

function checkPair(numerator: number, denominator: number, id: string): void {
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || denominator < 0) {
    throw new RangeError(`document "${id}": numerator and denominator must be finite and the denominator non-negative`);
  }
}

function checkVersion(p: PartialAggregate): void {
  if (p.version !== 1) throw new RangeError(`unsupported partial aggregate version ${String(p.version)}`);
}
