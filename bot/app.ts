import { Application, TeamsAdapter, TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, TurnContext, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import { failFastHttpClient } from './teams/failFastConnector';
import type { Config } from './config';
import { MAX_MESSAGE_CHARS, parseApology } from './domain/apologyParser';
import {
  onApologyMessage,
  onCancel,
  onConfirm,
  onOthers,
  onPick,
  onWithdraw,
  sendClerkApologies,
  sendMyApologies,
  type ApologyDeps,
} from './features/apologies';
import { onActionCreate, onActionUpdate, sendActionLog, sendMyActions, sendNewActionCard } from './features/actions';
import {
  moveToItem,
  onDeclarationForm,
  onDeclarationInvite,
  onDeclarationSubmit,
  onDeclarationWithdraw,
  onRegisterAdd,
  onRegisterRemove,
  sendDeclarations,
  sendDeclareCards,
  sendRegister,
} from './features/declarations';
import { sendHelp, sendMyCommittees, sendWelcome } from './features/help';
import {
  onCloseCommand,
  onGuest,
  onHere,
  onMark,
  onMeetingEnd,
  onMeetingStart,
  onParticipants,
  onRefresh,
  sendRollCall,
  type RollCallDeps,
} from './features/rollCall';
import type Bottleneck from 'bottleneck';
import { createSendPace, OutboxSender, recordOpened } from './features/circulation';
import {
  onAgendaEdit,
  onAgendaItem,
  onAgendaView,
  onAgendaMove,
  onAgendaPublish,
  onAgendaRemove,
  onPostAgendasHere,
  sendAgendaAdmin,
  sendCirculation,
  type AgendaDeps,
} from './features/agendaAdmin';
import { onAttendanceAccept, onAttendanceKeep, sendAttendanceCheck } from './features/reconcile';
import { onMinutesDraft, onMinutesEdit, onMinutesSave, sendMinutesOverview } from './features/minutesCards';
import { speakerOf, type Speaker } from './features/identify';
import type { CalendarDeps } from './features/calendar';
import type { ChaserDeps } from './features/chasers';
import { onCalendarBook, onMeetingDatesText } from './features/calendarCards';
import { MeetingRefSchema } from './teams/cardPayloads';
import { sendClerkMeetings, sendNextMeeting } from './features/meetings';
import { log } from './log';
import type { Store } from './store/store';
import { failureWords } from './store/failureWords';
import { CardRefresher } from './features/cardRefresher';
import type { GraphApi } from './graph/graphClient';

/** The longest message any route's pattern is run on; anything longer is answered without reading it. */
const MAX_ROUTED_CHARS = 10_000;

const DATES_PHRASE = /(following (meeting )?dates|dates of future meetings|future meeting dates)/i;
const A_DATE =
  /\b\d{1,2}(st|nd|rd|th)? (january|february|march|april|may|june|july|august|september|october|november|december) \d{4}/i;

/**
 * "That future meetings … take place on the following dates …, 29 September 2023, …": the phrase, then
 * a date after it. Two linear searches, not one pattern with a run of anything between (which
 * backtracks quadratically on a long message that repeats the phrase).
 */
function isMeetingDatesText(text: string): boolean {
  const phrase = DATES_PHRASE.exec(text);
  return !!phrase && A_DATE.test(text.slice(phrase.index));
}
import { attachment, type CardJson } from '../cards/render';

export interface Bot {
  adapter: TeamsAdapter;
  app: Application<TurnState>;
  /** Proactive cards (agendas), at Teams' pace, through the outbox. */
  sender: OutboxSender;
  /** The pace every proactive message keeps (chasers and substitutes' notices too). */
  pace: Bottleneck;
  /** What the calendar needs, for the API beside the bot. */
  calendar: CalendarDeps;
  /** What the roll call needs (the same card refresher as the bot's), for the side panel's API. */
  rollCall: RollCallDeps;
  /** What the chasers need, for their timer and the clerk's "chase now". */
  chasers: ChaserDeps;
}

export interface BotDeps {
  config: Config;
  store: Store;
  /** Microsoft Graph, when configured. */
  graph?: GraphApi;
  /** Injected so tests and the demo can fix "today". */
  now: () => Date;
}

const NOT_ON_A_COMMITTEE =
  "I can't find you on any committee I look after, so there is nothing I can do for you yet. " +
  'If you think you should be on one, please ask your democratic services officer (the clerk) to add you.';

/** The Bot Connector client's options (its HTTP client), as the adapter takes them. */
type ConnectorOptions = ConstructorParameters<typeof TeamsAdapter>[3];

export function createAdapter(config: Config, connectorOptions?: ConnectorOptions): TeamsAdapter {
  // With no app id the adapter accepts unauthenticated activities, as the Bot Framework Emulator does.
  // loadConfig refuses production without credentials, so this is only ever the local host.
  const auth: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: config.bot.appId,
    MicrosoftAppPassword: config.bot.appPassword,
    MicrosoftAppType: config.bot.appType,
    MicrosoftAppTenantId: config.bot.appTenantId,
  };
  return new TeamsAdapter(auth, undefined, undefined, connectorOptions);
}

