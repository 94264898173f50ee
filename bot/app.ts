import { Application, TeamsAdapter, TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, TurnContext, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import type Bottleneck from 'bottleneck';
import type { Config } from './config';
import { MAX_MESSAGE_CHARS } from './domain/apologyParser';
import * as actions from './features/actions';
import * as agendaAdmin from './features/agendaAdmin';
import * as apologies from './features/apologies';
import type { ApologyDeps } from './features/apologies';
import type { CalendarDeps } from './features/calendar';
import * as calendarCards from './features/calendarCards';
import { CardRefresher } from './features/cardRefresher';
import type { ChaserDeps } from './features/chasers';
import { createSendPace, OutboxSender } from './features/circulation';
import * as declarations from './features/declarations';
import type { DeclarationDeps } from './features/declarations';
import * as help from './features/help';
import { speakerOf } from './features/identify';
import * as meetings from './features/meetings';
import * as minutesCards from './features/minutesCards';
import * as reconcile from './features/reconcile';
import * as rollCall from './features/rollCall';
import type { RollCallDeps } from './features/rollCall';
import type { GraphApi } from './graph/graphClient';
import { log } from './log';
import { failureWords } from './store/failureWords';
import type { Store } from './store/store';
import { NOT_ON_A_COMMITTEE, routesOn } from './teams/botRoutes';
import { failFastHttpClient } from './teams/failFastConnector';

/** The longest message any route's pattern is run on; anything longer is answered without reading it. */
const MAX_ROUTED_CHARS = 10_000;

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
  const apologyDeps: ApologyDeps = {
    store,
    adapter,
    botAppId: deps.config.bot.appId,
    tenantId: deps.config.tenantId,
    now,
    pace,
  };
  const declarationDeps: DeclarationDeps = { store, now, tenantId: deps.config.tenantId };
  const calendarDeps: CalendarDeps = {
    store,
    now,
    publicUrl: deps.config.publicUrl,
    sender,
    ...(deps.graph ? { graph: deps.graph } : {}),
    ...(deps.config.sending.teamsAppId ? { teamsAppId: deps.config.sending.teamsAppId } : {}),
  };

  // Each feature registers its own messages, card verbs and meeting events. Messages match in this
  // order (a free-text apology is tried after the commands before it), and the catch-all stays last.
  const routes = routesOn(app, store);
  help.register(routes, { store });
  meetings.register(routes, { store, now });
  apologies.register(routes, apologyDeps);
  actions.register(routes, { store, now });
  rollCall.register(routes, rollCallDeps);
  reconcile.register(routes, { store, graph: deps.graph, now });
  declarations.register(routes, declarationDeps);
  agendaAdmin.register(
    routes,
    { store, now, sender },
    { store, now, apologies: apologyDeps, declarations: declarationDeps },
  );
  calendarCards.register(routes, calendarDeps);
  minutesCards.register(routes, { store, now, publicUrl: deps.config.publicUrl, graph: deps.graph });

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
