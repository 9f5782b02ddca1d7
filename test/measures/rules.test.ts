/**
 * Context rules as valid/invalid tables (in the manner of textlint rule tests): each row is a sentence, the
 * expected call, and for positive calls the rule and voice that must explain it.
 */
import { describe, expect, it } from 'vitest';
import type { MeasureName } from '../../src/core/types.js';
import { setupScorer } from '../../src/classify/scorer-setup.js';
import { ROOT } from '../cli/helpers.js';

const { scorer } = setupScorer(['default'], ['actors-sample-conflict'], ROOT);

function sentence(text: string) {
  const [s] = scorer.scoreDocument('t', text).sentences;
  return s!;
}

function counted(text: string, measure: MeasureName) {
  return sentence(text).findings.filter((f) => f.measure === measure && f.weight > 0 && !f.negated);
}

describe('dehumanization: target rule', () => {
  it.each([
    ['Migrants are vermin.', 'copula'],
    ["They're nothing but rats.", 'copula'],
    ['These people have become a plague on our towns.', 'copula'],
    ['The Karsk hordes are at the gate.', 'modifier'],
    ['Subhuman Karsks ran the checkpoint.', 'modifier'],
    ['A flood of migrants is coming.', 'of_phrase'],
    ['Vermin like them should be driven out.', 'apposition'],
    ['They breed like rabbits.', 'predicate'],
    ['Those settlers are no better than animals.', 'comparison'],
    ['They swarm across the border every night.', 'verb_subject'],
    ['We should exterminate them.', 'verb_object'],
    ['Voters on the other side are programmed drones.', 'copula'],
    ['Conservatives are knuckle-dragging apes.', 'copula'],
    ['The senator described asylum seekers as an invasive species.', 'object_complement'],
    ['Jews were called rats in the propaganda films.', 'object_complement'],
    ['Those savages should be wiped off the map.', 'demonstrative'],
    ['The shelters are full of parasites who live off our taxes.', 'relative_who'],
    ['The Orenites need to be eradicated from the hills.', 'verb_object'],
    ['Our suburbs are being overrun by migrants.', 'verb_subject'],
    ['The governor vowed to wipe the Karsks out.', 'slot'],
    ['The leaflet referred to the settlers as "vermin."', 'object_complement'],
    ['The general wanted to exterminate the mountain tribes before the thaw.', 'verb_object'],
    ['The Sulavi are a blight on this coast.', 'copula'],
    ['The Dravani have infested every stall in the market.', 'verb_subject'],
  ])('%j is dehumanization (%s)', (text, rule) => {
    const f = counted(text, 'dehumanization');
    expect(f.map((x) => x.rule), JSON.stringify(sentence(text).findings)).toContain(rule);
    expect(sentence(text).dehumanization).toBeGreaterThanOrEqual(0.5);
  });

  it.each([
    ['Rats spread through the kitchen.'],
    ['The rat population in the harbour has doubled.'],
    ['A flood after the storm closed the bridge.'],
    ['The virus spread quickly through the ward.'],
    ['The robot assembled the car in four minutes.'],
    ['The council announced savage cuts to the library budget.'],
    ['A wave of resignations hit the ministry.'],
    ['Workers are building machines for the new plant.'],
    ['Leeches were once used by doctors to draw blood.'],
    ['Bees swarm in early summer.'],
    ['The farmers exterminated the rats in the barn.'],
    ['Invasive species like the cane toad threaten native wildlife.'],
    ['Democrats flooded the hearing with amendments.'],
    ['A swarm of bees settled on the fence.'],
    ['The Blue Dogs who survived the primary met on Tuesday.'],
    ['The refugees were infested with lice after weeks in the camp.'],
    ['The harbour was overrun by rats last winter.'],
    ['My uncle was always the black sheep of the family.'],
    ['Termites infested the old barn.'],
    ['Exterminate the rats near the refugee camp.'],
    ['The Senate is a zoo this week.'],
  ])('%j is not dehumanization (non-human referent or homonym)', (text) => {
    expect(sentence(text).dehumanization).toBeLessThan(0.5);
  });
});