export function createBot(deps: BotDeps): Bot {
  const { store, now } = deps;
  const adapter = createAdapter(deps.config);
  const app = new Application<TurnState>({
    adapter,
    botAppId: deps.config.bot.appId,
    // No turn-state storage: no feature keeps state between turns (every answer is read from the
    // store), so no turn pays for two reads that always come back empty.
    // Typing indicators would be proactive sends on every turn; our answers are quick.
    startTypingTimer: false,
    removeRecipientMention: true,
  });

  const pace = createSendPace(deps.config.sending.ratePerSecond);
  const sender = new OutboxSender({
    pace,
    store,
    adapter: createAdapter(deps.config, { httpClient: failFastHttpClient }),
    botAppId: deps.config.bot.appId,
    tenantId: deps.config.tenantId,
    now,
    publicUrl: deps.config.publicUrl,
    ...(deps.graph ? { graph: deps.graph } : {}),
    sending: deps.config.sending,
  });

  // Before any pattern sees it, a message is bounded: no route's pattern then runs on more than
  // MAX_ROUTED_CHARS characters (a year's dates pasted from a resolution are a few hundred).
  app.turn('beforeTurn', async (context) => {
    const text = context.activity.type === ActivityTypes.Message ? (context.activity.text ?? '') : '';
    if (text.length <= MAX_ROUTED_CHARS) return true;
    await context.sendActivity(
      `That message is too long for me to read (over ${MAX_MESSAGE_CHARS.toLocaleString('en-GB')} characters), so I haven't done anything with it. Please send a shorter one.`,
    );
    return false;
  });

  // A member's personal chat is where 1:1 cards (agendas, chasers) go later: remember it. People on
  // no committee are not remembered: talking to Quorum must not put a stranger into its store.
  app.turn('beforeTurn', async (context) => {
    const { activity } = context;
    const aad = activity.from?.aadObjectId;
    if (
      aad &&
      activity.conversation?.conversationType === 'personal' &&
      (await speakerOf(store, context)).memberships.length
    ) {
      await store.people.remember({
        tenantId: activity.conversation.tenantId ?? activity.channelData?.tenant?.id ?? deps.config.tenantId,
        aadObjectId: aad,
        name: activity.from.name,
        conversationReference: { ...TurnContext.getConversationReference(activity) },
        updatedAt: now().toISOString(),
      });
    }
    return true;
  });

  /** Runs a handler for someone on a committee; anyone else gets a polite explanation. */
  const forMembers =
    (handler: (context: TurnContext, speaker: Speaker) => Promise<void>) => async (context: TurnContext) => {
      const speaker = await speakerOf(store, context);
      if (!speaker.memberships.length) {
        await context.sendActivity(NOT_ON_A_COMMITTEE);
        return;
      }
      await handler(context, speaker);
    };

  const rollCallDeps: RollCallDeps = {
    store,
    adapter,
    botAppId: deps.config.bot.appId,
    tenantId: deps.config.tenantId,
    publicUrl: deps.config.publicUrl,
    ...(deps.config.sending.teamsAppId ? { teamsAppId: deps.config.sending.teamsAppId } : {}),
    cardRefresher: new CardRefresher(),
    now,
  };
  app.meetings.start(async (context, _state, meeting) => onMeetingStart(context, rollCallDeps, meeting));
  app.meetings.end(async (context) => onMeetingEnd(context, rollCallDeps));
  app.meetings.participantsJoin(async (context, _state, details) =>
    onParticipants(context, rollCallDeps, details, true),
  );
  app.meetings.participantsLeave(async (context, _state, details) =>
    onParticipants(context, rollCallDeps, details, false),
  );

  app.conversationUpdate('membersAdded', async (context) => {
    const botAdded = context.activity.membersAdded?.some((m) => m.id === context.activity.recipient.id);
    if (!botAdded) return;
    await sendWelcome(context, await speakerOf(store, context));
  });

  // Routes match in registration order; the catch-all message route must stay last.
  app.message(/^\s*(help|\?|what can you do)\s*[.!?]?\s*$/i, async (context) => {
    await sendHelp(context, await speakerOf(store, context));
  });
  app.message(/^\s*(my committees|who am i|whoami)\s*[.!?]?\s*$/i, forMembers(sendMyCommittees));
  app.message(
    /^\s*(next meeting|when is the next meeting)\s*[.!?]?\s*$/i,
    forMembers((c, s) => sendNextMeeting(c, store, s, now())),
  );
  app.message(
    /^\s*(meetings|upcoming meetings)\s*$/i,
    forMembers((c, s) => sendClerkMeetings(c, store, s, now())),
  );

  const apologyDeps: ApologyDeps = {
    store,
    adapter,
    botAppId: deps.config.bot.appId,
    tenantId: deps.config.tenantId,
    now,
    pace,
  };
  app.message(
    /^\s*(my apologies|my apols)\s*[.!?]?\s*$/i,
    forMembers((c, s) => sendMyApologies(c, apologyDeps, s)),
  );
  app.message(
    /^\s*(apologies list|list apologies|who has sent apologies|apologies received)\s*[.!?]?\s*$/i,
    forMembers((c, s) => sendClerkApologies(c, apologyDeps, s)),
  );
  // Free text that reads as an apology ("can't make Friday, Insp. Southall will attend for me").
  // Read with the speaker's own committees, so "can't make LSCSB" names the meeting by its short name.
  const committeesOf = async (context: TurnContext) =>
    (await speakerOf(store, context)).memberships.map((m) => m.committee);
  app.message(
    async (context) => parseApology(context.activity.text ?? '', now(), await committeesOf(context)) !== undefined,
    forMembers(async (context, speaker) => {
      const text = context.activity.text ?? '';
      const intent = parseApology(text, now(), await committeesOf(context));
      if (!intent) return;
      // A long email is read from its top; the member is told the rest was not.
      if (text.length > MAX_MESSAGE_CHARS)
        await context.sendActivity(
          `That was a long message, so I read only its first ${MAX_MESSAGE_CHARS.toLocaleString('en-GB')} characters (where apologies usually are); the rest I haven't read.`,
        );
      await onApologyMessage(context, apologyDeps, speaker, intent);
    }),
  );
  app.adaptiveCards.actionExecute('apology.pick', (c, _s, data) => onPick(c, apologyDeps, data));
  app.adaptiveCards.actionExecute('apology.others', (c, _s, data) => onOthers(c, apologyDeps, data));
  app.adaptiveCards.actionExecute('apology.confirm', (c, _s, data) => onConfirm(c, apologyDeps, data));
  app.adaptiveCards.actionExecute('apology.withdraw', (c, _s, data) => onWithdraw(c, apologyDeps, data));
  app.adaptiveCards.actionExecute('apology.cancel', async () => onCancel());

  const actionDeps = { store, now };
  app.message(
    /^\s*(my actions|my action log)\s*[.!?]?\s*$/i,
    forMembers((c, s) => sendMyActions(c, actionDeps, s)),
  );
  app.message(
    /^\s*(action log|actions|the action log)\s*[.!?]?\s*$/i,
    forMembers((c, s) => sendActionLog(c, actionDeps, s)),
  );
  app.message(
    /^\s*(new action|add (an )?action)\s*[.!?]?\s*$/i,
    forMembers((c, s) => sendNewActionCard(c, actionDeps, s)),
  );
  app.adaptiveCards.actionExecute('action.update', (c, _s, data) => onActionUpdate(c, actionDeps, data));
  app.adaptiveCards.actionExecute('action.create', (c, _s, data) => onActionCreate(c, actionDeps, data));
  // The chaser card's button: the cards follow as messages; the chaser card says so.
  app.adaptiveCards.actionExecute('action.mine', async (context) => {
    const speaker = await speakerOf(store, context);
    if (!speaker.memberships.length) return NOT_ON_A_COMMITTEE;
    await sendMyActions(context, actionDeps, speaker);
    return "I've sent you a card for each of your open actions below.";
  });

  app.message(
    /^\s*(close the meeting|end the meeting|close meeting)\s*[.!?]?\s*$/i,
    forMembers((c, sp) => onCloseCommand(c, rollCallDeps, sp)),
  );
  app.message(
    /^\s*(roll ?call|call the roll|attendance)\s*[.!?]?\s*$/i,
    forMembers((c, s) => sendRollCall(c, rollCallDeps, s)),
  );
  app.adaptiveCards.actionExecute('rollcall.here', (c, _s, data) => onHere(c, rollCallDeps, data));
  app.adaptiveCards.actionExecute('rollcall.mark', (c, _s, data) => onMark(c, rollCallDeps, data));
  app.adaptiveCards.actionExecute('rollcall.guest', (c, _s, data) => onGuest(c, rollCallDeps, data));
  app.adaptiveCards.actionExecute('rollcall.refresh', (c, _s, data) => onRefresh(c, rollCallDeps, data));

  const reconcileDeps = { store, graph: deps.graph, now };
  app.message(
    /^\s*(attendance check|check attendance)\s*[.!?]?\s*$/i,
    forMembers((c, s) => sendAttendanceCheck(c, reconcileDeps, s)),
  );
  app.adaptiveCards.actionExecute('attendance.accept', (c, _s, data) => onAttendanceAccept(c, reconcileDeps, data));
  app.adaptiveCards.actionExecute('attendance.keep', (c, _s, data) => onAttendanceKeep(c, reconcileDeps, data));

  const declarationDeps = { store, now, tenantId: deps.config.tenantId };
  app.message(
    /^\s*(declare|declare an interest|declare interests?)\s*[.!?]?\s*$/i,
    forMembers((c, s) => sendDeclareCards(c, declarationDeps, s)),
  );
  app.message(
    /^\s*(declarations|declarations of interest)\s*[.!?]?\s*$/i,
    forMembers((c, s) => sendDeclarations(c, declarationDeps, s)),
  );
  app.message(
    /^\s*(my interests|my register|register of interests)\s*[.!?]?\s*$/i,
    forMembers((c, s) => sendRegister(c, declarationDeps, s)),
  );
  app.message(
    /^\s*(?:item\s+(\d{1,3})|next item)\s*[.!?]?\s*$/i,
    forMembers((c, s) => {
      const n = /(\d{1,3})/.exec(c.activity.text ?? '')?.[1];
      return moveToItem(c, declarationDeps, s, n ? Number(n) : 'next');
    }),
  );
  app.adaptiveCards.actionExecute('declaration.form', (c, _s, data) => onDeclarationForm(c, declarationDeps, data));
  app.adaptiveCards.actionExecute('declaration.submit', (c, _s, data) => onDeclarationSubmit(c, declarationDeps, data));
  app.adaptiveCards.actionExecute('declaration.withdraw', (c, _s, data) =>
    onDeclarationWithdraw(c, declarationDeps, data),
  );
  app.adaptiveCards.actionExecute('declaration.invite', (c, _s, data) => onDeclarationInvite(c, declarationDeps, data));
  app.adaptiveCards.actionExecute('register.add', (c, _s, data) => onRegisterAdd(c, declarationDeps, data));
  app.adaptiveCards.actionExecute('register.remove', (c, _s, data) => onRegisterRemove(c, declarationDeps, data));

  // The agenda card's buttons: whoever presses one has opened the agenda. The form they asked for
  // comes as a new message, so the agenda stays where it was in their chat.
  const fromAgenda = async (context: TurnContext, data: unknown) => {
    const ids = MeetingRefSchema.safeParse(data);
    if (!ids.success) return undefined;
    const speaker = await speakerOf(store, context);
    const m = speaker.memberships.find((x) => x.committee.id === ids.data.committeeId);
    if (m) await recordOpened(store, ids.data.committeeId, ids.data.meetingId, m.person.id, now());
    return m ? { ...ids.data, personId: m.person.id } : undefined;
  };
  const asNewMessage = async (context: TurnContext, answer: CardJson | string, sent: string) => {
    if (typeof answer === 'string') return answer;
    await context.sendActivity({
      attachments: [attachment(answer)],
    });
    return sent;
  };
  app.adaptiveCards.actionExecute('agenda.apologies', async (c, _s, data) => {
    const who = await fromAgenda(c, data);
    if (!who) return "You're not on that committee, so there is nothing to send apologies for.";
    const card = await onPick(c, apologyDeps, { ...who, onBehalf: false });
    return asNewMessage(c, card, 'Check the card below to send your apologies.');
  });
  app.adaptiveCards.actionExecute('agenda.declare', async (c, _s, data) => {
    const who = await fromAgenda(c, data);
    if (!who) return "You're not on that committee, so you can't declare interests at its meetings.";
    const card = await onDeclarationForm(c, declarationDeps, {
      committeeId: who.committeeId,
      meetingId: who.meetingId,
    });
    return asNewMessage(c, card, 'Fill in the card below to declare an interest.');
  });
  const agendaDeps: AgendaDeps = { store, now, sender };
  app.message(
    /^\s*(agenda|the agenda|build (the )?agenda)\s*[.!?]?\s*$/i,
    forMembers((c, s) => sendAgendaAdmin(c, agendaDeps, s)),
  );
  app.message(
    /^\s*post (the )?([\w-]+ )?agendas? here\s*[.!?]?\s*$/i,
    forMembers((c, s) => onPostAgendasHere(c, agendaDeps, s)),
  );
  app.message(
    /^\s*(circulation|who has the agenda)\s*[.!?]?\s*$/i,
    forMembers((c, s) => sendCirculation(c, agendaDeps, s)),
  );
  app.adaptiveCards.actionExecute('agenda.move', (c, _s, data) => onAgendaMove(c, agendaDeps, data));
  app.adaptiveCards.actionExecute('agenda.remove', (c, _s, data) => onAgendaRemove(c, agendaDeps, data));
  app.adaptiveCards.actionExecute('agenda.add', (c, _s, data) => onAgendaItem(c, agendaDeps, data));
  app.adaptiveCards.actionExecute('agenda.save', (c, _s, data) => onAgendaItem(c, agendaDeps, data));
  app.adaptiveCards.actionExecute('agenda.edit', (c, _s, data) => onAgendaEdit(c, agendaDeps, data));
  app.adaptiveCards.actionExecute('agenda.view', (c, _s, data) => onAgendaView(c, agendaDeps, data));
  app.adaptiveCards.actionExecute('agenda.publish', (c, _s, data) => onAgendaPublish(c, agendaDeps, data, false));
  app.adaptiveCards.actionExecute('agenda.supplement', (c, _s, data) => onAgendaPublish(c, agendaDeps, data, true));

  // The clerk pastes the year's dates ("That future meetings of the Board take place on the following dates …").
  const calendarDeps: CalendarDeps = {
    store,
    now,
    publicUrl: deps.config.publicUrl,
    sender,
    ...(deps.graph ? { graph: deps.graph } : {}),
    ...(deps.config.sending.teamsAppId ? { teamsAppId: deps.config.sending.teamsAppId } : {}),
  };
  app.message(
    async (context) => isMeetingDatesText(context.activity.text ?? ''),
    forMembers((c, s) => onMeetingDatesText(c, calendarDeps, s)),
  );
  app.adaptiveCards.actionExecute('calendar.book', (c, _s, data) => onCalendarBook(c, calendarDeps, data));

  const minutesDeps = { store, now, publicUrl: deps.config.publicUrl, graph: deps.graph };
  app.message(
    /^\s*(minutes|write (the )?minutes|the minutes)\s*[.!?]?\s*$/i,
    forMembers((c, s) => sendMinutesOverview(c, minutesDeps, s)),
  );
  app.adaptiveCards.actionExecute('minutes.edit', (c, _s, data) => onMinutesEdit(c, minutesDeps, data));
  app.adaptiveCards.actionExecute('minutes.save', (c, _s, data) => onMinutesSave(c, minutesDeps, data));
  app.adaptiveCards.actionExecute('minutes.draft', (c, _s, data) => onMinutesDraft(c, minutesDeps, data));

  app.activity(ActivityTypes.Message, async (context) => {
    const text = (context.activity.text ?? '').trim();
    if (!text) {
      // A card button from an old card, or an attachment with no words.
      await context.sendActivity("I couldn't do anything with that. Type **help** to see what I can do.");
      return;
    }
    if (text.length > MAX_MESSAGE_CHARS) {
      await context.sendActivity(
        `That message is too long for me to read (over ${MAX_MESSAGE_CHARS.toLocaleString('en-GB')} characters), so I haven't done anything with it. Please send a shorter one.`,
      );
      return;
    }
    const speaker = await speakerOf(store, context);
    if (!speaker.memberships.length) {
      await context.sendActivity(NOT_ON_A_COMMITTEE);
      return;
    }
    await context.sendActivity(
      `Sorry, ${speaker.displayName}, I didn't understand that. Type **help** to see what I can do for you.`,
    );
  });

  app.error(async (context, err) => {
    log.error('turn-failed', {
      activityId: context.activity.id,
      conversation: context.activity.conversation?.id,
      error: err instanceof Error ? err.message : String(err),
    });
    await context.sendActivity(failureWords(err, context.activity.id ?? 'none').text);
  });

  const chaserDeps: ChaserDeps = {
    store,
    adapter,
    botAppId: deps.config.bot.appId,
    tenantId: deps.config.tenantId,
    pace,
  };
  return { adapter, app, sender, pace, calendar: calendarDeps, chasers: chaserDeps, rollCall: rollCallDeps };
}
