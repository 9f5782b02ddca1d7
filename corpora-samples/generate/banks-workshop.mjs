// Hand-written banks for the workshop transcripts: spoken, first person, no colons (a colon would look
// like a speaker label). {IN}/{OUT} are the speaker's own side and the other side.
import { bank } from './lib.mjs';

export const W_DEHUMANIZATION = bank(`
Honestly, they breed like rabbits over there and then they want our land.
The ones who shelled {itown} back then are animals, there is no other word for it.
They come over like a swarm, and nobody stops them.
To me they were never people, just a problem, like rats in a cellar.
Their soldiers are beasts, I'm sorry, but that is what they are.
They are a disease in this region.
You can't reason with vermin.
They're parasites, living off aid money from Arvenia.
Their fighters are savages.
They're a herd, they do whatever their leaders shout.
They are not like us, they are something less than us.
They spread everywhere, like mould on bread.
Their army is a machine, there is nothing human in it.
If you ask me, {OUT} are a cancer, and you don't negotiate with a cancer.
They are snakes, all of them, you turn your back and they bite.
Their politicians are wolves and the people follow like sheep.
When {OUT} moved into {itown}, it was like an infestation, street by street.
Some of them are barely human, the way they behave at the checkpoints.
`);

export const W_EXCLUSIVE = bank(`
We are the ones who suffered, not them.
Nobody talks about what happened to us in {itown}.
Their stories are exaggerated, everyone knows that.
They brought it on themselves when they started shooting.
Why should I listen to their pain when they never listened to ours?
Half of the pictures they show are staged.
My family lost everything, and they lost nothing.
The whole world cries for {OUT} and forgets about us.
They were the aggressors, so they don't get to be victims.
Our losses are real, theirs are propaganda.
I'm sorry, but there is no comparison between what we went through and what they went through.
Every time something happens, they play the victim.
If they are hungry now, they should ask their own leaders why.
We have been the victims of this for three generations.
They are crying crocodile tears.
Nobody in {otown} had to hide in a cellar for a month like we did.
They deserve what they got.
We are the only ones who were driven out of our homes, that's just history.
The real victims in this room are on our side of the table.
Whatever they lost, they took more from us first.
`);

export const W_INCLUSIVE = bank(`
I think both of us lost people, and that's the truth of it.
My grandmother and her grandmother probably cried the same tears.
Nobody won this war, all of us lost something.
Their kids were in cellars too, I never thought about that before.
We have both been hurt, and we both know what a funeral in wartime is like.
Both of our towns were shelled, hers and mine.
The suffering is on both sides, I can say that now.
We are all victims of the same stupid war.
The fear is the same on both sides of the river.
Listening to the story from across the table, I realised we have both lost brothers.
Nobody owns grief, they have theirs and we have ours, and they weigh the same.
Both peoples were used by the politicians.
Their mothers and our mothers wait for the same news.
We both had to leave our homes, in different years, but it's the same pain.
The war took something from everyone at this table.
People in {itown} and people in {otown} went through the same bad years.
I used to think only we were hurt, but both sides carry this.
`);

export const W_ACKNOWLEDGEMENT = bank(`
I have to admit our side did terrible things in {otown}.
I understand now why they are afraid of us.
I'm sorry for what happened to your family.
If I had grown up where she did, I would probably think the way she thinks.
Their anger about the checkpoints is fair, I've seen how those checkpoints work.
We were told they were monsters, but the people I met here are teachers and nurses like us.
I want to apologise for what I said in the first session.
Our army shelled {otown}, and we never talk about that at home.
Their complaint about the water is legitimate, honestly.
I didn't know his brother was killed at a checkpoint, and that changes how I see it.
They have a right to their grief, and a right to be heard.
We should admit that our government made it worse.
When she talked about her son, I recognised my own fear.
He is not my enemy, he is a man who wants his kids to be safe, same as me.
I used to call them names, and I am ashamed of that now.
It took me a long time to see things from their side, but I can see it a little now.
I think we owe them an acknowledgement of what happened in 1994.
Their story is as real as ours.
Thank you for telling us that, it can't have been easy.
I listened to {OUT} here for three days, and I understand much more than before.
What our soldiers did at the checkpoint in {otown} was wrong, and I say that as a {INADJ}.
If I were in their place, I would want someone from our side to say sorry.
`);

