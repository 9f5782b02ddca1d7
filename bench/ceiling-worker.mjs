// One thread of the bench's `ceiling` stage: builds its own scorer and scores the documents it was given,
// without talking to any other thread until it reports its time. N of these at once show how far N threads
// can scale on this machine when nothing is shared and nothing is sent between threads.
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';

const { dist, root, texts, lexicons, actors } = workerData;
const { setupScorer } = await import(path.join(dist, 'classify/scorer-setup.js'));
const { scorer } = setupScorer(lexicons, actors, root);
// Warm up (JIT) on the first documents, then wait for the start signal so all threads start together.
for (let i = 0; i < Math.min(200, texts.length); i++) scorer.scoreDocument(String(i), texts[i]);
parentPort.postMessage({ ready: true });
parentPort.once('message', () => {
  const t0 = performance.now();
  let findings = 0;
  for (let i = 0; i < texts.length; i++) for (const s of scorer.scoreDocument(String(i), texts[i]).sentences) findings += s.findings.length;
  parentPort.postMessage({ seconds: (performance.now() - t0) / 1000, findings });
});
