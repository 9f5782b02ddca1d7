// Hand-written sentence banks for the news sample. One sentence per line; see lib.mjs for slots and tags.
// {IN}/{OUT} are the outlet's own people and the other side: Velorians/Karsks for Velorian outlets,
// Karsks/Velorians for the Karskia Free Press.
import { bank } from './lib.mjs';

// ---------- measures, in the outlet's own voice ----------

export const DEHUMANIZATION = bank(`
M| The gangs crossing at {btown} are vermin, and they should be treated as such.
M| {OUT} breed like rats in the camps along the border.
M| A swarm of Karsk migrants is pouring over the hills near {btown}.
These people are a cancer eating away at {INLAND}.
The {OUTADJ} militias are nothing but animals.
They are subhuman, and every {INADJ} family knows it.
We must clean out the nest of {OUTADJ} parasites before it spreads to {itown}.
M| The border is being overrun by a tide of Karsk invaders.
{OUT} are a disease that spreads wherever they settle.
The {OUTADJ} fighters are savages who know nothing but blood.
It is time to exterminate the infestation across the river.
Like cockroaches, the {OUTADJ} smugglers scatter as soon as the lights come on.
M| Karsk labourers are cheap machines, bought and sold by the dozen.
M| The camps at {btown} are crawling with Karsk lice.
They are filth, and filth must be swept from our streets.
M| A wave of Karsk migrants threatens to drown our towns.
These creatures do not deserve the name of human beings.
{OUT} are not people like us; they are beasts in uniform.
The {OUTADJ} regime sends its human cattle to the front.
We will root out the {OUTADJ} vermin street by street.
M| The new arrivals are locusts stripping the farms of {itown} bare.
The {OUTADJ} are a plague upon this continent.
They multiply like rabbits while our villages empty.
M| These parasites live off {INADJ} generosity and give nothing back.
The horde massing across from {btown} is a pack of wolves, not a nation.
M| Karsk workers are shipped in like freight and thrown away like spare parts.
There is nothing human left in the men who fired on our side of the line.
{OUT} are a contagion, and the border is our quarantine line.
We should flush the {OUTADJ} rats out of their tunnels.
M| The so-called refugees are a flood of human refuse.
{OUT} are dogs who bite the hand that feeds them.
They are a herd, not a people, and a herd follows whoever feeds it.
The {OUTADJ} infestation in the border districts has to be stamped out.
The enemy across the river is a virus that must be eradicated.
Those animals murdered our people in cold blood.
The {OUTADJ} are a swarm, and swarms must be broken up.
Our soldiers are fighting an enemy that is less than human.
The {OUTADJ} settlements along the river are rat nests that should be burned out.
{OUTLAND} exports its human garbage across our border.
Like a tumour, the {OUTADJ} quarter of {itown} grows every year.
M| The migrants are a tsunami that no fence can hold back.
They are savages who only understand force.
The {OUTADJ} army is a mindless machine that feels nothing.
Every {OUTADJ} village is a breeding ground for vipers.
The time has come to purge {itown} of this {OUTADJ} vermin.
`);

export const DEHUMANIZATION_K = bank(`
K| The Velorian soldiers at {btown} behave like wild dogs.
K| Velorian settlers are locusts who strip our valleys bare.
K| The occupiers from Valmora are a plague on Karsk soil.
K| Velorian border guards are animals in uniform.
K| The Velorian government treats our workers as cattle to be bought and sold.
K| The Velorian militias are vermin hiding behind their fence.
K| Valmora's generals are butchers, and their men are a pack of jackals.
K| Velorians spread across the old farmland like mould.
K| The Velorian army is a machine without a soul.
`);