describe('dehumanization: negation rule', () => {
  it.each([
    ['They are not animals.'],
    ["Refugees aren't vermin."],
    ['It is false that the Orenites are a plague on this city.'],
    ['The Karsks are not less than human.'],
    ['There is no truth to the claim that migrants are parasites.'],
    ['The Karsks are never a plague to anyone.'],
    ['I never said the refugees were a swarm.'],
  ])('%j is negated', (text) => {
    const s = sentence(text);
    expect(s.dehumanization).toBeLessThan(0.5);
    expect(s.findings.some((f) => f.measure === 'dehumanization' && f.negated)).toBe(true);
  });

  it.each([['They are nothing but animals.'], ['Those people are no better than rats.'], ['They are not even human.']])('%j is not negated (pseudo-negation)', (text) => {
    expect(sentence(text).dehumanization).toBeGreaterThanOrEqual(0.5);
  });
});

describe('dehumanization: voice (quotation, reported speech, counter-speech, mention)', () => {
  it.each([
    ['The minister called them vermin.'],
    ['"They are animals," he said.'],
    ['According to the senator, migrants are a plague.'],
    ['Officials branded the refugees a disease.'],
    ['A local candidate claimed that the settlers had "infested" the northern suburbs.'],
    ['Old hate movements regarded the newcomers as less than human.'],
    ['The supremacist doctrine that the settlers are subhuman spread through the villages.'],
  ])('%j is quoted dehumanization', (text) => {
    const s = sentence(text);
    expect(s.dehumanization).toBeGreaterThanOrEqual(0.5);
    expect(s.dehumanization_quoted).toBeGreaterThanOrEqual(0.5);
    expect(s.dehumanization_own_voice).toBe(0);
    expect(counted(text, 'dehumanization').every((f) => f.quoted)).toBe(true);
  });

  it('keeps own voice apart from quoted speech', () => {
    const s = sentence('Migrants are vermin.');
    expect(s.dehumanization_own_voice).toBeGreaterThanOrEqual(0.5);
    expect(s.dehumanization_quoted).toBe(0);
    // The author's own view stays own voice, across auxiliaries: "we have long regarded ...".
    const own = sentence('We have long regarded the settlers as vermin.');
    expect(own.dehumanization_own_voice).toBeGreaterThanOrEqual(0.5);
    expect(own.dehumanization_quoted).toBe(0);
  });

  it.each([
    ['Calling refugees vermin is wrong.'],
    ['The mayor condemned those who call the Karsks rats.'],
    ['Whoever calls migrants cockroaches is preparing people for violence.'],
    ['Nobody should ever call refugees cockroaches.'],
    ['The senator was criticized for describing asylum seekers as an invasive species.'],
    ['Describing Karsks as a plague only fuels hatred.'],
    ['Labeling protesters as thugs and animals is dangerous.'],
    ['Comparing immigrants to rats echoes Nazi propaganda.'],
    ["The senator's claim that migrants are parasites was rightly criticised."],
    ['Activists protested the ad that depicted immigrants as rats.'],
    ['The minister was forced to resign after calling refugees a plague.'],
    ['Critics say portraying migrants as a horde is misleading.'],
    ["Calling people 'animals' is how genocides start."],
    ['We have seen where calling the Karsks vermin ends.'],
    ['No one on the committee should refer to detainees as cargo.'],
    ['The platform took down posts calling the settlers vermin.'],
    ['We will not stand by while officials call refugees a disease.'],
    ['Shame on the candidates who call asylum seekers parasites.'],
    ['Let no one in this chamber call the Karsks vermin again.'],
    ['I will not sit silent while my colleagues call refugees cockroaches.'],
  ])('%j is counter-speech, not dehumanization', (text) => {
    const s = sentence(text);
    expect(s.dehumanization).toBe(0);
    expect(s.findings.some((f) => f.rule === 'counter_speech')).toBe(true);
  });

  it.each([['The word "cockroach" was used against the Karsks on state radio.'], ['The slur "vermin" appeared in the leaflets about migrants.']])('%j is a mention, not use', (text) => {
    const s = sentence(text);
    expect(s.dehumanization).toBe(0);
  });
});

describe('actors', () => {
  it('takes a capitalised name after "the" with a plural verb as a people, whatever its ending', () => {
    expect(sentence('The Sulavi are fishing the northern bay.').mentions.map((m) => m.category)).toContain('inferred');
    expect(sentence('Those Dravani have lived here for generations.').mentions.map((m) => m.label)).toContain('dravani');
    // Singular agreement: not inferred.
    expect(sentence('The Senate is in session.').mentions).toEqual([]);
    expect(sentence('The Hague was quiet on Sunday.').mentions).toEqual([]);
  });

  it('reads "US" in capitals as the country, "us" as our side', () => {
    expect(sentence('US troops crossed the river.').mentions.map((m) => m.label)).not.toContain('us');
    expect(sentence('They attacked us at night.').mentions.map((m) => m.label)).toContain('us');
  });
});

