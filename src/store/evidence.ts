/** Change point evidence drawn from every finding in the store (the selection is in aggregate/evidence.ts). */

import type { ChangePointRow } from '../aggregate/changes.js';
import type { DocumentContribution } from '../aggregate/contribution.js';
import { selectEvidence, type EvidenceOptions, type EvidenceRow } from '../aggregate/evidence.js';
import { positiveFindings } from './documents.js';
import type { Store } from './store.js';

export { MEASURE_OF_INDICATOR, type EvidenceOptions } from '../aggregate/evidence.js';

/** Picks the top findings for every change point from the stored findings. */
export function collectEvidence(store: Store, changes: readonly ChangePointRow[], contributions: readonly DocumentContribution[], options: EvidenceOptions): Promise<EvidenceRow[]> {
  return selectEvidence(changes, contributions, positiveFindings(store), options);
}
