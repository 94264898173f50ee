import { RefusedWrite, UnreadableDocument } from './documentStore';

/**
 * What to tell a person when a request failed, in the same words on every surface (cards, chat,
 * API): a refused write says what was refused and that nothing was saved; anything else says only
 * that it failed and gives the reference the logs carry, never internal error text.
 */
export function failureWords(err: unknown, reference: string): { status: number; text: string } {
  if (err instanceof RefusedWrite)
    return {
      status: 422,
      text: `That could not be saved, because it would break a limit (${err.message}). Nothing was saved.`,
    };
  if (err instanceof UnreadableDocument)
    return {
      status: 500,
      text: `A stored record (${err.container} "${err.id}") cannot be read, so this could not be done and nothing was changed. A clerk can put the record right (see "Repairing a record" in the README). Reference: ${reference}.`,
    };
  return {
    status: 500,
    text: `Sorry, something went wrong on our side and this may not have been finished. Please check, then try again. Reference: ${reference}.`,
  };
}