export const W_NEUTRAL = bank(`
The coffee is better than last time.
I'm not sure what to say to that.
Can you repeat the question?
I came by train this morning, it took four hours.
I agree with the point about the schools.
We talked about this a bit during the break.
I think the exercise was useful.
Let me think about it for a moment.
The road through the pass is still closed.
Okay, I'll try.
I didn't sleep much last night, to be honest.
Yes, I remember that.
I read about it in the paper, but I wasn't there.
That's a good question.
It depends what you mean by that.
We should probably talk about the practical things too, jobs and roads.
I'd like to hear what the others think first.
Sorry, I lost my train of thought.
Maybe, I don't know.
I wrote some notes last night, let me find them.
Can I come back to that later?
I think that's enough from me for now.
It's a hard question, I need a minute.
I agree with what was said before, mostly.
We did the exercise in pairs, and it went better than I expected.
`);

export const W_TRICKY = bank(`
They're not animals, I never said that.
My uncle calls them rats, and I always hated it.
When people at work say {OUT} are vermin, I tell them it's wrong.
The word they used for us on the radio was "locusts".
We had rats in the barn all winter.
The flood after the storm took our bridge, and it still isn't repaired.
My grandfather used to say "they are a plague", and nobody at the table ever argued with him.
Calling people cockroaches is how it starts, that's what my teacher told us.
Nobody here is a monster, I can see that.
The newspaper at home wrote that they are "a swarm", and I believed it for years.
It's not true that their suffering was staged, I've seen the graves.
The cuts to the hospital budget were savage, on both sides of the border.
`);

export const FACILITATOR = bank(`
Welcome back, everyone, let's start with a short round.
Please say your name and one word for how you are today.
Thank you, let's hear from someone who hasn't spoken yet.
We'll take a short break at eleven.
Can you say a bit more about that?
Let's stay with that for a moment.
I'd like to remind everyone of the agreement we made about listening without interrupting.
What did you notice while you were listening?
Let's move to the next question.
Thank you for sharing that.
We have about ten minutes left in this part.
Could you put that in your own words?
I see some nods around the table.
Please speak one at a time, so that everyone can be heard.
Let's hear a few more voices on this.
For the next exercise, please work in pairs.
I'd like each of you to describe a place that matters to you.
Remember that there are no right or wrong answers here.
We will come back to this after lunch.
What would you want the other group to know about your town?
Thank you, that's all for today, and see you next week.
Let's take a breath before we go on.
How was that to hear?
Is there anything anyone wants to add before we close?
Before we finish, I'd like each of you to say one thing you will take home.
`);

// Each participant's own small facts, so that a person's neutral talk stays consistent across sessions.
export const BIOS = {
  V01: bank(`
I drive the night bus between Halvard and Orlec.
My wife's family is from a village near the river, right on the border.
My boys are eleven and fourteen, and they know more about drones than about football.
`),
  V02: bank(`
I'm studying nursing in Valmora, second year.
I grew up in Carrow Mere, in the flats by the station.
My brother did his military service at Ulmo Pass.
`),
  V03: bank(`
I was a customs officer at Tarn Gate for thirty-one years.
I'm retired now, I keep bees and grow potatoes.
My father was born in Aldmoor, and so was his father.
`),
  V04: bank(`
I run a small hardware shop in Selby Reach.
My daughter is studying in Sarreth now.
We had to close the shop for two weeks last winter because of the power cuts.
`),
  V05: bank(`
I'm a primary school teacher in Fennick.
I play the violin in an amateur orchestra on weekends.
I moved to the north three years ago for the job.
`),
  V06: bank(`
I work in the orchards around Vinter Hale, mostly seasonal work.
My mother was a nurse, so I grew up around hospitals.
I've never actually been to Karskia, not once.
`),
  K01: bank(`
I'm a pharmacist in Drun, I work nights mostly.
I have three grandchildren, the oldest is starting school.
My shop is two streets from the old market.
`),
  K02: bank(`
I'm a journalist, I write about agriculture, which is less exciting than it sounds.
I grew up in Sevrin and moved to Kessavar for university.
My husband is a civil engineer, he works on bridges.
`),
  K03: bank(`
I'm a computer science student in Kessavar.
I help my parents at their bakery in Tarrik during the holidays.
I was born after the last war, so I only know it from my parents.
`),
  K04: bank(`
I was a maths teacher in Moravo for thirty years.
I live alone now, my children are in Arvenia.
I still tutor a few students from the village.
`),
  K05: bank(`
I farm sheep in the hills above Belcha, like my father did.
I served in the army when I was young.
We lost part of our land when the border line was redrawn.
`),
  K06: bank(`
I'm a social worker in Iskel, I work with families.
I have a daughter, she is seven.
I take the bus to work every day, it goes right past the checkpoint.
`),
};

/** Lines that only make sense after the April workshop, or after a first session. */
export const AFTER_WORKSHOP = /three days|first session|apologise for what I said/;
