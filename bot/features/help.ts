import type { TurnContext } from 'botbuilder';
import { cardAttachment } from '../../cards/render';
import { describeRoles, topicsFor, type HelpTopic } from '../domain/help';
import { allRoles, type Speaker } from './identify';
import type { BotRoutes } from '../teams/botRoutes';
import type { Store } from '../store/store';
import { speakerOf } from './identify';

/**
 * What Quorum answers today. Each feature adds its commands here as it lands, so help never
 * promises something the bot cannot do.
 */
export const HELP_TOPICS: readonly HelpTopic[] = [
  { command: 'help', says: 'This list.', for: [] },
  { command: 'my committees', says: 'The committees you are on and your role on each.', for: [] },
  { command: 'next meeting', says: 'When and where your next meeting is, with its agenda.', for: [] },
  {
    command: 'apologies for Friday',
    says: 'Send your apologies in your own words, naming a substitute if you like: "can\'t make the LSCSB on the 4th, Insp. Southall will attend in my place". I confirm before recording anything.',
    for: ['member', 'observer', 'officer'],
  },
  {
    command: 'my apologies',
    says: 'The apologies you have sent for upcoming meetings, to withdraw or change.',
    for: [],
  },
  {
    command: 'apologies list',
    says: 'Who has sent apologies for the next meeting. To record apologies received by email: "record apologies from Cllr. M. Wyatt for Friday".',
    for: ['clerk'],
  },
  {
    command: 'declare',
    says: 'Declare an interest in items of the next meeting (or the one in progress), with its kind and what you will do.',
    for: ['member', 'observer'],
  },
  {
    command: 'my interests',
    says: 'Your standing interests, offered again at each meeting.',
    for: ['member', 'observer'],
  },
  {
    command: 'declarations',
    says: 'The declarations made so far; the Chairman can invite more from here.',
    for: ['member', 'chair', 'clerk'],
  },
  {
    command: 'roll call',
    says: 'Post the roll call in the meeting chat, with apologies and substitutes filled in and a live quorum count. It is posted by itself when the Teams meeting starts.',
    for: ['chair', 'vice-chair', 'clerk'],
  },
  {
    command: 'attendance check',
    says: 'After the meeting: the roll call compared with the Teams attendance report, to accept or reject each difference.',
    for: ['clerk'],
  },
  {
    command: 'item 8 / next item',
    says: 'Move the meeting on: anyone who declared they would leave for the item is reminded, and returns after it.',
    for: ['chair', 'vice-chair', 'clerk'],
  },
  {
    command: 'my actions',
    says: 'A card for each open action you are responsible for, to set its status (Red, Amber, Green, Complete) and add a comment.',
    for: ['officer', 'member'],
  },
  { command: 'action log', says: 'The whole live action log.', for: ['clerk', 'chair'] },
  {
    command: 'new action',
    says: 'Add an action arising from the meeting to the log, with its responsible officers.',
    for: ['clerk'],
  },
  {
    command: 'minutes',
    says: 'Write the minutes of the meeting just held, item by item, and make a draft in Word, as a web page and as the public version.',
    for: ['clerk'],
  },
  {
    command: 'agenda',
    says: 'Clerks: build the next meeting’s agenda (add, edit, reorder, remove items), see the notice it gives, and publish it. Everyone else: the agenda as circulated.',
    for: [],
  },
  {
    command: 'That future meetings … take place on the following dates …',
    says: 'Paste the resolution with the year’s dates: I list them, and with one press book each meeting and its Teams meeting, invite the members and officers, and join its chat.',
    for: ['clerk'],
  },
  {
    command: 'circulation',
    says: 'Who has been sent the agenda, who has opened it, and why any sending failed.',
    for: ['clerk'],
  },
  {
    command: 'post agendas here',
    says: 'Typed in the committee’s channel or group chat: agendas are posted there as well as to each member.',
    for: ['clerk'],
  },
  {
    command: 'meetings',
    says: 'Every upcoming meeting of the committees you clerk, with their ids for the API.',
    for: ['clerk'],
  },
];

export async function sendHelp(context: TurnContext, speaker: Speaker): Promise<void> {
  await context.sendActivity({
    attachments: [
      cardAttachment('help', {
        name: speaker.displayName,
        memberships: speaker.memberships.map((m) => ({ committee: m.committee.name, roles: describeRoles(m.roles) })),
        topics: topicsFor(HELP_TOPICS, allRoles(speaker)).map(({ command, says }) => ({ command, says })),
      }),
    ],
  });
}

export async function sendWelcome(context: TurnContext, speaker: Speaker): Promise<void> {
  await context.sendActivity({
    attachments: [
      cardAttachment('welcome', {
        known: speaker.memberships.length > 0,
        name: speaker.displayName,
        committees: speaker.memberships.map((m) => m.committee.name).join('; '),
      }),
    ],
  });
}

export async function sendMyCommittees(context: TurnContext, speaker: Speaker): Promise<void> {
  const lines = speaker.memberships.map(
    (m) => `- **${m.committee.name}** (${m.committee.shortName}): ${describeRoles(m.roles)}`,
  );
  await context.sendActivity(`${speaker.displayName}, you are on:\n\n${lines.join('\n')}`);
}

/** help, my committees, and the welcome when Quorum is added to a chat. */
export function register(routes: BotRoutes, deps: { store: Store }): void {
  routes.installed(async (context) => sendWelcome(context, await speakerOf(deps.store, context)));
  routes.message(/^\s*(help|\?|what can you do)\s*[.!?]?\s*$/i, async (context) =>
    sendHelp(context, await speakerOf(deps.store, context)),
  );
  routes.command(/^\s*(my committees|who am i|whoami)\s*[.!?]?\s*$/i, sendMyCommittees);
}
