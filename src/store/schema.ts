/**
 * The store's tables, as an ordered list of migrations. Opening a store applies every migration newer than
 * its `schema_version`, each in one transaction, so an old store is brought up to date and a new one is
 * created the same way. Append a migration to change the schema; never edit one that has shipped.
 *
 * Documents, sentences and findings carry no PRIMARY KEY: a rescored document is deleted and inserted again
 * inside one transaction, which DuckDB's unique indexes do not allow; the store keeps ids unique itself.
 */

import { MEASURES } from '../core/types.js';

/** One step of the schema. */
export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly statements: readonly string[];
}

const measureColumns = (suffix: string, type: string): string => MEASURES.map((m) => `${m}${suffix} ${type} NOT NULL`).join(',\n  ');

/** Every migration, oldest first. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'documents, sentences, findings, rejects, duplicates, indicators, change points, evidence, comparisons, runs',
    statements: [
      `CREATE TABLE runs (
  run_id VARCHAR PRIMARY KEY,
  started_at TIMESTAMP NOT NULL,
  finished_at TIMESTAMP,
  status VARCHAR NOT NULL,
  pipeline VARCHAR NOT NULL,
  config_hash VARCHAR NOT NULL,
  scorer_version VARCHAR NOT NULL,
  manifest JSON
)`,
      `CREATE TABLE scorers (
  scorer_version VARCHAR PRIMARY KEY,
  components JSON NOT NULL,
  tool VARCHAR NOT NULL,
  first_run VARCHAR NOT NULL
)`,
      `CREATE TABLE documents (
  id VARCHAR NOT NULL,
  content_hash VARCHAR NOT NULL,
  scorer_version VARCHAR NOT NULL,
  run_id VARCHAR NOT NULL,
  file VARCHAR NOT NULL,
  line INTEGER,
  byte_offset BIGINT,
  item_index INTEGER,
  date VARCHAR,
  date_precision VARCHAR,
  date_start DATE,
  date_end DATE,
  metadata JSON NOT NULL,
  text VARCHAR NOT NULL,
  sentences INTEGER NOT NULL,
  tokens INTEGER NOT NULL,
  group_sentences INTEGER NOT NULL,
  ${measureColumns('', 'INTEGER')},
  dehumanization_own_voice INTEGER NOT NULL,
  dehumanization_quoted INTEGER NOT NULL,
  outgroup_mentions INTEGER NOT NULL,
  other_sentences INTEGER NOT NULL,
  index_sum DOUBLE NOT NULL,
  ${measureColumns('_max', 'DOUBLE')}
)`,
      `CREATE TABLE sentences (
  document_id VARCHAR NOT NULL,
  sentence INTEGER NOT NULL,
  start_offset INTEGER NOT NULL,
  end_offset INTEGER NOT NULL,
  ${measureColumns('', 'DOUBLE')},
  dehumanization_own_voice DOUBLE NOT NULL,
  dehumanization_quoted DOUBLE NOT NULL,
  tokens INTEGER NOT NULL,
  mentions INTEGER NOT NULL
)`,
      `CREATE TABLE findings (
  document_id VARCHAR NOT NULL,
  sentence INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  measure VARCHAR NOT NULL,
  category VARCHAR NOT NULL,
  rule VARCHAR NOT NULL,
  match VARCHAR NOT NULL,
  start_offset INTEGER NOT NULL,
  end_offset INTEGER NOT NULL,
  target VARCHAR,
  target_side VARCHAR,
  negated BOOLEAN NOT NULL,
  quoted BOOLEAN NOT NULL,
  lexicon VARCHAR NOT NULL,
  weight DOUBLE NOT NULL,
  context VARCHAR NOT NULL,
  context_offset INTEGER NOT NULL
)`,
      `CREATE TABLE rejects (
  run_id VARCHAR NOT NULL,
  seq BIGINT NOT NULL,
  file VARCHAR NOT NULL,
  line INTEGER,
  byte_offset BIGINT,
  code VARCHAR NOT NULL,
  message VARCHAR NOT NULL,
  raw VARCHAR
)`,
      `CREATE TABLE duplicates (
  run_id VARCHAR NOT NULL,
  seq BIGINT NOT NULL,
  id VARCHAR NOT NULL,
  duplicate_of VARCHAR NOT NULL,
  file VARCHAR NOT NULL,
  line INTEGER,
  byte_offset BIGINT,
  item_index INTEGER
)`,
      `CREATE TABLE indicators (
  run_id VARCHAR NOT NULL,
  seq INTEGER NOT NULL,
  groups JSON NOT NULL,
  period VARCHAR NOT NULL,
  period_start VARCHAR,
  period_end VARCHAR,
  indicator VARCHAR NOT NULL,
  value DOUBLE,
  ci_low DOUBLE,
  ci_high DOUBLE,
  ci_method VARCHAR NOT NULL,
  smoothed DOUBLE,
  numerator DOUBLE NOT NULL,
  denominator DOUBLE NOT NULL,
  n_documents INTEGER NOT NULL
)`,
      `CREATE TABLE changepoints (
  run_id VARCHAR NOT NULL,
  seq INTEGER NOT NULL,
  id VARCHAR NOT NULL,
  groups JSON NOT NULL,
  indicator VARCHAR NOT NULL,
  date VARCHAR NOT NULL,
  period VARCHAR NOT NULL,
  earliest_date VARCHAR NOT NULL,
  segment_end VARCHAR NOT NULL,
  level_before DOUBLE NOT NULL,
  level_after DOUBLE NOT NULL,
  direction VARCHAR NOT NULL,
  strength DOUBLE NOT NULL,
  penalty DOUBLE NOT NULL
)`,
      `CREATE TABLE changepoint_evidence (
  run_id VARCHAR NOT NULL,
  seq INTEGER NOT NULL,
  changepoint VARCHAR NOT NULL,
  indicator VARCHAR NOT NULL,
  document_id VARCHAR NOT NULL,
  date VARCHAR,
  measure VARCHAR NOT NULL,
  category VARCHAR NOT NULL,
  rule VARCHAR NOT NULL,
  match VARCHAR NOT NULL,
  target VARCHAR,
  quoted BOOLEAN NOT NULL,
  weight DOUBLE NOT NULL,
  context VARCHAR NOT NULL,
  context_offset INTEGER NOT NULL
)`,
      `CREATE TABLE comparisons (
  run_id VARCHAR NOT NULL,
  seq INTEGER NOT NULL,
  scope VARCHAR NOT NULL,
  indicator VARCHAR NOT NULL,
  design VARCHAR NOT NULL,
  unit_of_analysis VARCHAR NOT NULL,
  n_before INTEGER NOT NULL,
  n_after INTEGER NOT NULL,
  n_pairs INTEGER NOT NULL,
  documents_before INTEGER NOT NULL,
  documents_after INTEGER NOT NULL,
  value_before DOUBLE,
  value_after DOUBLE,
  difference DOUBLE,
  ci_low DOUBLE,
  ci_high DOUBLE,
  effect_size DOUBLE,
  effect_size_kind VARCHAR NOT NULL,
  p_value DOUBLE,
  test VARCHAR NOT NULL
)`,
    ],
  },
  {
    version: 2,
    description: 'per-document counts by target side and target group; the target group of each finding',
    statements: ['ALTER TABLE documents ADD COLUMN targets JSON', 'ALTER TABLE findings ADD COLUMN target_group VARCHAR'],
  },
];

/** The newest schema version this build knows. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
