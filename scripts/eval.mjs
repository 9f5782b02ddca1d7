#!/usr/bin/env node
// Runs the evaluation with the default scorer and writes docs/evaluation.md and out/eval/errors-*.jsonl.
// Built code only: `npm run eval` builds first. Shared sets are read from ../shared/data at run time.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runEvaluation, GOLD_ACTORS } from '../dist/evaluation/report.js';
import { setupScorer } from '../dist/classify/scorer-setup.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function git(args) {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

const commit = git(['rev-parse', '--short', 'HEAD']);
const dirty = git(['status', '--porcelain', '--', 'src', 'lexicons']);
const provenanceLines = commit
  ? [`Code: git commit \`${commit}\`${dirty ? ' with uncommitted changes in src/ or lexicons/ (numbers may differ from that commit)' : ''}.`]
  : [];

// What `rehumanize run` uses: the rules plus the shipped models wherever models/defaults.json turns one on.
const goldSetup = setupScorer(['default'], [GOLD_ACTORS], root, 'defaults');
const sharedSetup = setupScorer(['default'], [], root, 'defaults');
const defaultScorer =
  goldSetup.models.length > 0
    ? {
        gold: goldSetup.scorer,
        shared: sharedSetup.scorer,
        description: `the rules with the shipped models of models/defaults.json (${Object.entries(goldSetup.scorer.modes)
          .map(([m, mode]) => `${m} ${mode}`)
          .join(', ')}; see models/REPORT.md)`,
      }
    : undefined;
const result = runEvaluation({ root, command: 'npm run eval', provenanceLines, defaultScorer });

const outDir = join(root, 'out', 'eval');
mkdirSync(outDir, { recursive: true });
for (const [name, errors] of Object.entries(result.errors)) {
  writeFileSync(join(outDir, name), errors.map((e) => JSON.stringify(e)).join('\n') + (errors.length ? '\n' : ''));
}
writeFileSync(join(root, 'docs', 'evaluation.md'), result.markdown + '\n');

const line = (ev, split) =>
  Object.entries(ev.splits[split].measures)
    .map(([m, r]) => `${m} F1 ${r.f1.toFixed(2)}`)
    .join(', ');
for (const split of ['dev', 'test', 'heldout', 'heldout2']) {
  if (result.gold.rules.splits[split].n === 0) continue;
  if (result.gold.default) console.log(`${split}: default  ${line(result.gold.default, split)}`);
  console.log(`${split}: rules    ${line(result.gold.rules, split)}`);
  console.log(`${split}: keywords ${line(result.gold.keywords, split)}`);
}
if (result.shared) {
  for (const [k, v] of Object.entries(result.shared)) console.log(`shared ${k}: ${v.status === 'ok' ? `${v.rowsUsed} rows` : `skipped (${v.reason})`}`);
}
if (result.missingLexicons.length) console.log(`missing lexicons: ${result.missingLexicons.join(', ')}`);
console.log(`wrote docs/evaluation.md and ${Object.keys(result.errors).map((n) => `out/eval/${n}`).join(', ')}`);