describe('victimhood and acknowledgement', () => {
  it.each([
    ['We are the real victims here.', 'victimhood_exclusive'],
    ['Their so-called suffering is staged for the cameras.', 'victimhood_exclusive'],
    ['Nobody has suffered more than our people.', 'victimhood_exclusive'],
    ['It is not true that both sides suffered.', 'victimhood_exclusive'],
    ['Mothers on both sides have buried their children.', 'victimhood_inclusive'],
    ['Velorian and Karsk families have lost their homes alike.', 'victimhood_inclusive'],
    ['From their point of view, the checkpoints are a daily humiliation.', 'acknowledgement'],
    ['I understand why the Karsks are afraid of us.', 'acknowledgement'],
    ['Our army committed crimes in those villages.', 'acknowledgement'],
    ['We apologise to the Karsk families for what was done.', 'acknowledgement'],
    ['Their grief is real.', 'acknowledgement'],
    ['The settlers are not vermin; each of them is a teacher, a nurse or a farmer.', 'acknowledgement'],
    ['The Karsks across the river are not beasts but human beings like us.', 'acknowledgement'],
    ['The story followed a Karsk midwife named Selin through one night shift.', 'acknowledgement'],
    ['After the hearings I finally understand why so many Karsks distrust our courts.', 'acknowledgement'],
    ['We have to imagine how the settlers felt when the orchards were cleared.', 'acknowledgement'],
  ])('%j shows %s', (text, measure) => {
    expect(sentence(text)[measure as MeasureName], JSON.stringify(sentence(text).findings)).toBeGreaterThanOrEqual(0.5);
  });

  it.each([
    ['Three civilians were injured in the blast.', 'acknowledgement'],
    ['Three civilians were injured in the blast.', 'victimhood_inclusive'],
    ['Thank you for your question, please sit down.', 'acknowledgement'],
    ["I can't see why they would complain.", 'acknowledgement'],
    ['Their losses are nothing compared with ours.', 'acknowledgement'],
    ['Our children were killed by their soldiers.', 'acknowledgement'],
    ['Those people are human garbage.', 'acknowledgement'],
    ['The settlers are not vermin.', 'acknowledgement'],
    ['"They are not animals, they are parents," the mayor said.', 'dehumanization'],
    ['Maya Tern, a researcher at the institute, said the Karsks had left the valley.', 'acknowledgement'],
    ['We know what the Karsks did in the valley.', 'acknowledgement'],
    ["I don't understand why the Karsks keep protesting.", 'acknowledgement'],
  ])('%j does not show %s', (text, measure) => {
    expect(sentence(text)[measure as MeasureName], JSON.stringify(sentence(text).findings)).toBeLessThan(0.5);
  });
});

