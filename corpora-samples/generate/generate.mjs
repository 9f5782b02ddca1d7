#!/usr/bin/env node
// Generates the sample corpora in corpora-samples/ from the hand-written banks next to this file.
// Plain Node ESM, no dependencies, seeded: running it twice gives byte-identical files.
//   node corpora-samples/generate/generate.mjs
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { makeRng, usable, fill, paragraphs } from './lib.mjs';
import * as N from './banks-news.mjs';
import * as W from './banks-workshop.mjs';
import * as S from './banks-speeches.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SEED = 20250603;

// The planted structure. The README documents the same dates and rates.
export const BORDER_INCIDENT = '2025-06-03'; // shooting at the Dravik crossing
export const CEASEFIRE = '2025-09-15'; // signed in Sarreth on 14 September, in force from the 15th

const OUTLETS = [
  { name: 'Veloria Daily Herald', slug: 'veloria-daily-herald', code: 'VDH', perspective: 'V', perMonth: 7 },
  { name: 'The Meridian Post', slug: 'meridian-post', code: 'TMP', perspective: 'V', perMonth: 6 },
  { name: 'Karskia Free Press', slug: 'karskia-free-press', code: 'KFP', perspective: 'K', perMonth: 6 },
  { name: 'Northern Ledger', slug: 'northern-ledger', code: 'NL', perspective: 'V', perMonth: 6 },
];

/** Per-sentence probabilities of each measure for an outlet on a date (lead sentences are always neutral). */
export function newsRates(code, date) {
  switch (code) {
    case 'VDH': // hard-line: step change at the border incident
      return date < BORDER_INCIDENT
        ? { dehumanization: 0.03, victimhood_exclusive: 0.06, victimhood_inclusive: 0.02, acknowledgement: 0.02 }
        : { dehumanization: 0.26, victimhood_exclusive: 0.24, victimhood_inclusive: 0.01, acknowledgement: 0.01 };
    case 'TMP': // centrist: flat all year
      return { dehumanization: 0.01, victimhood_exclusive: 0.03, victimhood_inclusive: 0.06, acknowledgement: 0.09 };
    case 'KFP': // the outgroup's paper: moderate exclusive victimhood from its own side, flat
      return { dehumanization: 0.04, victimhood_exclusive: 0.13, victimhood_inclusive: 0.05, acknowledgement: 0.05 };
    case 'NL': { // regional: gradual rise of acknowledgement and inclusive victimhood after the ceasefire
      if (date < CEASEFIRE) return { dehumanization: 0.03, victimhood_exclusive: 0.06, victimhood_inclusive: 0.03, acknowledgement: 0.04 };
      const t = Math.min(1, (Date.parse(date) - Date.parse(CEASEFIRE)) / (Date.parse('2025-12-31') - Date.parse(CEASEFIRE)));
      return { dehumanization: 0.02, victimhood_exclusive: 0.04, victimhood_inclusive: 0.05 + 0.2 * t, acknowledgement: 0.06 + 0.3 * t };
    }
    default:
      throw new Error(code);
  }
}

const TRICKY_RATE = 0.08;

function measureBank(measure, perspective) {
  if (measure === 'dehumanization') {
    return perspective === 'K' ? [...usable(N.DEHUMANIZATION, 'K'), ...usable(N.DEHUMANIZATION_K, 'K')] : usable(N.DEHUMANIZATION, 'V');
  }
  const b = { victimhood_exclusive: N.EXCLUSIVE_VICTIMHOOD, victimhood_inclusive: N.INCLUSIVE_VICTIMHOOD, acknowledgement: N.ACKNOWLEDGEMENT }[measure];
  return usable(b, perspective);
}

/** Sentences that name events keep to the calendar: no Dravik before the shooting, no ceasefire before it was signed. */
function timely(template, date) {
  if (/Dravik|June/.test(template) && date < BORDER_INCIDENT) return false;
  if (/summer/.test(template) && date < '2025-07-01') return false;
  if (/August/.test(template) && date < '2025-09-01') return false;
  if (/ceasefire(?! proposal)/i.test(template) && date < CEASEFIRE) return false;
  return true;
}