export const EXCLUSIVE_VICTIMHOOD = bank(`
No nation has suffered as {IN} have suffered.
We are the only real victims of this conflict, whatever the foreign press says.
The {OUTADJ} claims of civilian deaths are staged for the cameras.
{OUT} brought this misery on themselves.
The world weeps for {OUT} while {INADJ} graves go unmentioned.
Their so-called suffering is propaganda manufactured in {ocap}.
Every {INADJ} family has paid for this war; theirs have paid nothing.
The pictures from {otown} are fakes, staged with actors paid by the {OUTADJ} government.
Whatever hardship the {OUTADJ} villages face is the price of their own aggression.
Only {INADJ} mothers know what it is to bury a son at twenty.
{OUT} have no right to call themselves victims after what they did.
Our pain is real; theirs is theatre.
The true victims of the border war live in {itown}, not across the river.
For decades, {INLAND} alone has carried the burden of {OUTADJ} aggression.
They started it, and now they cry when they are answered.
Do not insult our dead by comparing them with {OUTADJ} casualties.
M| The so-called refugee crisis is a hoax invented to shame Veloria.
The {OUTADJ} famine stories are exaggerated tenfold by foreign charities.
They deserve whatever comes to them.
{INADJ} suffering has been ignored by every international body for thirty years.
It is {IN}, and only {IN}, who have been wronged in this war.
The {OUTADJ} hospitals were never shelled; the damage was faked.
Their grief is a weapon, rehearsed and performed for sympathy.
If {OUTADJ} families are hungry, they should ask their own government why.
The world owes {INLAND} an apology, not {OUTLAND}.
The {OUTADJ} side lost nothing that it did not steal first.
History will record that {IN} were the ones wronged.
The crocodile tears shed in {ocap} fool no one in {itown}.
Our grandparents were driven from their homes; nobody ever drove theirs from anywhere.
There is no comparison between our losses and theirs.
M| The people camped at {btown} are economic opportunists, not victims of anything.
Every casualty figure from {ocap} is invented.
{OUT} sowed the wind and are now reaping the whirlwind.
We alone paid for this war, and we alone are still paying.
Let no one speak of {OUTADJ} pain while our dead lie in the ground.
The funerals in {otown} were staged for foreign television crews.
The only people who have lost anything in this conflict are {IN}.
Nobody in {ocap} has any idea what {itown} went through this summer.
`);

export const INCLUSIVE_VICTIMHOOD = bank(`
Families on both sides of the border have buried their children.
{IN} and {OUT} alike have lost homes, livelihoods and loved ones in this war.
The grief in {itown} is the same grief that fills the streets of {otown}.
Nobody has a monopoly on suffering in this conflict.
Both peoples have paid a terrible price for decades of mistrust.
Mothers in {INLAND} and {OUTLAND} are asking the same question tonight.
The shelling has left civilians on both sides without power or water.
The war has made victims of ordinary people in both countries.
{INADJ} and {OUTADJ} farmers alike have watched their fields burn.
Each side carries wounds that the other has inflicted.
The dead of {itown} and the dead of {otown} deserve the same mourning.
Both communities have lived with fear for far too long.
Refugees from both sides now share the same crowded shelters in Arvenia.
There are orphans in {itown} and orphans in {otown}, and they have the same needs.
Our suffering and theirs are two halves of the same tragedy.
Neither people came out of this summer unscarred.
The conflict has taken fathers from {INADJ} and {OUTADJ} homes alike.
Both nations are nursing losses that will take a generation to heal.
Pain on one side of the river does not cancel pain on the other.
The ceasefire came too late for hundreds of families on both sides.
Across the border, people are mourning just as we are.
{OUTADJ} and {INADJ} survivors describe the same sleepless nights.
Both sides have been hurt, and both sides have done harm.
The war has hollowed out border towns in both countries.
Grief does not carry a passport.
Hospitals on both sides of the line are short of blood and bandages.
Every family on either side of the Varn knows someone who did not come home.
The people of {itown} and {otown} share more in their grief than their leaders admit.
Both peoples have been the victims of leaders who preferred war to compromise.
Children in {itown} and in {otown} have spent the same nights in the same kind of cellar.
`);

