import type { TeamsAdapter } from '@microsoft/teams-ai';
import type Bottleneck from 'bottleneck';
import type { Attachment, ConversationReference } from 'botbuilder';
import type { Person } from '../domain/person';
import { log } from '../log';
import type { Store } from '../store/store';

export type Delivery = 'sent' | 'unreachable' | 'failed';

/**
 * A 1:1 message to someone Quorum has talked to before (their personal chat is in the directory).
 * People who have never talked to Quorum are 'unreachable' until Graph installs the app for them.
 */
export async function sendToPerson(
  deps: { adapter: TeamsAdapter; store: Store; botAppId: string; pace?: Bottleneck },
  tenantId: string,
  person: Person,
  message: { text?: string; attachments?: Attachment[] },
): Promise<Delivery> {
  if (!person.aadObjectId) return 'unreachable';
  const entry = await deps.store.people.get(tenantId, person.aadObjectId);
  if (!entry) return 'unreachable';
  try {
    const send = () =>
      deps.adapter.continueConversationAsync(
        deps.botAppId,
        entry.conversationReference as Partial<ConversationReference>,
        async (context) => {
          await context.sendActivity(message);
        },
      );
    // At the pace every proactive message shares, so a burst of chasers cannot break Teams' limits.
    await (deps.pace ? deps.pace.schedule(send) : send());
    return 'sent';
  } catch (err) {
    log.warn('proactive-send-failed', { person: person.id, error: (err as Error).message });
    return 'failed';
  }
}
