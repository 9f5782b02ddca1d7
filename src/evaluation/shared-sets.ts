/**
 * Evaluations on real labelled data beside the project, in ../shared/data (see ../shared/README.md).
 *
 * The data are read at run time only: nothing is copied into the project and no text is written to any
 * output. Each set is skipped with a reason when its folder or file is absent. Large sets are reduced to a
 * seeded random sample of at most `maxRows` rows (default 5,000), and every result says how many rows were
 * read and used. None of these sets labels our constructs exactly; each evaluation names its proxy.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { MEASURES, type MeasureName } from '../core/types.js';
import { createRng, type Seed } from '../aggregate/stats/rng.js';
import { tokenize } from '../text/tokenize.js';
import { binaryReport, pearson, spearman, type BinaryReport } from './metrics.js';
import { present, type DocScores, type EvalSystem } from './systems.js';

/** `../shared/data` from the project root (this file lives in dist/evaluation or src/evaluation). */
export const DEFAULT_SHARED_DATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'data');
export const DEFAULT_MAX_ROWS = 5000;
export const DEFAULT_SAMPLE_SEED = 'rehumanize/eval';

export interface SharedOptions {
  readonly dataDir?: string;
  /** Rows kept per set (seeded random sample when the set is larger). Default 5,000. */
  readonly maxRows?: number;
  readonly seed?: Seed;
}

/** What every shared-set result carries: where it came from and how much was used. */
export interface SharedMeta {
  readonly set: string;
  readonly folder: string;
  readonly files: readonly string[];
  /** First line of PROVENANCE.txt ("Dataset: ..."), plus the commit line when present. */
  readonly provenance: readonly string[];
  readonly rowsRead: number;
  readonly rowsUsed: number;
  readonly sampled: boolean;
}

export type Shared<T> = ({ readonly status: 'ok' } & SharedMeta & T) | { readonly status: 'skipped'; readonly set: string; readonly reason: string };

type Row = Record<string, string>;

function readTable(path: string, delimiter: ',' | '\t'): Row[] {
  return parse(readFileSync(path, 'utf8'), {
    columns: true,
    delimiter,
    bom: true,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
  }) as Row[];
}

function provenance(folder: string): string[] {
  const p = join(folder, 'PROVENANCE.txt');
  if (!existsSync(p)) return ['(no PROVENANCE.txt)'];
  const lines = readFileSync(p, 'utf8').split(/\r?\n/);
  return lines.filter((l) => /^(Dataset|Repo|Official repo|Commit|License):/.test(l)).map((l) => l.trim());
}