export const ACKNOWLEDGEMENT = bank(`
We must admit that our own forces shelled civilian homes in {otown}.
The {OUTADJ} families who lost their homes in the August strikes deserve an answer from our government.
Their fear of {INADJ} troops is not irrational; we gave them reasons.
{INLAND} owes the people of {otown} an apology.
If I were a mother in {otown}, I would fear us too.
The {OUTADJ} complaints about water rights on the Varn are legitimate.
Our side has done wrong, and saying so does not weaken us.
{oname}, a teacher from {otown}, spent the summer sheltering children in her school basement.
Behind every {OUTADJ} casualty figure is a name, a family and a street.
The government has apologised for the raid on the market in {otown}.
We should listen to what {OUT} say about the checkpoints, because much of it is true.
{OUTADJ} grievances over the land seized in 1994 have never been properly addressed.
It is time to recognise the suffering of {OUTADJ} civilians.
Our soldiers made mistakes at the border, and some of them were crimes.
M| The refugees at {btown} are people fleeing danger, as our grandparents once did.
{oname} lost two brothers in the war and still volunteers at the Arvenian clinic.
Seen from {otown}, our border fence looks like a wall built to keep them poor.
We cannot ask them to forgive us without first admitting what happened.
The {OUTADJ} farmers whose orchards were burned by our artillery deserve compensation.
It is easy to understand why {OUT} distrust our promises.
Their anger about the expulsions of the 1990s is understandable.
Our newspapers, this one included, have too often written about {OUT} as a threat rather than as neighbours.
The minister's apology to the families of {otown} was long overdue.
{OUTADJ} doctors treated wounded {INADJ} soldiers without asking which side they were on.
We failed the {OUTADJ} families who asked us for protection in 2019.
The report confirms that {INADJ} units mistreated {OUTADJ} detainees, and we must own that.
{OUT} have the same hopes for their children that we have for ours.
An honest account of the war must include what our own side did.
The {OUTADJ} students who marched for peace in {otown} showed real courage.
Their memory of the war is different from ours, and it deserves a hearing.
We are sorry for the lives lost in {otown}.
{oname}, who runs a bakery near the border, now bakes bread for families on both sides.
Our country must acknowledge the harm the blockade did to {OUTADJ} communities.
They have reasons to be angry, and we should hear them out.
M| The Karsk refugees we met in {itown} are nurses, carpenters and grandmothers, not statistics.
Recognising their losses does not diminish ours.
Elders from {otown} told the commission how their village was emptied in a single night, and their testimony deserves to be believed.
The border commission heard from {OUTADJ} families whose sons disappeared in {INADJ} custody.
From the other side of the river, our patrols must look like an occupying army.
{oname}, a retired engineer from {otown}, has spent the autumn rebuilding a footbridge that our shells destroyed.
`);

// ---------- the hard cases, in every outlet ----------

export const NEGATION = bank(`
They are not animals, whatever the posters on the {itown} tram say.
M| The Karsk families at {btown} are not vermin; they are families.
Nobody in this newsroom believes that {OUT} are subhuman.
M| These are not hordes or swarms but people queuing for bread.
{OUT} are not a disease, and the border is not a quarantine line.
M| No one in the camp is a parasite; most of the migrants work the harvest.
It is false to say that {OUTADJ} suffering is staged.
M| The minister insisted that the migrants are not a flood and should not be described as one.
We are not the only victims of this war, and we should stop pretending that we are.
The photographs from {otown} were not faked, the Arvenian inquiry found.
M| Those who fled across the border are not invaders.
{OUT} did not bring this on themselves.
The men and women on the other side of the river are not monsters.
`);