function periodOf(date) {
  return date < BORDER_INCIDENT ? 'pre' : date < CEASEFIRE ? 'incident' : 'ceasefire';
}

function composeArticle(rng, outlet, date) {
  const p = outlet.perspective;
  const period = periodOf(date);
  const periodBank = { pre: N.NEUTRAL_PRE, incident: N.NEUTRAL_INCIDENT, ceasefire: N.NEUTRAL_CEASEFIRE }[period];
  const r = [BORDER_INCIDENT, '2025-06-04', CEASEFIRE].includes(date) ? 0 : rng.next();
  const topic = r < 0.55 ? period : r < 0.68 ? 'economy' : r < 0.8 ? 'local' : 'opinion';
  const section = { pre: 'politics', incident: 'conflict', ceasefire: 'politics', economy: 'economy', local: 'local', opinion: 'opinion' }[topic];
  const topicBank = topic === 'economy' ? N.NEUTRAL_ECONOMY : topic === 'local' ? N.NEUTRAL_LOCAL : periodBank;
  let title;
  let lead = null;
  const memo = {};
  if (topic === 'opinion') {
    title = fill(rng.pick(usable(N.LEADS[`opinion_${period}`], p)).text, rng, p, {}, memo);
  } else {
    // The day-one stories belong to their day: the Dravik shooting in its first week, the ceasefire in its first days.
    const fresh = (e) => e.text.startsWith('Eleven dead') ? date <= '2025-06-08' : e.text.startsWith('Ceasefire takes hold') ? date <= '2025-09-19' : true;
    const firstDay = date === BORDER_INCIDENT || date === '2025-06-04' ? 'Eleven dead' : date === CEASEFIRE ? 'Ceasefire takes hold' : null;
    const pool = usable(N.LEADS[topic], p).filter(fresh);
    const entry = (firstDay && pool.find((e) => e.text.startsWith(firstDay))) || rng.pick(pool);
    const [t, l] = entry.text.split(' => ');
    title = fill(t, rng, p, {}, memo);
    lead = fill(l, rng, p, {}, memo);
  }
  const fillerPool = usable(topicBank, p);
  const reporting = usable(N.NEUTRAL_REPORTING, p);
  // One voice per article: it is either hostile (dehumanization, exclusive victimhood) or conciliatory
  // (inclusive victimhood, acknowledgement), chosen in proportion to the outlet's rates, so the expected
  // share of each measure is unchanged but an editorial does not argue with itself.
  const base = newsRates(outlet.code, date);
  const hostile = base.dehumanization + base.victimhood_exclusive;
  const concil = base.victimhood_inclusive + base.acknowledgement;
  const isHostile = rng.next() * (hostile + concil) < hostile;
  const scale = (hostile + concil) / (isHostile ? hostile : concil);
  const rates = isHostile
    ? { dehumanization: base.dehumanization * scale, victimhood_exclusive: base.victimhood_exclusive * scale, victimhood_inclusive: 0, acknowledgement: 0 }
    : { dehumanization: 0, victimhood_exclusive: 0, victimhood_inclusive: base.victimhood_inclusive * scale, acknowledgement: base.acknowledgement * scale };
  // Evaluative language sits mostly in political stories and opinion pieces, little in economy and local news.
  const boost = topic === 'opinion' ? 1.8 : topic === 'economy' || topic === 'local' ? 0.4 : 1;
  const trickyRate = topic === 'economy' || topic === 'local' ? 0.12 : TRICKY_RATE;
  const count = rng.int(3, 10);
  const used = new Set();
  const labels = [];
  const sentences = [];
  const take = (pool) => {
    for (let tries = 0; tries < 30; tries++) {
      const e = rng.pick(pool);
      if (!used.has(e.text) && timely(e.text, date)) { used.add(e.text); return fill(e.text, rng, p); }
    }
    return null;
  };
  for (let i = 0; i < count; i++) {
    let s = null;
    let label = 'neutral';
    if (i > 0) {
      let u = rng.next();
      for (const [m, rate] of Object.entries(rates)) {
        if (u < rate * boost) { label = m; break; }
        u -= rate * boost;
      }
      if (label === 'neutral' && u < trickyRate) {
        const kind = trickyRate > TRICKY_RATE ? 'non_human' : rng.pick(['negation', 'quotation', 'quotation', 'counter_speech', 'mention', 'non_human']);
        const b = { negation: N.NEGATION, quotation: N.QUOTATION, counter_speech: N.COUNTER_SPEECH, mention: N.MENTION, non_human: N.NON_HUMAN }[kind];
        label = kind;
        s = take(usable(b, p));
      }
      if (label !== 'neutral' && s === null && !['negation', 'quotation', 'counter_speech', 'mention', 'non_human'].includes(label)) {
        s = take(measureBank(label, p));
      }
    }
    if (s === null && i === 0 && lead !== null) { used.add(lead); s = lead; }
    if (s === null) { label = 'neutral'; s = take(rng.chance(0.15) ? reporting : fillerPool); }
    if (s === null) continue;
    sentences.push(s);
    labels.push(label);
  }
  return { title, body: paragraphs(sentences, rng), section, labels };
}

