import type { Application, TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, TurnContext } from 'botbuilder';
import { MAX_MESSAGE_CHARS } from '../domain/apologyParser';
import { speakerOf } from '../features/identify';
import { log } from '../log';
import { failureWords } from '../store/failureWords';
import type { Store } from '../store/store';
import { NOT_ON_A_COMMITTEE } from './botRoutes';

/** The longest message any route's pattern is run on; anything longer is answered without reading it. */
const MAX_ROUTED_CHARS = 10_000;

const TOO_LONG = `That message is too long for me to read (over ${MAX_MESSAGE_CHARS.toLocaleString('en-GB')} characters), so I haven't done anything with it. Please send a shorter one.`;

/**
 * What every turn goes through before the features' routes: a message is bounded (no route's pattern
 * then runs on more than MAX_ROUTED_CHARS characters; a year's dates pasted from a resolution are a few
 * hundred), and a member's personal chat is remembered, where 1:1 cards (agendas, chasers) go later.
 * People on no committee are not remembered: talking to Quorum must not put a stranger into its store.
 */
export function beforeEveryTurn(
  app: Application<TurnState>,
  deps: { store: Store; tenantId: string; now: () => Date },
): void {
  app.turn('beforeTurn', async (context) => {
    const text = context.activity.type === ActivityTypes.Message ? (context.activity.text ?? '') : '';
    if (text.length <= MAX_ROUTED_CHARS) return true;
    await context.sendActivity(TOO_LONG);
    return false;
  });
  app.turn('beforeTurn', async (context) => {
    const { activity } = context;
    const aad = activity.from?.aadObjectId;
    if (
      aad &&
      activity.conversation?.conversationType === 'personal' &&
      (await speakerOf(deps.store, context)).memberships.length
    ) {
      // Which message this was is no part of where the chat is: kept, it would change at every message.
      const { activityId: _thisMessage, ...where } = TurnContext.getConversationReference(activity);
      await deps.store.people.rememberIfChanged({
        tenantId: activity.conversation.tenantId ?? activity.channelData?.tenant?.id ?? deps.tenantId,
        aadObjectId: aad,
        name: activity.from.name,
        conversationReference: where,
        updatedAt: deps.now().toISOString(),
      });
    }
    return true;
  });
}

/**
 * After every feature's routes: a message nobody's route took is answered (registered last, so it
 * never swallows a card or a command), and a turn that failed says so in words, never with internals.
 */
export function afterEveryRoute(app: Application<TurnState>, store: Store): void {
  app.activity(ActivityTypes.Message, async (context) => {
    const text = (context.activity.text ?? '').trim();
    // A card button from an old card, or an attachment with no words.
    if (!text)
      return void (await context.sendActivity("I couldn't do anything with that. Type **help** to see what I can do."));
    if (text.length > MAX_MESSAGE_CHARS) return void (await context.sendActivity(TOO_LONG));
    const speaker = await speakerOf(store, context);
    await context.sendActivity(
      speaker.memberships.length
        ? `Sorry, ${speaker.displayName}, I didn't understand that. Type **help** to see what I can do for you.`
        : NOT_ON_A_COMMITTEE,
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
}
