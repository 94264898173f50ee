import { Application, TeamsAdapter, TurnState } from '@microsoft/teams-ai';
import type { ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import type Bottleneck from 'bottleneck';
import type { Config } from './config';
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
import * as meetings from './features/meetings';
import * as minutesCards from './features/minutesCards';
import * as reconcile from './features/reconcile';
import * as rollCall from './features/rollCall';
import type { RollCallDeps } from './features/rollCall';
import type { GraphApi } from './graph/graphClient';
import type { Store } from './store/store';
import { routesOn } from './teams/botRoutes';
import { afterEveryRoute, beforeEveryTurn } from './teams/turns';
import { failFastHttpClient } from './teams/failFastConnector';

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

  beforeEveryTurn(app, { store, tenantId: deps.config.tenantId, now });

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
    {
      store,
      now,
      sender,
      ...(deps.graph ? { graph: deps.graph } : {}),
      ...(deps.config.filesDir ? { filesDir: deps.config.filesDir } : {}),
    },
    { store, now, apologies: apologyDeps, declarations: declarationDeps },
  );
  calendarCards.register(routes, calendarDeps);
  minutesCards.register(routes, { store, now, publicUrl: deps.config.publicUrl, graph: deps.graph });

  afterEveryRoute(app, store);

  const chaserDeps: ChaserDeps = {
    store,
    adapter,
    botAppId: deps.config.bot.appId,
    tenantId: deps.config.tenantId,
    pace,
  };
  return { adapter, app, sender, pace, calendar: calendarDeps, chasers: chaserDeps, rollCall: rollCallDeps };
}