function daysIn(month) {
  return new Date(Date.UTC(2025, month, 0)).getUTCDate();
}

const pad = (n, w = 2) => String(n).padStart(w, '0');

function csvField(v) {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function generateNews() {
  const rng = makeRng(SEED);
  const articles = [];
  for (const outlet of OUTLETS) {
    for (let month = 1; month <= 12; month++) {
      const k = outlet.perMonth + rng.int(-1, 1);
      const days = rng.shuffle(Array.from({ length: daysIn(month) }, (_, i) => i + 1)).slice(0, k);
      // Every outlet reports the Dravik shooting on the day (the Herald) or the day after, and the ceasefire on the day.
      const must = month === 6 ? (outlet.code === 'VDH' ? 3 : 4) : month === 9 ? 15 : null;
      if (must && !days.includes(must)) days[0] = must;
      days.sort((a, b) => a - b);
      for (const day of days) {
        const date = `2025-${pad(month)}-${pad(day)}`;
        articles.push({ outlet, date, ...composeArticle(rng, outlet, date) });
      }
    }
  }
  articles.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.outlet.code < b.outlet.code ? -1 : 1));
  const counters = {};
  const rows = articles.map((a) => {
    counters[a.outlet.code] = (counters[a.outlet.code] ?? 0) + 1;
    return { id: `${a.outlet.code}-${pad(counters[a.outlet.code], 3)}`, date: a.date, outlet: a.outlet.name, title: a.title, body: a.body, section: a.section, labels: a.labels };
  });

  const dir = join(ROOT, 'news');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const cols = ['id', 'date', 'outlet', 'title', 'body'];
  writeFileSync(join(dir, 'articles.csv'), [cols.join(','), ...rows.map((r) => cols.map((c) => csvField(r[c])).join(','))].join('\n') + '\n');
  writeFileSync(join(dir, 'articles.jsonl'), rows.map((r) => JSON.stringify({ id: r.id, date: r.date, outlet: r.outlet, title: r.title, body: r.body, section: r.section })).join('\n') + '\n');

  // Wire copies: 17 stories as text files with front matter, plus 3 syndicated byte-identical copies.
  const wireRng = makeRng(SEED + 1);
  const wire = [];
  for (let i = 1; i <= 17; i++) {
    const outlet = OUTLETS[(i - 1) % OUTLETS.length];
    const month = wireRng.int(1, 12);
    const date = `2025-${pad(month)}-${pad(wireRng.int(1, daysIn(month)))}`;
    const a = composeArticle(wireRng, outlet, date);
    wire.push({ id: `W${pad(i, 3)}`, outlet, date, title: a.title, body: a.body, section: a.section });
  }
  const wireText = (w) => `---\ntitle: ${JSON.stringify(w.title)}\nsection: ${w.section}\n---\n${w.body}\n`;
  const syndicated = [
    [wire[1], OUTLETS[3], 'W018'], // Meridian Post story carried by the Northern Ledger
    [wire[5], OUTLETS[0], 'W019'], // Meridian Post story carried by the Herald
    [wire[4], OUTLETS[3], 'W020'], // Herald story carried by the Northern Ledger
  ];
  for (const [orig, outlet, id] of syndicated) wire.push({ ...orig, id, outlet, duplicateOf: orig.id });
  for (const w of wire) {
    mkdirSync(join(dir, 'wire', w.outlet.slug), { recursive: true });
    writeFileSync(join(dir, 'wire', w.outlet.slug, `${w.date}-${w.id}.txt`), wireText(w));
  }
  return { rows, wire };
}

