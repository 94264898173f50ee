import type { Application, TurnState } from '@microsoft/teams-ai';
import type { MeetingParticipantsEventDetails, TurnContext } from 'botbuilder';
import type { CardJson } from '../../cards/render';
import { speakerOf, type Speaker } from '../features/identify';
import type { Store } from '../store/store';

/** A card button's handler: the person pressing it, the feature's deps, and the button's data (parsed by the handler). */
export type VerbHandler<D> = (context: TurnContext, deps: D, data: unknown) => Promise<CardJson | string>;
/** A feature's card verbs: verb → handler. The cards' templates name these verbs; a test holds the two together. */
export type VerbTable<D> = Readonly<Record<string, VerbHandler<D>>>;

/**
 * What a feature registers its routes through (`register(routes, deps)` in each `bot/features/<flow>.ts`):
 * the Teams SDK's Application stays behind this, in `bot/teams/` and `bot/app.ts`.
 */
export interface BotRoutes {
  /** A message for someone on a committee; anyone else is told politely that there is nothing to do. */
  command(
    pattern: RegExp | ((context: TurnContext) => Promise<boolean>),
    handler: (context: TurnContext, speaker: Speaker) => Promise<void>,
  ): void;
  /** A message for anyone (help). */
  message(pattern: RegExp, handler: (context: TurnContext) => Promise<void>): void;
  /** Every verb of a feature's table, each handed the feature's deps. */
  verbs<D>(table: VerbTable<D>, deps: D): void;
  meetingStart(handler: (context: TurnContext, details: { joinUrl?: string; id?: string }) => Promise<void>): void;
  meetingEnd(handler: (context: TurnContext) => Promise<void>): void;
  participants(
    handler: (context: TurnContext, details: MeetingParticipantsEventDetails, joined: boolean) => Promise<void>,
  ): void;
  /** Quorum added to a chat or team. */
  installed(handler: (context: TurnContext) => Promise<void>): void;
}

export const NOT_ON_A_COMMITTEE =
  "I can't find you on any committee I look after, so there is nothing I can do for you yet. " +
  'If you think you should be on one, please ask your democratic services officer (the clerk) to add you.';

/** Routes on a teams-ai Application. Messages match in registration order: features register in createBot's order. */
export function routesOn(app: Application<TurnState>, store: Store): BotRoutes & { registeredVerbs: string[] } {
  const registeredVerbs: string[] = [];
  const forMembers =
    (handler: (context: TurnContext, speaker: Speaker) => Promise<void>) => async (context: TurnContext) => {
      const speaker = await speakerOf(store, context);
      if (!speaker.memberships.length) {
        await context.sendActivity(NOT_ON_A_COMMITTEE);
        return;
      }
      await handler(context, speaker);
    };
  return {
    registeredVerbs,
    command: (pattern, handler) => app.message(pattern, forMembers(handler)),
    message: (pattern, handler) => app.message(pattern, handler),
    verbs: (table, deps) => {
      for (const [verb, handler] of Object.entries(table)) {
        if (registeredVerbs.includes(verb)) throw new Error(`the card verb "${verb}" is registered twice`);
        registeredVerbs.push(verb);
        app.adaptiveCards.actionExecute(verb, (context, _state, data) => handler(context, deps, data));
      }
    },
    meetingStart: (handler) => app.meetings.start((context, _state, meeting) => handler(context, meeting)),
    meetingEnd: (handler) => app.meetings.end((context) => handler(context)),
    participants: (handler) => {
      app.meetings.participantsJoin((context, _state, details) => handler(context, details, true));
      app.meetings.participantsLeave((context, _state, details) => handler(context, details, false));
    },
    installed: (handler) =>
      app.conversationUpdate('membersAdded', async (context) => {
        if (context.activity.membersAdded?.some((m) => m.id === context.activity.recipient.id)) await handler(context);
      }),
  };
}
