// Small helpers shared by the sample generators: a seeded PRNG, bank parsing and slot filling.
// No dependencies; the same seed always gives the same files.

/** mulberry32: tiny, fast, good enough for composing sample text. */
export function makeRng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    chance: (p) => next() < p,
    shuffle: (arr) => {
      const out = arr.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
  };
  return rng;
}

/**
 * A bank is a block of text, one sentence per line. Blank lines and lines starting with `//` are skipped.
 * A line may start with tags before a `|`: `V|` Velorian voices only, `K|` Karsk voices only,
 * `M|` about migrants or refugees arriving in Veloria (not reused with the perspective swapped).
 */
export function bank(text) {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('//'))
    .map((l) => {
      const m = /^([VKM]+)\|\s*(.*)$/.exec(l);
      return m ? { tags: m[1], text: m[2] } : { tags: '', text: l };
    });
}

/** The entries of a bank usable from one perspective ('V' or 'K'). */
export function usable(entries, perspective) {
  return entries.filter((e) => {
    if (e.tags.includes('V') && perspective !== 'V') return false;
    if (e.tags.includes('K') && perspective !== 'K') return false;
    if (e.tags.includes('M') && perspective !== 'V') return false;
    return true;
  });
}

export const VELORIAN_TOWNS = ['Halvard', 'Carrow Mere', 'Selby Reach', 'Tamsin Ford', 'Orlec', 'Vinter Hale', 'Brask', 'Lumen Bay', 'Aldmoor', 'Fennick'];
export const KARSK_TOWNS = ['Drun', 'Tarrik', 'Sevrin', 'Moravo', 'Iskel', 'Belcha', 'Ostrava Kel', 'Vyrna'];
export const BORDER_PLACES = ['Dravik', 'Ulmo Pass', 'Oster Fell', 'Tarn Gate', 'the Varn bridge'];
export const VELORIAN_NAMES = ['Halden Mure', 'Ilse Varro', 'Petra Lind', 'Corin Aske', 'Tomas Revik', 'Anneli Brandt', 'Oskar Fenn', 'Marit Sorel', 'Jonas Helm', 'Agnes Tollan', 'Eirik Sande', 'Liv Marholt'];
export const KARSK_NAMES = ['Dusan Kerev', 'Mila Tarsk', 'Radan Ovic', 'Jelka Morin', 'Stanek Vul', 'Irina Palek', 'Bora Lisek', 'Yana Dresk', 'Milos Haran', 'Vesna Kolar', 'Teodor Brun', 'Zora Illic'];
export const ARVENIAN_NAMES = ['Lior Castellan', 'Neve Ardent', 'Tomaso Reyl', 'Sabine Oriel', 'Matteo Vance'];
export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Words for each side as seen from a perspective: V (Velorian ingroup) or K (Karsk ingroup). */
export function sideWords(perspective) {
  const v = { IN: 'Velorians', INADJ: 'Velorian', INLAND: 'Veloria', icap: 'Valmora', itowns: VELORIAN_TOWNS, inames: VELORIAN_NAMES, cur: 'crowns' };
  const k = { IN: 'Karsks', INADJ: 'Karsk', INLAND: 'Karskia', icap: 'Kessavar', itowns: KARSK_TOWNS, inames: KARSK_NAMES, cur: 'marks' };
  const [me, them] = perspective === 'K' ? [k, v] : [v, k];
  return {
    IN: me.IN, INADJ: me.INADJ, INLAND: me.INLAND, icap: me.icap, itowns: me.itowns, inames: me.inames, cur: me.cur,
    OUT: them.IN, OUTADJ: them.INADJ, OUTLAND: them.INLAND, ocap: them.icap, otowns: them.itowns, onames: them.inames,
  };
}

/**
 * Fill `{slot}` placeholders. Unknown slots are an error, so a typo in a bank cannot slip into the output.
 * With a `memo` object, a slot keeps its first value (a headline and its lead name the same town).
 */
export function fill(text, rng, perspective, extra = {}, memo = null) {
  const w = sideWords(perspective);
  const table = {
    IN: () => w.IN, INADJ: () => w.INADJ, INLAND: () => w.INLAND, icap: () => w.icap,
    OUT: () => w.OUT, OUTADJ: () => w.OUTADJ, OUTLAND: () => w.OUTLAND, ocap: () => w.ocap,
    itown: () => rng.pick(w.itowns), otown: () => rng.pick(w.otowns), btown: () => rng.pick(BORDER_PLACES),
    iname: () => rng.pick(w.inames), oname: () => rng.pick(w.onames), aname: () => rng.pick(ARVENIAN_NAMES),
    weekday: () => rng.pick(WEEKDAYS), month: () => rng.pick(MONTHS), cur: () => w.cur,
    n: () => String(rng.pick([rng.int(12, 95), rng.int(12, 90) * 10, rng.int(110, 480) * 10])),
    n2: () => String(rng.int(3, 40)),
    pct: () => `${rng.int(1, 9)}.${rng.int(0, 9)}`,
    ...extra,
  };
  return text.replace(/\{(\w+)\}/g, (_, key) => {
    const f = table[key];
    if (!f) throw new Error(`unknown slot {${key}} in: ${text}`);
    if (memo && key in memo) return memo[key];
    const v = typeof f === 'function' ? f() : f;
    if (memo) memo[key] = v;
    return v;
  });
}

/** Split a list of sentences into paragraphs of 1-3 sentences joined by blank lines. */
export function paragraphs(sentences, rng) {
  const paras = [];
  let i = 0;
  while (i < sentences.length) {
    const size = Math.min(sentences.length - i, i === 0 ? rng.int(1, 2) : rng.int(1, 3));
    paras.push(sentences.slice(i, i + size).join(' '));
    i += size;
  }
  return paras.join('\n\n');
}
