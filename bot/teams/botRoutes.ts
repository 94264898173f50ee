import type { Application, TurnState } from '@microsoft/teams-ai';
import type { MeetingParticipantsEventDetails, TurnContext } from 'botbuilder';
import type { ZodType, ZodTypeAny, ZodTypeDef } from 'zod';
import type { CardJson } from '../../cards/render';
import { readCard } from './cardInputWords';
import { speakerOf, type Speaker } from '../features/identify';
import type { Store } from '../store/store';

/**
 * One card verb: the payload it takes (the button's data with the card's inputs beside it) and what
 * runs once it has been read. Registration, the one parse of every submission, and the tests that tie
 * templates to handlers all come from these.
 */
export interface Verb<D> {
  payload: ZodTypeAny;
  run(context: TurnContext, deps: D, data: unknown): Promise<CardJson | string>;
}
/** A feature's card verbs: verb → payload schema → handler. The cards' templates name these verbs; a test holds the two together. */
export type VerbTable<D> = Readonly<Record<string, Verb<D>>>;

export interface VerbSpec<D, T> {
  payload: ZodType<T, ZodTypeDef, unknown>;
  /** The inputs a person types: refusing one of these says the rule broken, then `nothingDone`. */
  typed?: readonly string[];
  nothingDone?: string;
  /** What an unreadable submission of this verb is told, where it is not the feature's usual sentence. */
  malformed?: string;
  /** A refusal answered otherwise than in words: a form shown again with what was typed. */
  refused?: (context: TurnContext, deps: D, data: unknown, why: string) => Promise<CardJson | string>;
  handle(context: TurnContext, deps: D, payload: T): Promise<CardJson | string>;
}

/**
 * A feature's way of writing its verbs: each submission is read with the verb's schema before its
 * handler runs (`readCard`); one that cannot be read at all is answered with the feature's `malformed`.
 */
export const verbsAnswering =
  (malformed: string) =>
  <D, T>(spec: VerbSpec<D, T>): Verb<D> => ({
    payload: spec.payload,
    run: async (context, deps, data) => {
      const nothingDone = spec.nothingDone ?? 'Nothing was changed.';
      const read = readCard(spec.payload, data, {
        typed: spec.typed ?? [],
        nothingDone,
        malformed: spec.malformed ?? malformed,
      });
      if (read.ok) return spec.handle(context, deps, read.value);
      return spec.refused ? spec.refused(context, deps, data, read.answer) : read.answer;
    },
  });

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
        app.adaptiveCards.actionExecute(verb, (context, _state, data) => handler.run(context, deps, data));
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