// ---------------- workshop ----------------

const PARTICIPANTS = [
  { id: 'V01', side: 'velorian', age_band: '30-44', profile: 'shift' },
  { id: 'V02', side: 'velorian', age_band: '18-29', profile: 'shift' },
  { id: 'V03', side: 'velorian', age_band: '60+', profile: 'flat-hard' },
  { id: 'V04', side: 'velorian', age_band: '45-59', profile: 'shift' },
  { id: 'V05', side: 'velorian', age_band: '18-29', profile: 'shift' },
  { id: 'V06', side: 'velorian', age_band: '30-44', profile: 'shift' },
  { id: 'K01', side: 'karsk', age_band: '45-59', profile: 'shift' },
  { id: 'K02', side: 'karsk', age_band: '30-44', profile: 'flat-mixed' },
  { id: 'K03', side: 'karsk', age_band: '18-29', profile: 'shift' },
  { id: 'K04', side: 'karsk', age_band: '60+', profile: 'shift' },
  { id: 'K05', side: 'karsk', age_band: '45-59', profile: 'flat-hard' },
  { id: 'K06', side: 'karsk', age_band: '30-44', profile: 'shift' },
];

/** Per-sentence probabilities for a participant profile in a phase; the rest is neutral talk. */
export function workshopRates(profile, phase) {
  if (profile === 'flat-hard') return { dehumanization: 0.12, victimhood_exclusive: 0.32, victimhood_inclusive: 0.03, acknowledgement: 0.03, tricky: 0.04 };
  if (profile === 'flat-mixed') return { dehumanization: 0.02, victimhood_exclusive: 0.15, victimhood_inclusive: 0.12, acknowledgement: 0.12, tricky: 0.05 };
  return phase === 'pre'
    ? { dehumanization: 0.12, victimhood_exclusive: 0.32, victimhood_inclusive: 0.05, acknowledgement: 0.04, tricky: 0.05 }
    : { dehumanization: 0.01, victimhood_exclusive: 0.06, victimhood_inclusive: 0.24, acknowledgement: 0.34, tricky: 0.05 };
}

const SESSIONS = [
  { n: 1, phase: 'pre', date: '2025-03-08', facilitator: 'Ilse Marren', format: 'txt', blankLines: false, indent: true },
  { n: 2, phase: 'pre', date: '2025-03-15', facilitator: 'Ilse Marren', format: 'txt', blankLines: true, indent: false },
  { n: 3, phase: 'pre', date: '2025-03-22', facilitator: 'Tomaso Reyl', format: 'srt' },
  { n: 4, phase: 'post', date: '2025-05-10', facilitator: 'Tomaso Reyl', format: 'txt', blankLines: false, indent: false },
  { n: 5, phase: 'post', date: '2025-05-17', facilitator: 'Ilse Marren', format: 'txt', blankLines: true, indent: true },
  { n: 6, phase: 'post', date: '2025-05-24', facilitator: 'Ilse Marren', format: 'vtt' },
];