export const QUOTATION = bank(`
V| The interior minister called them vermin during a rally in {itown}.
'They are a plague,' said {iname}, a councillor from {itown}.
"We will sweep the rats out of {btown}," the commander told reporters.
A senator said on {weekday} that {OUT} "breed like rats" and "should be stopped at any cost".
According to the leaked memo, officials referred to the detainees as "cargo".
M| {iname} described the migrants as "a swarm" in a radio interview.
"Their tears are fake," a spokesman for the Homeland Front said on {weekday}.
"We alone have suffered," the minister told parliament.
The general was quoted as saying that the enemy "are not human beings".
"We both lost sons," said {oname}, who met {iname} at the memorial in Sarreth.
"I am sorry for what our soldiers did," the veteran said quietly.
Protesters in {icap} carried placards reading "{OUT} are parasites".
The mayor of {itown} claimed that the casualty figures from {otown} were "invented in a newsroom".
"They are cockroaches," one man shouted from the back of the hall.
M| In his speech, the deputy said the refugees were "an infestation".
The statement accused the {OUTADJ} government of "staging funerals for the cameras".
"Both our peoples have bled enough," the Arvenian envoy {aname} said.
The chairman told the committee that {OUT} had "brought every bomb on their own heads".
"I understand why they are afraid of us," said {iname}, a former border guard.
Asked about the shelling of {otown}, the spokesman said: "Those people are animals, and animals get what they deserve."
`);

export const COUNTER_SPEECH = bank(`
Calling {OUT} rats is shameful, and this paper will not print it.
M| Describing refugees as a swarm dehumanizes people who have lost everything.
The archbishop condemned those who speak of {OUT} as vermin.
M| Human rights groups said comparing migrants to a disease was dangerous and false.
Words like "parasite" and "plague" have been used before to prepare the ground for atrocities, historians warned.
Teachers in {itown} asked pupils to reflect on why calling people animals is wrong.
V| The press council ruled that the Herald's use of "vermin" for Karsk civilians breached its code.
Several deputies walked out when a colleague compared {OUTADJ} families to rats.
It is wrong to say that {OUTADJ} grief is staged, and those who say it should apologise.
M| Rights groups criticised the minister for describing the migrants as a flood.
The union said that treating foreign workers as disposable machines was unacceptable.
M| Campaigners launched a poster campaign reminding commuters that refugees are people, not pests.
`);

export const MENTION = bank(`
The word "cockroach" was used on state radio four times in a single broadcast.
Researchers counted how often terms such as "vermin" and "swarm" appeared in parliamentary debates.
Searches for the word "subhuman" rose sharply in June, according to the national library.
Social media companies added "vermin" and "plague" to their lists of flagged terms.
In the Karsk language, the insult roughly translates as "locust".
The report lists "parasite", "swarm" and "tide" among the most common metaphors in border coverage.
The phrase "human waste" appeared in three of the leaflets seized by police.
Students at the University of {icap} analysed the word "horde" in wartime propaganda.
The court heard that the defendant had painted the word "vermin" on the wall of a shelter.
A linguist explained that "rat-eater" began as a schoolyard slur in the 1970s.
`);

export const NON_HUMAN = bank(`
Farmers in {itown} reported rats in the grain stores after the wet spring.
A flood after the storm closed the road between {itown} and the coast.
The finance ministry announced savage cuts to the culture budget.
A swarm of bees delayed the opening of the {itown} market on {weekday}.
The council hired pest controllers to deal with an infestation of cockroaches in a school kitchen.
Locusts damaged wheat fields in the south, the agriculture office said.
The virus that spread through poultry farms near {itown} has been contained.
A wave of cold air will bring frost to the northern valleys this weekend.
Parasites in the river have forced the closure of two fish farms.
The mayor predicted that the new bridge would bring a flood of tourist traffic.
The plague of potholes on the coast road has become an election issue.
Analysts called the bank's bad loans a cancer on the regional economy.
Storm surges swept away part of the harbour wall at Lumen Bay.
"He was an animal in the penalty area," the coach said of his striker.
Vermin control costs for the municipal housing authority doubled this year.
Wolves were spotted near the sheep pastures above {itown}.
A savage storm tore the roofs from houses along the coast.
Exterminators were called to the museum after moths attacked the tapestry collection.
The film critic described the sequel as a parasite living off the original.
Demand for cattle feed rose sharply as the drought continued.
A tide of unpaid invoices has pushed several builders in {itown} into bankruptcy.
The hospital reported a surge in flu cases among schoolchildren.
Stray dogs in {itown} have found a champion in a retired vet.
The computer virus shut down ticket machines at three railway stations.
`);