describe('frames on sentences written for these tests', () => {
  it.each([
    ['Our people have suffered more than anyone in this war.', 'victimhood_exclusive', true],
    ['We are the only ones who lost everything.', 'victimhood_exclusive', true],
    ['Their grief is just theatre for foreign journalists.', 'victimhood_exclusive', true],
    ['The Karsks exaggerate their casualties to win sympathy.', 'victimhood_exclusive', true],
    ['Their so-called refugees are paid actors.', 'victimhood_exclusive', true],
    ['Our town suffered heavy damage in the storm.', 'victimhood_exclusive', false],
    ['Their fear of our army is real.', 'victimhood_exclusive', false],
    ['Families on both sides of the border have lost sons.', 'victimhood_inclusive', true],
    ['Their mothers weep just as ours do.', 'victimhood_inclusive', true],
    ['Karsks and Velorians alike have buried too many children.', 'victimhood_inclusive', true],
    ['We have all lost someone in this conflict.', 'victimhood_inclusive', true],
    ['Both sides signed the agreement on Thursday.', 'victimhood_inclusive', false],
    ['Fighters on both sides were seen near the river.', 'victimhood_inclusive', false],
    ['Their anger about the evictions is justified.', 'acknowledgement', true],
    ['We must admit that our soldiers burned their villages.', 'acknowledgement', true],
    ['Our militia killed civilians in Brask, and we have to own that.', 'acknowledgement', true],
    ['The Karsk families who lost their homes deserve our compassion.', 'acknowledgement', true],
    ['Their fear of our army is real.', 'acknowledgement', true],
    ['Yusuf, a Karsk baker, bakes bread for both villages every morning.', 'acknowledgement', true],
    ['They have every reason to distrust us.', 'acknowledgement', true],
    ['The Karsk army killed three of our soldiers.', 'acknowledgement', false],
    ['Sara Lind, a government spokeswoman, said talks would resume.', 'acknowledgement', false],
    ['They have no reason to complain.', 'acknowledgement', false],
    ['I can imagine how frightening the checkpoints must be for them.', 'acknowledgement', true],
    ['Our government broke its promises to the Karsk villages.', 'acknowledgement', true],
    ['I have come to see the Karsks as neighbours, not enemies.', 'acknowledgement', true],
    ['We owe the Karsk community a full apology for the school closures.', 'acknowledgement', true],
    ['I want to say sorry to every Karsk student who was bullied here.', 'acknowledgement', true],
    ['They should apologize to us first.', 'acknowledgement', false],
    ['Sorry to interrupt, but the bus is here.', 'acknowledgement', false],
    // Proximity: the cues must be related in one clause, not merely present in the sentence.
    ['Both parties agreed on the budget, and three people died in an unrelated crash.', 'victimhood_inclusive', false],
    ['Everyone at the meeting voted yes; later a storm killed two farmers.', 'victimhood_inclusive', false],
    ['The Truth in Lending Act was passed after many Karsk families lost their savings.', 'victimhood_exclusive', false],
    ['I saw the new stadium, and three Karsk fans were injured in the crush.', 'acknowledgement', false],
    ['Both women lost the election by a few votes.', 'victimhood_inclusive', false],
    ['The United Nations called on all sides to reduce civilian casualties.', 'victimhood_inclusive', false],
    ['The killings drew condemnation from all sides.', 'victimhood_inclusive', false],
    ['We will see many more hostages if nothing changes.', 'victimhood_exclusive', false],
    ['Their budget cuts will hurt the Karsk farmers.', 'acknowledgement', false],
    ['Karsk officials took pains to explain the new rules.', 'acknowledgement', false],
    ['Karsk and Velorian villages alike lie in ruins after the shelling.', 'victimhood_inclusive', true],
    ['The deaths on both sides of the river have emptied whole streets.', 'victimhood_inclusive', true],
    ['Velorian and Karsk widows grieve in the same cemetery.', 'victimhood_inclusive', true],
    ['The Karsk families I met have buried as many sons as we have.', 'victimhood_inclusive', true],
    ['Their famine is a fairy tale told to foreign donors.', 'victimhood_exclusive', true],
    ['Our dead were the first to be forgotten.', 'victimhood_exclusive', true],
    ['It is a lie that both peoples suffered in that war.', 'victimhood_exclusive', true],
    ['Karsk refugees in the camps live in hunger and despair.', 'acknowledgement', true],
    ['I know that the Karsk families on the hill have lost their homes.', 'acknowledgement', true],
  ])('%j: %s is %s', (text, measure, shows) => {
    const score = sentence(text)[measure as MeasureName];
    if (shows) expect(score, JSON.stringify(sentence(text).findings)).toBeGreaterThanOrEqual(0.5);
    else expect(score, JSON.stringify(sentence(text).findings)).toBeLessThan(0.5);
  });
});

describe('the cascade', () => {
  it('gives the same results as running the rules on every sentence', () => {
    const { lexicons } = setupScorer(['default'], ['actors-sample-conflict'], ROOT);
    const full = (await_import_scorer(lexicons));
    const texts = [
      'Rats spread through the kitchen. They are not animals. The minister called them vermin.',
      'Mothers on both sides have buried their children. The weather was fine.',
      'Nothing happened today. Lina is a Karsk engineer who dreams of rebuilding the bridge.',
    ];
    for (const t of texts) expect(full.scoreDocument('x', t)).toEqual(scorer.scoreDocument('x', t));
  });
});

import { createScorer } from '../../src/measures/scorer.js';
import type { Lexicon } from '../../src/lexicon/types.js';
function await_import_scorer(lexicons: readonly Lexicon[]) {
  return createScorer({ lexicons, deepOnEverySentence: true });
}