/** A seeded sample of at most `max` items, in their original order. */
export function seededSample<T>(items: readonly T[], max: number, seed: Seed): T[] {
  if (items.length <= max) return items.slice();
  const rng = createRng(seed);
  const idx = items.map((_, i) => i);
  for (let i = 0; i < max; i++) {
    const j = i + rng.nextInt(idx.length - i);
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  return idx
    .slice(0, max)
    .sort((a, b) => a - b)
    .map((i) => items[i]);
}

interface Loaded {
  meta: SharedMeta;
  rows: Row[];
}

function load(
  set: string,
  sub: string,
  files: readonly string[],
  delimiter: ',' | '\t',
  opts: SharedOptions,
  keep: (r: Row) => boolean,
): Loaded | { status: 'skipped'; set: string; reason: string } {
  const dataDir = opts.dataDir ?? DEFAULT_SHARED_DATA_DIR;
  const folder = join(dataDir, sub);
  if (!existsSync(folder)) return { status: 'skipped', set, reason: `folder ${folder} is absent` };
  for (const f of files) {
    if (!existsSync(join(folder, f))) return { status: 'skipped', set, reason: `file ${join(folder, f)} is absent` };
  }
  const all = files.flatMap((f) => readTable(join(folder, f), delimiter)).filter(keep);
  const max = opts.maxRows ?? DEFAULT_MAX_ROWS;
  const rows = seededSample(all, max, `${opts.seed ?? DEFAULT_SAMPLE_SEED}/${set}`);
  return {
    meta: { set, folder: `../shared/data/${sub}`, files, provenance: provenance(folder), rowsRead: all.length, rowsUsed: rows.length, sampled: rows.length < all.length },
    rows,
  };
}

const isSkipped = (x: Loaded | { status: 'skipped' }): x is { status: 'skipped'; set: string; reason: string } => 'status' in x;

function mean(xs: readonly number[]): number {
  return xs.length === 0 ? NaN : xs.reduce((a, b) => a + b, 0) / xs.length;
}

function rate(xs: readonly number[]): number {
  return xs.length === 0 ? NaN : xs.filter(present).length / xs.length;
}

/* ------------------------------------------------------------------ Mendelsohn */

/** Concepts of Mendelsohn & Budak (2025) that count as dehumanizing domains here. */
export const DEHUMANIZING_DOMAINS = ['animal', 'vermin', 'parasite', 'water'] as const;

export interface MendelsohnSystem {
  readonly system: string;
  /** Gold: the row's concept is a dehumanizing domain and more than half of the crowd said yes. */
  readonly report: BinaryReport;
  /** Spearman of our dehumanization score with the crowd's share of "yes", on dehumanizing-domain rows. */
  readonly spearmanDomainRows: number;
  /** How often we fire on rows whose concept is war / commodity / pressure / domain-agnostic (not labelled for our domains). */
  readonly firedOnOtherConcepts: number;
}
export interface MendelsohnResult {
  readonly conceptCounts: Readonly<Record<string, number>>;
  readonly domainRows: number;
  readonly positives: number;
  readonly otherRows: number;
  readonly systems: readonly MendelsohnSystem[];
}

export function evaluateMendelsohn(systems: readonly EvalSystem[], opts: SharedOptions = {}): Shared<MendelsohnResult> {
  const set = 'Mendelsohn & Budak metaphor sample';
  const l = load(set, 'dehum-metaphor-mendelsohn', ['annotated_data_sample_with_text.tsv'], '\t', opts, (r) => (r.text ?? '').trim() !== '');
  if (isSkipped(l)) return l;
  const dom = new Set<string>(DEHUMANIZING_DOMAINS);
  const conceptCounts: Record<string, number> = {};
  for (const r of l.rows) conceptCounts[r.concept] = (conceptCounts[r.concept] ?? 0) + 1;
  const gold = l.rows.map((r) => dom.has(r.concept) && Number(r.percent_yes) > 0.5);
  const isDom = l.rows.map((r) => dom.has(r.concept));
  const out = systems.map((s) => {
    const scores = l.rows.map((r) => s.score(r.text).max.dehumanization);
    const domIdx = l.rows.map((_, i) => i).filter((i) => isDom[i]);
    const otherIdx = l.rows.map((_, i) => i).filter((i) => !isDom[i]);
    return {
      system: s.name,
      report: binaryReport(gold, scores.map(present)),
      spearmanDomainRows: spearman(
        domIdx.map((i) => scores[i]),
        domIdx.map((i) => Number(l.rows[i].percent_yes)),
      ),
      firedOnOtherConcepts: otherIdx.filter((i) => present(scores[i])).length,
    };
  });
  return {
    status: 'ok',
    ...l.meta,
    conceptCounts,
    domainRows: isDom.filter(Boolean).length,
    positives: gold.filter(Boolean).length,
    otherRows: isDom.filter((d) => !d).length,
    systems: out,
  };
}

/* ------------------------------------------------------------------ Davidson */

export interface RateByClass {
  readonly n: number;
  readonly rates: Readonly<Record<MeasureName, number>>;
}
export interface DavidsonResult {
  readonly systems: ReadonlyArray<{ readonly system: string; readonly byClass: Readonly<Record<'hate' | 'offensive' | 'neither', RateByClass>> }>;
}

export function evaluateDavidson(systems: readonly EvalSystem[], opts: SharedOptions = {}): Shared<DavidsonResult> {
  const set = 'Davidson et al. hate / offensive / neither';
  const l = load(set, 'davidson', ['labeled_data.csv'], ',', opts, (r) => ['0', '1', '2'].includes(r.class) && typeof r.tweet === 'string');
  if (isSkipped(l)) return l;
  const names = { '0': 'hate', '1': 'offensive', '2': 'neither' } as const;
  const out = systems.map((s) => {
    const scored = l.rows.map((r) => ({ cls: names[r.class as '0' | '1' | '2'], d: s.score(r.tweet) }));
    const byClass = {} as Record<'hate' | 'offensive' | 'neither', RateByClass>;
    for (const cls of ['hate', 'offensive', 'neither'] as const) {
      const sub = scored.filter((x) => x.cls === cls);
      const rates = {} as Record<MeasureName, number>;
      for (const m of MEASURES) rates[m] = rate(sub.map((x) => x.d.max[m]));
      byClass[cls] = { n: sub.length, rates };
    }
    return { system: s.name, byClass };
  });
  return { status: 'ok', ...l.meta, systems: out };
}

/* ------------------------------------------------------------------ UsVsThem */

export const USVSTHEM_LEVELS = ['supportive', 'neutral', 'critical', 'discriminatory'] as const;
export type UsVsThemLevel = (typeof USVSTHEM_LEVELS)[number];

/** The scale is an average of ratings in [0, 1]; each comment goes to the nearest of 0, 1/3, 2/3, 1. */
export function usVsThemLevel(scale: number): UsVsThemLevel {
  return USVSTHEM_LEVELS[Math.max(0, Math.min(3, Math.round(scale * 3)))];
}

export interface GroupStats {
  readonly n: number;
  readonly meanAck: number;
  readonly meanDehum: number;
  readonly ackRate: number;
  readonly dehumRate: number;
}
export interface UsVsThemSystem {
  readonly system: string;
  readonly byLevel: Readonly<Record<UsVsThemLevel, GroupStats>>;
  readonly bySympathy: Readonly<Record<'sympathy' | 'no_sympathy', GroupStats>>;
  /** Spearman of (acknowledgement − dehumanization) with supportiveness (1 − scale). */
  readonly spearmanAckMinusDehum: number;
  readonly byGroup: Readonly<Record<string, GroupStats & { readonly spearman: number }>>;
}
export interface UsVsThemResult {
  readonly systems: readonly UsVsThemSystem[];
}

function stats(xs: ReadonlyArray<{ d: DocScores }>): GroupStats {
  const ack = xs.map((x) => x.d.max.acknowledgement);
  const deh = xs.map((x) => x.d.max.dehumanization);
  return { n: xs.length, meanAck: mean(ack), meanDehum: mean(deh), ackRate: rate(ack), dehumRate: rate(deh) };
}

export function evaluateUsVsThem(systems: readonly EvalSystem[], opts: SharedOptions = {}): Shared<UsVsThemResult> {
  const set = 'UsVsThem (Huguet Cabot et al. 2021)';
  const files = ['UsVsThem_train_public.csv', 'UsVsThem_valid_public.csv', 'UsVsThem_test_public.csv'];
  const l = load(set, 'usvsthem', files, ',', opts, (r) => (r.body ?? '').trim() !== '' && Number.isFinite(Number.parseFloat(r.usVSthem_scale)));
  if (isSkipped(l)) return l;
  const out = systems.map((s): UsVsThemSystem => {
    const xs = l.rows.map((r) => {
      const scale = Number.parseFloat(r.usVSthem_scale);
      return { d: s.score(r.body), scale, level: usVsThemLevel(scale), sympathy: r.Sympathy === 'True', group: r.group };
    });
    const byLevel = {} as Record<UsVsThemLevel, GroupStats>;
    for (const lv of USVSTHEM_LEVELS) byLevel[lv] = stats(xs.filter((x) => x.level === lv));
    const diff = (x: { d: DocScores }) => x.d.max.acknowledgement - x.d.max.dehumanization;
    const byGroup: Record<string, GroupStats & { spearman: number }> = {};
    for (const g of [...new Set(xs.map((x) => x.group))].sort()) {
      const sub = xs.filter((x) => x.group === g);
      byGroup[g] = { ...stats(sub), spearman: spearman(sub.map(diff), sub.map((x) => 1 - x.scale)) };
    }
    return {
      system: s.name,
      byLevel,
      bySympathy: { sympathy: stats(xs.filter((x) => x.sympathy)), no_sympathy: stats(xs.filter((x) => !x.sympathy)) },
      spearmanAckMinusDehum: spearman(xs.map(diff), xs.map((x) => 1 - x.scale)),
      byGroup,
    };
  });
  return { status: 'ok', ...l.meta, systems: out };
}

/* ------------------------------------------------------------------ Implicit Hate */

export interface ImplicitHateResult {
  readonly classCounts: Readonly<Record<string, number>>;
  readonly systems: ReadonlyArray<{
    readonly system: string;
    /** victimhood_exclusive present vs gold class white_grievance. */
    readonly report: BinaryReport;
    readonly rateByClass: Readonly<Record<string, number>>;
  }>;
}

export function evaluateImplicitHate(systems: readonly EvalSystem[], opts: SharedOptions = {}): Shared<ImplicitHateResult> {
  const set = 'Implicit Hate stage 2 (ElSherief et al. 2021)';
  const l = load(set, 'implicit-hate', ['implicit_hate_v1_stg2_posts.tsv'], '\t', opts, (r) => (r.post ?? '').trim() !== '' && (r.implicit_class ?? '') !== '');
  if (isSkipped(l)) return l;
  const classCounts: Record<string, number> = {};
  for (const r of l.rows) classCounts[r.implicit_class] = (classCounts[r.implicit_class] ?? 0) + 1;
  const gold = l.rows.map((r) => r.implicit_class === 'white_grievance');
  const out = systems.map((s) => {
    const vex = l.rows.map((r) => s.score(r.post).max.victimhood_exclusive);
    const rateByClass: Record<string, number> = {};
    for (const c of Object.keys(classCounts).sort()) rateByClass[c] = rate(vex.filter((_, i) => l.rows[i].implicit_class === c));
    return { system: s.name, report: binaryReport(gold, vex.map(present)), rateByClass };
  });
  return { status: 'ok', ...l.meta, classCounts, systems: out };
}

/* ------------------------------------------------------------------ correlation sets */

/** A tiny sentiment word list written for this evaluation (a baseline, not a measure). */
const POSITIVE = new Set(
  'good great nice glad happy love like agree appreciate thank thanks thankful helpful kind fair right hope hopeful understand support respect valid reasonable interesting important excellent wonderful better best true well care trust welcome pleased positive benefit safe'.split(' '),
);
const NEGATIVE = new Set(
  'bad wrong terrible awful hate stupid ridiculous disagree never worst angry sad unfair false lie lies liar dumb absurd dangerous harm hurt fear afraid evil disgusting nonsense problem problems fail failed crazy idiot idiots useless worse attack blame'.split(' '),
);

/** (positive − negative words) / tokens, with the word lists above. */
export function sentimentScore(text: string): number {
  const { forms } = tokenize(text);
  if (forms.length === 0) return 0;
  let s = 0;
  for (const f of forms) {
    if (POSITIVE.has(f)) s++;
    else if (NEGATIVE.has(f)) s--;
  }
  return s / forms.length;
}

/** Word tokens, the length baseline. */
export function tokenCount(text: string): number {
  return tokenize(text).forms.length;
}

export interface CorrelationRow {
  /** What is correlated with the gold score, e.g. `rules: acknowledgement (share of sentences)`. */
  readonly predictor: string;
  readonly spearman: number;
  readonly pearson: number;
}
export interface CorrelationResult {
  readonly target: string;
  readonly rows: readonly CorrelationRow[];
  /** Share of texts where acknowledgement is present, per system. */
  readonly ackRate: ReadonlyArray<{ readonly system: string; readonly rate: number }>;
  /** Optional extra: mean acknowledgement by gold level (EPITOME). */
  readonly byLevel?: ReadonlyArray<{ readonly system: string; readonly level: string; readonly n: number; readonly meanAck: number; readonly ackRate: number }>;
}

function correlate(
  systems: readonly EvalSystem[],
  texts: readonly string[],
  gold: readonly number[],
  target: string,
  levels?: readonly string[],
): CorrelationResult {
  const rows: CorrelationRow[] = [];
  const ackRate: Array<{ system: string; rate: number }> = [];
  const byLevel: Array<{ system: string; level: string; n: number; meanAck: number; ackRate: number }> = [];
  for (const s of systems) {
    const ds = texts.map((t) => s.score(t));
    const share = ds.map((d) => d.share.acknowledgement);
    const max = ds.map((d) => d.max.acknowledgement);
    rows.push({ predictor: `${s.name}: acknowledgement, share of sentences`, spearman: spearman(share, gold), pearson: pearson(share, gold) });
    rows.push({ predictor: `${s.name}: acknowledgement, strongest sentence`, spearman: spearman(max, gold), pearson: pearson(max, gold) });
    ackRate.push({ system: s.name, rate: rate(max) });
    if (levels) {
      for (const lv of [...new Set(levels)].sort()) {
        const idx = levels.map((_, i) => i).filter((i) => levels[i] === lv);
        byLevel.push({ system: s.name, level: lv, n: idx.length, meanAck: mean(idx.map((i) => max[i])), ackRate: rate(idx.map((i) => max[i])) });
      }
    }
  }
  const len = texts.map(tokenCount);
  const sent = texts.map(sentimentScore);
  rows.push({ predictor: 'baseline: length in tokens', spearman: spearman(len, gold), pearson: pearson(len, gold) });
  rows.push({ predictor: 'baseline: sentiment word list', spearman: spearman(sent, gold), pearson: pearson(sent, gold) });
  return { target, rows, ackRate, ...(levels ? { byLevel } : {}) };
}

export function evaluateReceptiveness(systems: readonly EvalSystem[], opts: SharedOptions = {}): Shared<CorrelationResult> {
  const set = 'Conversational receptiveness (Yeomans et al. 2020)';
  const l = load(set, 'receptiveness', ['receptive_dev.csv'], ',', opts, (r) => (r.text ?? '').trim() !== '' && Number.isFinite(Number.parseFloat(r.receptive)));
  if (isSkipped(l)) return l;
  const r = correlate(systems, l.rows.map((x) => x.text), l.rows.map((x) => Number.parseFloat(x.receptive)), 'receptiveness score (standardized mean rating)');
  return { status: 'ok', ...l.meta, ...r };
}

export function evaluateEpitome(systems: readonly EvalSystem[], opts: SharedOptions = {}): Shared<CorrelationResult> {
  const set = 'EPITOME interpretations (Sharma et al. 2020)';
  const l = load(set, 'epitome-empathy', ['interpretations-reddit.csv'], ',', opts, (r) => (r.response_post ?? '').trim() !== '' && ['0', '1', '2'].includes(r.level));
  if (isSkipped(l)) return l;
  const r = correlate(
    systems,
    l.rows.map((x) => x.response_post),
    l.rows.map((x) => Number(x.level)),
    'interpretations level (0 none, 1 weak, 2 strong)',
    l.rows.map((x) => x.level),
  );
  return { status: 'ok', ...l.meta, ...r };
}

export function evaluatePoliteness(systems: readonly EvalSystem[], opts: SharedOptions = {}): Shared<CorrelationResult> {
  const set = 'Stanford Politeness (Danescu-Niculescu-Mizil et al. 2013)';
  const l = load(set, 'stanford-politeness', ['wikipedia.annotated.csv', 'stack-exchange.annotated.csv'], ',', opts, (r) => (r.Request ?? '').trim() !== '' && Number.isFinite(Number.parseFloat(r['Normalized Score'])));
  if (isSkipped(l)) return l;
  const r = correlate(systems, l.rows.map((x) => x.Request), l.rows.map((x) => Number.parseFloat(x['Normalized Score'])), 'normalized politeness score');
  return { status: 'ok', ...l.meta, ...r };
}

/** All shared-set evaluations. */
export interface SharedSetsEvaluation {
  readonly mendelsohn: Shared<MendelsohnResult>;
  readonly davidson: Shared<DavidsonResult>;
  readonly usvsthem: Shared<UsVsThemResult>;
  readonly implicitHate: Shared<ImplicitHateResult>;
  readonly receptiveness: Shared<CorrelationResult>;
  readonly epitome: Shared<CorrelationResult>;
  readonly politeness: Shared<CorrelationResult>;
}

/** Runs every shared-set evaluation; absent sets come back as `skipped` with the reason. */
export function evaluateSharedSets(systems: readonly EvalSystem[], opts: SharedOptions = {}): SharedSetsEvaluation {
  return {
    mendelsohn: evaluateMendelsohn(systems, opts),
    davidson: evaluateDavidson(systems, opts),
    usvsthem: evaluateUsVsThem(systems, opts),
    implicitHate: evaluateImplicitHate(systems, opts),
    receptiveness: evaluateReceptiveness(systems, opts),
    epitome: evaluateEpitome(systems, opts),
    politeness: evaluatePoliteness(systems, opts),
  };
}
