import type { TeamsAdapter } from '@microsoft/teams-ai';
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
  deps: { adapter: TeamsAdapter; store: Store; botAppId: string },
  tenantId: string,
  person: Person,
  message: { text?: string; attachments?: Attachment[] },
): Promise<Delivery> {
  if (!person.aadObjectId) return 'unreachable';
  const entry = await deps.store.people.get(tenantId, person.aadObjectId);
  if (!entry) return 'unreachable';
  try {
    await deps.adapter.continueConversationAsync(
      deps.botAppId,
      entry.conversationReference as Partial<ConversationReference>,
      async (context) => {
        await context.sendActivity(message);
      },
    );
    return 'sent';
  } catch (err) {
    log.warn('proactive-send-failed', { person: person.id, error: (err as Error).message });
    return 'failed';
  }
}
