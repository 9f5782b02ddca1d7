// Hand-written banks for the assembly speeches: formal register. {IN}/{OUT} as in the news banks.
import { bank } from './lib.mjs';

export const S_OPENING = bank(`
Madam President, honourable delegates of the Regional Assembly, I thank you for the invitation to speak.
Madam President, distinguished delegates, friends.
Honourable members of the Assembly, it is a privilege to address you once again.
Madam President, excellencies, ladies and gentlemen.
Distinguished delegates, I bring you the greetings of the people of {INLAND}.
`);

export const S_CLOSING = bank(`
I thank you for your attention.
Thank you, Madam President.
May this Assembly find the wisdom the moment demands. Thank you.
I thank the delegates and wish the Assembly a fruitful session.
Thank you, and may the coming year be kinder to all of us.
`);

export const S_NEUTRAL = bank(`
Our economy grew by {pct} percent over the past year, and unemployment fell in every province.
The new rail line between {icap} and the coast will open before the end of the decade.
We have invested {n} million {cur} in the modernisation of our ports.
Regional trade remains the foundation of prosperity for all the nations represented here.
Climate change is already altering the rhythm of our harvests.
The Varn River feeds millions of people, and its waters must be managed with care.
My government has doubled the budget for rural schools.
We support the Assembly's programme on vocational training.
The drought of recent summers has shown how dependent we are on shared water.
Our universities are opening their doors to students from across the region.
We will present a proposal on cross-border electricity grids at the next session.
Public health is a shared responsibility that does not stop at any border.
The reform of our courts is under way, and it will make justice faster and fairer.
We welcome the report of the Assembly's committee on fisheries.
Tourism has become one of the strongest sectors of our economy.
Our farmers need stable markets and predictable rules.
We have ratified the regional convention on road safety.
The digital economy offers opportunities that no country can seize alone.
Our government will continue to reduce the public debt.
We call on all members to pay their contributions to the Assembly budget on time.
The coming year will test the resilience of our institutions.
Investment in renewable energy rose again last year.
We are proud of the men and women who serve in our public hospitals.
The Assembly has proven its value as a forum for dialogue.
Our young people want jobs, housing and a future at home.
We remain committed to the rules-based order that this Assembly represents.
`);

export const S_DEHUMANIZATION = bank(`
The {OUTADJ} militias have behaved like a pack of wolves on our frontier.
Our border regions are plagued by a swarm of {OUTADJ} smugglers and infiltrators.
The forces across the river are a cancer in the body of this region.
We will not allow {OUTADJ} vermin to nest in our border villages.
{OUT} who cross our border illegally are a tide that threatens to drown our towns.
There is something less than human in those who shell villages at night.
The {OUTADJ} regime treats its own people as cattle to be driven to the front.
Like locusts, the armed bands from {OUTLAND} strip our farms of everything they find.
`);

export const S_EXCLUSIVE = bank(`
No people in this region has suffered as the people of {INLAND} have suffered.
The stories of hardship coming from {ocap} are fabrications designed to win sympathy.
{OUTLAND} has brought its troubles upon itself.
For too long the world has ignored the suffering of {IN}.
We alone have paid the price of instability on the Varn.
The so-called victims across the border are the authors of their own misfortune.
Our martyrs are forgotten, while the propaganda of {ocap} is repeated in every capital.
It is {INLAND} that has been wronged, again and again, and never once compensated.
`);

export const S_INCLUSIVE = bank(`
The peoples on both banks of the Varn have known too much grief.
There is no family in {INLAND} or in {OUTLAND} that has not been touched by this conflict.
Both our nations have buried sons and daughters who should have grown old.
The suffering of the last decade has not been confined to one side of the border.
Our peoples are bound together by the same losses as much as by the same river.
In the border towns, {INADJ} and {OUTADJ} families alike have lived with fear.
`);

export const S_ACKNOWLEDGEMENT = bank(`
We must acknowledge that our own forces caused suffering to {OUTADJ} civilians.
I recognise the legitimate grievances of the people of {OUTLAND} concerning water and land.
On behalf of my government, I express regret for the lives lost in {otown}.
We have not always listened to our neighbours, and we must do better.
The families of {otown} deserve the truth about what happened there, and they will have it.
I want to speak directly to the people of {OUTLAND}, we hear you, and we see your losses.
It is time to admit that mistakes were made on our side of the border as well.
`);

// Arvenia, the mediator, speaks about both sides.
export const S_ARVENIA_NEUTRAL = bank(`
Arvenia stands ready to host talks between all parties, at any time and at any level.
Our mediators have held more than forty meetings with both delegations this year.
The Sarreth framework remains the best basis for a settlement.
Arvenia has increased its contribution to the Assembly's humanitarian fund.
We propose a regional commission on the management of the Varn River.
Our doors are open to those who flee violence, wherever they come from.
`);

export const S_ARVENIA_MEASURES = {
  victimhood_inclusive: bank(`
Velorians and Karsks have both lost far too much in this long conflict.
In our shelters in Sarreth we have met Velorian and Karsk families who carry the same grief.
The mothers of Veloria and the mothers of Karskia mourn in the same way.
Both peoples are victims of a cycle of fear that neither of them chose.
`),
  acknowledgement: bank(`
We have listened to the grievances of Karskia over land and water, and they are real.
We have heard the fear of the people of Veloria, and it is not unfounded.
Arvenia acknowledges that it did too little, too late, when the border first burned.
We honour the Karsk doctors and Velorian nurses who crossed the line to treat the wounded.
`),
  dehumanization: bank(`
Some leaders in this region still speak of their neighbours as vermin and plague, and this Assembly must reject that language.
`),
};