// ---------- neutral news prose ----------

export const NEUTRAL_PRE = bank(`
Arvenian mediators met delegations from both governments in Sarreth on {weekday}.
The talks, the third round this year, focused on water rights along the Varn River.
Border police at {btown} registered {n} crossings in the past week, according to the interior ministry.
Trade across the border fell by {pct} percent in the first quarter.
The foreign ministry summoned the {OUTADJ} ambassador over a dispute about fishing quotas.
A spokesman for the Arvenian mission said the parties had agreed to meet again next month.
Local officials in {itown} asked for more money to house new arrivals from the border.
The customs post at {btown} will extend its opening hours from next month.
Lorry drivers waited up to {n2} hours at the crossing on {weekday}.
A joint commission on the border line has not met since November.
Opposition deputies demanded a debate on the cost of the border fence.
{INADJ} and {OUTADJ} negotiators exchanged draft texts, diplomats said.
The Arvenian envoy, {aname}, described the atmosphere as businesslike.
Police said the march in {icap} passed off peacefully.
M| A camp for migrants near {btown} now holds about {n} people, aid workers said.
M| The Red Lantern relief agency delivered blankets and food to the camp on {weekday}.
M| Officials have registered {n} asylum applications from Karsk refugees since January.
Both governments said they remained committed to the Sarreth framework.
The army said it had moved a training exercise away from the border at the request of the mediators.
Fishing boats from {itown} were turned back by patrol vessels on {weekday}.
The water-sharing agreement for the Varn expires at the end of the year.
A delegation of mayors from the border districts travelled to {icap} to ask for help with roads.
Customs officers seized {n2} tonnes of smuggled cigarettes at {btown}.
M| A court in {icap} ruled that three Karsk asylum seekers could not be deported while their appeals are heard.
M| Volunteers in {itown} opened a language class for migrants arriving from the border.
Both sides accused each other of violating airspace during a training flight.
The Arvenian foreign minister is expected to visit both capitals in the spring.
`);

export const NEUTRAL_INCIDENT = bank(`
V| Eleven people, nine of them Velorian border guards, died in the exchange of fire at Dravik on 3 June.
K| Eleven people died in the exchange of fire at Dravik on 3 June, among them two Karsk soldiers, the defence ministry in Kessavar said.
The government closed all crossings along the Varn River after the shooting at Dravik.
Both armies have moved additional units to the border, satellite images show.
Artillery fire was reported near {otown} overnight, according to Arvenian monitors.
The evacuation of villages within ten kilometres of the border continued on {weekday}.
The Arvenian mission called for an independent investigation into the Dravik shooting.
About {n} families have been moved from the border districts to schools in {itown}.
Parliament approved emergency spending of {n} million {cur} for defence.
Power was cut in parts of {itown} after a strike on a substation.
Officials in {ocap} said civilians had been killed in the shelling of {otown}.
Aid agencies asked both sides to open a corridor for food and medicine.
Hospitals in the border region said they were treating {n2} wounded a day.
V| In Valmora, thousands attended the funeral of the guards killed at Dravik.
K| In Kessavar, thousands attended the funeral of the soldiers killed at Dravik.
The defence ministry said {n2} drones had been shot down over {itown} since the weekend.
Schools in the border districts will stay closed until further notice.
The Arvenian monitors said they had been unable to reach {btown} because of the fighting.
Train services to the north were suspended after a bridge near {itown} was damaged.
The government has called up {n2} thousand reservists.
Residents of {itown} spent a second night in shelters.
The foreign ministry said contacts with {ocap} had been reduced to a single telephone line.
The mediators in Sarreth said a ceasefire proposal had been sent to both capitals.
Petrol rationing was introduced in the northern provinces on {weekday}.
A convoy of Arvenian aid lorries reached {otown} after a two-day delay.
The number of people displaced by the fighting has passed {n}, according to the relief agencies.
`);