const OPENINGS = {
  1: 'Good morning, and welcome to the first of our meetings here in Sarreth.',
  2: 'Welcome back, everyone, it is good to see all twelve of you again.',
  3: 'Good morning, this is our last meeting before the workshop in April.',
  4: 'Welcome back, this is our first meeting since the workshop.',
  5: 'Good morning, everyone, let us pick up where we left off last week.',
  6: 'Welcome to our final session together.',
};

function workshopTurns(rng, session) {
  const W_BANKS = { dehumanization: W.W_DEHUMANIZATION, victimhood_exclusive: W.W_EXCLUSIVE, victimhood_inclusive: W.W_INCLUSIVE, acknowledgement: W.W_ACKNOWLEDGEMENT, tricky: W.W_TRICKY };
  const target = rng.int(38, 56); // participant turns; facilitator turns come on top
  const order = [];
  for (const p of PARTICIPANTS) for (let i = 0; i < 3; i++) order.push(p);
  while (order.length < target) order.push(rng.pick(PARTICIPANTS));
  let seq = rng.shuffle(order);
  for (let i = 1; i < seq.length; i++) {
    if (seq[i] === seq[i - 1]) {
      const j = seq.findIndex((q, k) => k > i && q !== seq[i] && seq[k - 1] !== q && seq[k + 1] !== seq[i]);
      if (j > 0) [seq[i], seq[j]] = [seq[j], seq[i]];
    }
  }
  const turns = [];
  const fac = (text) => turns.push({ speaker: session.facilitator, participant: null, sentences: [text], labels: ['neutral'] });
  fac(OPENINGS[session.n]);
  fac(rng.pick(W.FACILITATOR.slice(1, 3)).text);
  let sinceFac = 0;
  let nextFac = rng.int(4, 7);
  // Sentence counts first, then labels by quota per participant, so each person's planted rates hold
  // exactly in every session instead of drifting with the dice (a flat participant must stay flat).
  const ks = seq.map(() => rng.pick([1, 1, 2, 2, 2, 3, 3, 4]));
  const quota = new Map();
  for (const p of PARTICIPANTS) {
    const n = seq.reduce((acc, q, i) => acc + (q === p ? ks[i] : 0), 0);
    const rates = workshopRates(p.profile, session.phase);
    const shares = Object.entries({ ...rates, neutral: 1 - Object.values(rates).reduce((a, b) => a + b, 0) });
    const counts = shares.map(([m, r]) => [m, Math.floor(r * n), r * n - Math.floor(r * n)]);
    let left = n - counts.reduce((a, c) => a + c[1], 0);
    for (const c of counts.slice().sort((a, b) => b[2] - a[2])) if (left-- > 0) c[1]++;
    // Sort the labels so that neighbours are alike (hostile, then neutral, then conciliatory), cut them into
    // this person's turns, and shuffle the turns: a turn keeps one voice, the session order stays random.
    const order = ['dehumanization', 'victimhood_exclusive', 'neutral', 'tricky', 'victimhood_inclusive', 'acknowledgement'];
    const labels = rng.shuffle(counts.flatMap(([m, c]) => Array(c).fill(m))).sort((a, b) => order.indexOf(a) - order.indexOf(b));
    const mine = ks.filter((_, i) => seq[i] === p);
    const chunks = [];
    let at = 0;
    for (const k of mine) { chunks.push(labels.slice(at, at + k).sort((a, b) => (a === 'neutral' ? -1 : 0) - (b === 'neutral' ? -1 : 0))); at += k; }
    quota.set(p, rng.shuffle(chunks));
  }
  seq.forEach((p, idx) => {
    if (sinceFac >= nextFac) {
      let f = rng.pick(W.FACILITATOR.slice(2, -2)).text;
      while (turns.at(-2)?.sentences[0] === f) f = rng.pick(W.FACILITATOR.slice(2, -2)).text;
      fac(f);
      sinceFac = 0;
      nextFac = rng.int(4, 7);
    }
    const persp = p.side === 'velorian' ? 'V' : 'K';
    const sentences = [];
    const labels = [];
    const used = new Set();
    for (const label of quota.get(p).pop()) {
      const pool = label === 'neutral' ? (rng.chance(0.4) ? W.BIOS[p.id] : W.W_NEUTRAL) : W_BANKS[label];
      const ok = (e) => !used.has(e.text) && !(session.phase === 'pre' && W.AFTER_WORKSHOP.test(e.text));
      let e = rng.pick(pool);
      for (let t = 0; t < 20 && !ok(e); t++) e = rng.pick(pool);
      used.add(e.text);
      sentences.push(fill(e.text, rng, persp));
      labels.push(label);
    }
    turns.push({ speaker: `Participant ${p.id}`, participant: p.id, sentences, labels });
    sinceFac++;
  });
  fac(rng.pick(W.FACILITATOR.slice(-2)).text);
  // Stage directions: some on their own line between turns, some at the end of a turn.
  for (const t of turns) {
    if (t.participant && rng.chance(0.04)) t.inline = rng.pick(['[laughs]', '[pause]', '[inaudible]']);
    t.after = rng.chance(0.05) ? '[laughter]' : rng.chance(0.04) ? '[crosstalk]' : null;
  }
  return turns;
}

