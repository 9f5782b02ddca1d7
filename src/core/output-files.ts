/** The names of a run's output files. Fixed, so no config value or corpus text becomes a path. */

export const OUTPUT_FILES = {
  documents: 'documents.csv',
  findings: 'findings.jsonl',
  indicators: 'indicators.csv',
  changepoints: 'changepoints.csv',
  changepointEvidence: 'changepoint-evidence.jsonl',
  comparisons: 'comparisons.csv',
  rejects: 'rejects.jsonl',
  duplicates: 'duplicates.jsonl',
  manifest: 'manifest.json',
} as const;