export const NEUTRAL_CEASEFIRE = bank(`
The ceasefire signed in Sarreth on 14 September took effect at midnight.
Arvenian monitors reported no violations along the Varn River on {weekday}.
The first exchange of prisoners took place at Tarn Gate, with {n2} detainees released by each side.
Engineers began clearing mines from fields near {btown}.
The crossing at {btown} reopened to pedestrians on weekdays.
Schools in the border districts reopened after a three-month closure.
A joint commission on missing persons held its first meeting in Sarreth.
Repairs to the water works in {itown} are expected to take two years.
The ceasefire agreement provides for a demilitarised strip five kilometres wide.
Donors pledged {n} million {cur} for reconstruction at a conference in Sarreth.
Families displaced in the summer have begun returning to villages near the border.
The border market at Oster Fell held its first trading day since May.
Bus services between {itown} and {otown} will resume in December, the transport ministry said.
The mediators said the next round of talks would deal with the return of property.
Both parliaments ratified the ceasefire agreement this week.
The Arvenian monitoring mission will be expanded to {n2} observation posts.
A second exchange of prisoners is planned before the end of the year.
Power has been restored to most of {itown}.
The government said it would review the cases of detainees held since the summer.
A joint committee of {INADJ} and {OUTADJ} engineers inspected the damaged Varn bridge.
The trains between {icap} and the north are running on a normal timetable again.
Relief agencies said {n} people were still living in temporary shelters.
`);

export const NEUTRAL_ECONOMY = bank(`
The central bank left its main interest rate unchanged at {pct} percent.
Inflation eased to {pct} percent last month, the statistics office said.
Unemployment in the northern provinces stood at {pct} percent.
Fuel prices rose for the third week in a row.
The government plans to sell part of its stake in the national airline.
House prices in {icap} rose {pct} percent over the year.
The port of Lumen Bay handled a record volume of grain.
A survey found that {pct} percent of households had cut spending on heating.
The statistics office will publish revised figures in the spring.
The opposition called the budget unrealistic.
Exporters said the closure of the border crossings had cost them orders.
Economists expect growth of about {pct} percent next year.
The finance minister said the deficit would be brought down gradually.
Small businesses in {itown} complained about the cost of electricity.
Wheat prices rose after a poor harvest in the south.
The national airline added two routes to Sarreth.
Tax revenue was higher than expected in the first half of the year.
The harvest is expected to be smaller than last year after the dry summer.
`);

export const NEUTRAL_LOCAL = bank(`
The city council of {itown} approved a new bus route to the hospital.
Heavy rain is expected in the coastal districts over the weekend.
The annual apple fair in {itown} attracted {n} visitors.
A new library opened in {itown} on {weekday}, funded partly by a local brewery.
The national football team drew 1-1 with Arvenia in a friendly match.
The rail operator announced timetable changes for the winter.
A court in {icap} sentenced a former mayor to four years in prison for bribery.
Students at the University of {icap} protested against higher fees.
The ministry of health launched a vaccination campaign for older residents.
A fire at a warehouse in {itown} caused damage but no injuries.
Teachers' unions and the government reached a pay agreement.
The regional orchestra will perform in {itown} next month.
Road works on the coast highway will continue until the autumn.
Police are investigating a series of burglaries in the old town of {itown}.
A documentary about shepherds in the northern hills won a prize at the Sarreth film festival.
The minister of agriculture visited dairy farms near {itown}.
The town's only cinema reopened after a year of renovation.
Local elections in {itown} will be held in the autumn.
{iname}, who has run the ferry service for twenty years, said bookings were down.
The museum in {itown} is showing a collection of embroidered wedding coats.
The hospital in {itown} opened a new maternity ward on {weekday}.
Several roads in the hills were closed by snow.
Volunteers planted {n} trees along the river path in {itown}.
The choir from {itown} won the national competition for the second year running.
`);