function frontMatter(session) {
  return `---\nsession: ${session.n}\nphase: ${session.phase}\ndate: ${session.date}\nfacilitator: ${session.facilitator}\nlocation: Sarreth\n---\n`;
}

function timecode(seconds, sep) {
  const ms = Math.round(seconds * 1000);
  const h = Math.floor(ms / 3600000), m = Math.floor(ms / 60000) % 60, s = Math.floor(ms / 1000) % 60;
  return `${pad(h)}:${pad(m)}:${pad(s)}${sep}${pad(ms % 1000, 3)}`;
}

function renderSession(rng, session, turns) {
  const withInline = (t) => t.sentences.join(' ') + (t.inline ? ` ${t.inline}` : '');
  if (session.format === 'txt') {
    const blocks = [];
    for (const t of turns) {
      let lines;
      if (t.sentences.length >= 3 && rng.chance(0.5)) {
        const cut = rng.int(1, t.sentences.length - 1);
        const rest = t.sentences.slice(cut).join(' ') + (t.inline ? ` ${t.inline}` : '');
        lines = [`${t.speaker}: ${t.sentences.slice(0, cut).join(' ')}`, `${session.indent ? '    ' : ''}${rest}`];
      } else {
        lines = [`${t.speaker}: ${withInline(t)}`];
      }
      if (t.after) lines.push(t.after);
      blocks.push(lines.join('\n'));
    }
    return frontMatter(session) + '\n' + blocks.join(session.blankLines ? '\n\n' : '\n') + '\n';
  }
  let clock = 12 + rng.int(0, 20);
  const cues = [];
  const cue = (text, words) => {
    const dur = 1.5 + words * 0.34;
    cues.push({ start: clock, end: clock + dur, text });
    clock += dur + 0.3 + rng.next() * 1.5;
  };
  for (const t of turns) {
    const text = withInline(t);
    const words = text.split(/\s+/).length;
    if (session.format === 'vtt') {
      // Long turns wrap onto a second cue line, as captioning tools do.
      const body = text.length > 90 && t.sentences.length > 1 ? `${t.sentences[0]}\n${text.slice(t.sentences[0].length + 1)}` : text;
      cue(`<v ${t.speaker}>${body}`, words);
    } else {
      cue(`${t.speaker}: ${text}`, words);
    }
    if (t.after) cue(t.after, 1);
  }
  if (session.format === 'vtt') {
    return frontMatter(session) + '\nWEBVTT\n\n' + cues.map((c, i) => `${i + 1}\n${timecode(c.start, '.')} --> ${timecode(c.end, '.')}\n${c.text}\n`).join('\n');
  }
  return frontMatter(session) + '\n' + cues.map((c, i) => `${i + 1}\n${timecode(c.start, ',')} --> ${timecode(c.end, ',')}\n${c.text}\n`).join('\n');
}

function generateWorkshop() {
  const rng = makeRng(SEED + 2);
  const dir = join(ROOT, 'workshop');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'pre'), { recursive: true });
  mkdirSync(join(dir, 'post'), { recursive: true });
  writeFileSync(join(dir, 'participants.csv'), ['participant,side,age_band', ...PARTICIPANTS.map((p) => `${p.id},${p.side},${p.age_band}`)].join('\n') + '\n');
  const flat = [];
  const stats = [];
  for (const session of SESSIONS) {
    const turns = workshopTurns(rng, session);
    writeFileSync(join(dir, session.phase, `session-${session.n}.${session.format}`), renderSession(rng, session, turns));
    turns.forEach((t, i) => {
      flat.push({ id: `s${session.n}-t${pad(i + 1, 3)}`, text: t.sentences.join(' '), speaker: t.speaker, participant: t.participant, session: session.n, phase: session.phase, date: session.date, turn: i + 1, labels: t.labels });
    });
    stats.push({ session: session.n, phase: session.phase, format: session.format, turns: turns.length });
  }
  writeFileSync(join(dir, 'turns.jsonl'), flat.map(({ labels, ...t }) => JSON.stringify(t)).join('\n') + '\n');
  return { flat, stats };
}

// ---------------- speeches ----------------

const SPEAKERS = {
  Veloria: (y) => (y <= 2019 ? 'President Aldric Venn' : 'President Maren Osk'),
  Karskia: (y) => (y <= 2021 ? 'Chancellor Tobiah Krell' : 'Chancellor Ysolde Varga'),
  Arvenia: (y) => (y <= 2018 ? 'First Minister Lio Sandrel' : 'First Minister Carla Demesne'),
};

/** Hostility of a country's rhetoric in a year, 0..1: Veloria peaks in 2019, Karskia in 2020. */
export function speechIntensity(country, year) {
  const peak = country === 'Veloria' ? 2019 : country === 'Karskia' ? 2020 : null;
  if (peak === null) return 0;
  return Math.max(0, 1 - Math.abs(year - peak) / 4.5);
}

export function speechRates(country, year) {
  if (country === 'Arvenia') return { dehumanization: 0, victimhood_exclusive: 0, victimhood_inclusive: 0.12, acknowledgement: 0.1, counter: 0.03 };
  const I = speechIntensity(country, year);
  const late = year >= 2021 ? (year - 2020) / 4 : 0;
  return { dehumanization: 0.01 + 0.16 * I, victimhood_exclusive: 0.03 + 0.22 * I, victimhood_inclusive: 0.03 + 0.07 * (1 - I), acknowledgement: 0.01 + 0.13 * late * (1 - I) };
}

function composeSpeech(rng, country, year) {
  const p = country === 'Karskia' ? 'K' : 'V';
  const extra = country === 'Arvenia' ? { INLAND: 'Arvenia', icap: 'Sarreth', cur: 'florins' } : {};
  const rates = speechRates(country, year);
  const banks = country === 'Arvenia'
    ? { victimhood_inclusive: S.S_ARVENIA_MEASURES.victimhood_inclusive, acknowledgement: S.S_ARVENIA_MEASURES.acknowledgement, counter: S.S_ARVENIA_MEASURES.dehumanization }
    : { dehumanization: S.S_DEHUMANIZATION, victimhood_exclusive: S.S_EXCLUSIVE, victimhood_inclusive: S.S_INCLUSIVE, acknowledgement: S.S_ACKNOWLEDGEMENT };
  const neutral = country === 'Arvenia' ? [...S.S_NEUTRAL, ...S.S_ARVENIA_NEUTRAL] : S.S_NEUTRAL;
  const used = new Set();
  const paras = [];
  const nParas = rng.int(3, 5);
  for (let pi = 0; pi < nParas; pi++) {
    const sents = [];
    if (pi === 0) sents.push(fill(rng.pick(S.S_OPENING).text, rng, p, extra));
    const k = rng.int(3, 6);
    for (let i = 0; i < k; i++) {
      let u = rng.next();
      let pool = neutral;
      for (const [m, rate] of Object.entries(rates)) {
        if (u < rate && banks[m]) { pool = banks[m]; break; }
        u -= rate;
      }
      let e = rng.pick(pool);
      for (let t = 0; t < 15 && used.has(e.text); t++) e = rng.pick(pool);
      if (used.has(e.text)) continue;
      used.add(e.text);
      sents.push(fill(e.text, rng, p, extra));
    }
    if (pi === nParas - 1) sents.push(fill(rng.pick(S.S_CLOSING).text, rng, p, extra));
    paras.push(sents.join(' '));
  }
  return paras.join('\n\n');
}