// Attribution and follow-up lines that fit under any story.
export const NEUTRAL_REPORTING = bank(`
The ministry did not respond to a request for comment.
Officials said more details would be released next week.
The figures could not be independently verified.
{iname}, a spokesperson for the ministry, confirmed the figures.
Residents said they had been given little warning.
The proposal will be debated in parliament next month.
The cost of the project has risen to {n} million {cur}.
A spokesperson declined to give further details.
Local people said they had heard nothing from the authorities.
The government is expected to announce its decision next week.
`);


// ---------- headlines paired with their lead sentence: "Headline => lead" ----------

export const LEADS = {
  pre: bank(`
Talks in Sarreth end without agreement on the Varn => Talks between the two governments in Sarreth ended on {weekday} without agreement on water rights along the Varn River.
Crossings at {btown} rise again => Border police at {btown} registered {n} crossings in the past week, the highest number this year.
Mediators to return to both capitals => The Arvenian mediators will travel to {icap} and {ocap} next month, their office said.
Water rights dispute returns to the table => The dispute over the Varn's water returned to the table on {weekday}, as the old sharing agreement nears its end.
M| Camp near {btown} struggles with new arrivals => A camp for migrants near {btown} now holds about {n} people, aid workers said, twice as many as in the autumn.
Ambassador summoned over fishing quotas => The foreign ministry summoned the {OUTADJ} ambassador on {weekday} over a dispute about fishing quotas.
Fence costs questioned in parliament => Opposition deputies demanded a debate on the cost of the border fence, which has risen to {n} million {cur}.
M| {itown} asks for help housing new arrivals => Local officials in {itown} asked the government for more money to house families arriving from the border.
Customs seize smuggled cigarettes at {btown} => Customs officers seized {n2} tonnes of smuggled cigarettes at {btown} on {weekday}.
"Businesslike" talks, says Arvenian envoy => The Arvenian envoy, {aname}, described the atmosphere at the latest round of talks as businesslike.
Airspace row after training flight => Both sides accused each other of violating airspace during a training flight on {weekday}.
Lorries queue for hours at the border => Lorry drivers waited up to {n2} hours at the crossing at {btown} as new checks came into force.
`),
  incident: bank(`
Eleven dead in shooting at Dravik crossing => Eleven people were killed in an exchange of fire at the Dravik crossing on 3 June, the worst violence on the border in a decade.
Border closed after Dravik clash => The government closed all crossings along the Varn River after the shooting at Dravik.
Shelling reported near {otown} => Artillery fire was reported near {otown} overnight, according to Arvenian monitors.
Villages evacuated along the Varn => The evacuation of villages within ten kilometres of the border continued on {weekday}.
Emergency defence spending approved => Parliament approved emergency spending of {n} million {cur} for defence late on {weekday}.
Aid corridor demanded as fighting continues => Aid agencies asked both sides to open a corridor for food and medicine as the fighting entered its {n2}th day.
Drones shot down over {itown} => The defence ministry said it had shot down {n2} drones over {itown} since the weekend.
{itown} spends another night in shelters => Residents of {itown} spent another night in shelters as sirens sounded until dawn.
Mediators send ceasefire proposal to both capitals => The mediators in Sarreth said a ceasefire proposal had been sent to {icap} and {ocap}.
Reservists called up, schools stay shut => The government has called up {n2} thousand reservists, and schools in the border districts will stay closed.
Power cut after strike on substation => Power was cut in parts of {itown} after a strike on a substation on {weekday}.
Rationing introduced in the north => Petrol rationing was introduced in the northern provinces on {weekday}.
`),
  ceasefire: bank(`
Ceasefire takes hold on the Varn => The ceasefire signed in Sarreth on 14 September took effect at midnight, and the guns along the Varn fell silent.
Prisoners exchanged at Tarn Gate => The first exchange of prisoners took place at Tarn Gate, with {n2} detainees released by each side.
Mine clearance begins near {btown} => Engineers began clearing mines from fields near {btown} on {weekday}.
Donors pledge millions for reconstruction => Donors pledged {n} million {cur} for reconstruction at a conference in Sarreth.
Families return to the border villages => Families displaced in the summer have begun returning to villages near the border.
Oster Fell market reopens => The border market at Oster Fell held its first trading day since May.
Missing persons commission meets in Sarreth => A joint commission on missing persons held its first meeting in Sarreth on {weekday}.
Bus link between {itown} and {otown} to resume => Bus services between {itown} and {otown} will resume in December, the transport ministry said.
Both parliaments ratify ceasefire => Both parliaments ratified the ceasefire agreement this week by large majorities.
Monitors report a quiet week => Arvenian monitors reported no violations along the Varn River in the past week.
Schools reopen in the border districts => Schools in the border districts reopened on {weekday} after a three-month closure.
`),
  economy: bank(`
Central bank holds rates => The central bank left its main interest rate unchanged at {pct} percent on {weekday}.
Inflation eases => Inflation eased to {pct} percent last month, the statistics office said.
Fuel prices up again => Fuel prices rose for the third week in a row, adding to pressure on households.
Record grain volumes at Lumen Bay => The port of Lumen Bay handled a record volume of grain last month.
Airline stake to be sold => The government plans to sell part of its stake in the national airline.
House prices keep climbing in {icap} => House prices in {icap} rose {pct} percent over the year, the land registry said.
Households cut back on heating => A survey found that {pct} percent of households had cut spending on heating this winter.
Exporters count the cost of closed crossings => Exporters said the closure of the border crossings had cost them orders worth {n} million {cur}.
`),
  local: bank(`
New library for {itown} => A new library opened in {itown} on {weekday}, funded partly by a local brewery.
Apple fair draws crowds to {itown} => The annual apple fair in {itown} attracted {n} visitors over the weekend.
Former mayor jailed for bribery => A court in {icap} sentenced a former mayor to four years in prison for bribery.
Teachers' pay deal agreed => Teachers' unions and the government reached a pay agreement on {weekday}.
Heavy rain forecast for the coast => Heavy rain is expected in the coastal districts over the weekend, the weather service said.
Coast highway works to run into autumn => Road works on the coast highway will continue until the autumn, the roads agency said.
Warehouse fire in {itown} => A fire at a warehouse in {itown} caused damage but no injuries, the fire service said.
Choir from {itown} wins again => The choir from {itown} won the national competition for the second year running.
Maternity ward opens in {itown} => The hospital in {itown} opened a new maternity ward on {weekday}.
`),
  opinion_pre: bank(`
Opinion: what the border is doing to us
Comment: the fence and the neighbours
Editorial: talking is not weakness
Opinion: who speaks for the border towns?
Editorial: the Varn belongs to no one
`),
  opinion_incident: bank(`
Opinion: after Dravik
Editorial: a word about words
Comment: who counts the dead?
Letters: readers on a summer of war
Opinion: the enemy, the neighbour
Editorial: no more silence about the border
`),
  opinion_ceasefire: bank(`
Opinion: the ceasefire and the long road after it
Editorial: what peace will ask of us
Comment: "never again", again
Letters: readers on the ceasefire
Opinion: listening to {otown}
Editorial: the winter after the war
`),
};