function generateSpeeches() {
  const rng = makeRng(SEED + 3);
  const codes = { Veloria: 'VEL', Karskia: 'KAR', Arvenia: 'ARV' };
  const specials = new Set([2018, 2019, 2020, 2022, 2023]);
  const speeches = [];
  for (let year = 2015; year <= 2024; year++) {
    for (const country of ['Veloria', 'Karskia', 'Arvenia']) {
      const n = specials.has(year) && country !== 'Arvenia' ? 2 : 1;
      for (let i = 1; i <= n; i++) {
        speeches.push({ id: `SP-${year}-${codes[country]}-${i}`, year, country, speaker: SPEAKERS[country](year), text: composeSpeech(rng, country, year) });
      }
    }
  }
  const dir = join(ROOT, 'speeches');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'speeches.jsonl.gz'), gzipSync(speeches.map((s) => JSON.stringify(s)).join('\n') + '\n', { level: 9 }));
  return speeches;
}

// ---------------- main ----------------

const news = generateNews();
const workshop = generateWorkshop();
const speeches = generateSpeeches();

if (process.argv.includes('--stats')) {
  const byOutletMonth = {};
  const measureShare = {};
  for (const r of news.rows) {
    const key = `${r.outlet}`;
    byOutletMonth[key] ??= {};
    byOutletMonth[key][r.date.slice(0, 7)] = (byOutletMonth[key][r.date.slice(0, 7)] ?? 0) + 1;
    const per = r.date < BORDER_INCIDENT ? 'pre-incident' : r.date < CEASEFIRE ? 'incident-to-ceasefire' : 'post-ceasefire';
    const mk = `${r.outlet} | ${per}`;
    measureShare[mk] ??= { sentences: 0 };
    for (const l of r.labels) { measureShare[mk].sentences++; measureShare[mk][l] = (measureShare[mk][l] ?? 0) + 1; }
  }
  console.log(JSON.stringify({ articles: news.rows.length, byOutletMonth, measureShare }, null, 1));
  const monthly = {};
  for (const r of news.rows) {
    const k = `${r.outlet} ${r.date.slice(0, 7)}`;
    monthly[k] ??= { n: 0, dehumanization: 0, victimhood_exclusive: 0, victimhood_inclusive: 0, acknowledgement: 0 };
    for (const l of r.labels) { monthly[k].n++; if (l in monthly[k]) monthly[k][l]++; }
  }
  for (const [k, v] of Object.entries(monthly).sort()) console.log('month', k, v.n, ['dehumanization', 'victimhood_exclusive', 'victimhood_inclusive', 'acknowledgement'].map((m) => (v[m] / v.n).toFixed(2)).join(' '));
  console.log(JSON.stringify(workshop.stats));
  const wp = {};
  for (const t of workshop.flat) {
    if (!t.participant) continue;
    const k = `${t.participant} ${t.phase}`;
    wp[k] ??= { s: 0 };
    for (const l of t.labels) { wp[k].s++; wp[k][l] = (wp[k][l] ?? 0) + 1; }
  }
  for (const [k, v] of Object.entries(wp).sort()) console.log(k, JSON.stringify(v));
  console.log('speeches', speeches.length);
}
