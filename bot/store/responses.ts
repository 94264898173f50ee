import type { Container } from '@azure/cosmos';
import { isDeepStrictEqual } from 'node:util';
import { ResponseSchema, type Response } from '../domain/responses';
import {
  foldResponse,
  foldsIntoRoll,
  needsRebuild,
  rollFrom,
  RollStateSchema,
  type RollState,
} from '../domain/rollState';
import { ConflictError, DocumentStore, type Versioned } from './documentStore';

/**
 * `roll`: the meeting's roll after the response was folded in (for responses that change it);
 * `quorumFlipped`: this append is the one that changed whether the meeting is quorate (see `append`).
 */
export type Folded = { roll: Versioned<RollState>; quorumFlipped: boolean };
export type AppendResult =
  | ({ recorded: true; response: Response } & Partial<Folded>)
  | ({ recorded: false; reason: 'duplicate'; response: Response } & Partial<Folded>)
  | { recorded: false; reason: 'key-reused' };

/** What an append may be given: the roll as the caller read it, and the committee's quorum rule. */
export interface AppendOptions {
  roll?: Versioned<RollState>;
  /**
   * Whether a roll is quorate, by the committee's rule. Given, the fold also records whether the meeting
   * was told it is quorate, in the same write: of everyone whose marks change it, exactly one append
   * comes back with `quorumFlipped`, and that caller tells the meeting.
   */
  quorateNow?: (roll: RollState) => boolean;
}

/** What a refused reuse of a key says, on every surface. */
export const KEY_REUSED =
  'That request carried the key of a different request already recorded (for another meeting, person or kind of answer), so nothing was recorded. Please send it again.';

/**
 * Whether a stored response is the same operation as a new one with its key: the same answer, about
 * the same person, for the same meeting, by the same hand (only the moment differs). Only then is a
 * repeat a retry.
 */
export const sameOperation = (a: Response, b: Response) =>
  isDeepStrictEqual({ ...a, recordedAt: '' }, { ...b, recordedAt: '' });

/** A key seen in a meeting's history: a retry of this operation, another operation's key, or new. */
export function keyIn(history: readonly Response[], key: string, operation: Pick<Response, 'kind' | 'personId'>) {
  const seen = history.find((r) => r.id === key);
  if (!seen) return 'new' as const;
  return seen.kind === operation.kind && seen.personId === operation.personId
    ? ('retry' as const)
    : ('reused' as const);
}

interface FoldBatch {
  queue: {
    r: Response;
    quorateNow?: (roll: RollState) => boolean;
    resolve: (folded: Folded) => void;
    reject: (err: unknown) => void;
  }[];
  /** The roll as this queue last wrote it (or as the first caller read it): the next round starts from it. */
  last?: Versioned<RollState>;
}

/**
 * Append-only: there is no update and no delete. A change is a new document naming the one it
 * supersedes. A document's id is the card submission's idempotency key, so a Teams retry of the
 * same submission is refused by the store itself and records once; the same key on another
 * operation is refused as such, never taken for a retry.
 */
export class ResponseRepository {
  /** Also the repair route's way in (functions/api/repair.ts). */
  readonly docs: DocumentStore<Response>;
  /** Each meeting's roll as it stands (domain/rollState.ts), folded from the responses as they are appended. */
  readonly rolls: DocumentStore<RollState>;

  /** Responses waiting to be folded into each meeting's roll, on this instance (see `fold`). */
  private readonly folding = new Map<string, FoldBatch>();

  constructor(container: Container, rollContainer: Container) {
    this.docs = new DocumentStore(container, ResponseSchema);
    this.rolls = new DocumentStore(rollContainer, RollStateSchema);
  }

  /**
   * Records a response, then folds it into its meeting's roll. A retry of the same operation folds
   * again (folding is idempotent), so a fold interrupted after the response was stored is made good
   * by the retry. `roll` is the roll as the caller last read it: it saves reading it again.
   */
  async append(response: Response, { roll, quorateNow }: AppendOptions = {}): Promise<AppendResult> {
    let stored: Response;
    let recorded = true;
    try {
      stored = (await this.docs.create(response)).value;
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      // The key is taken: a retry of this very operation, or someone else's key, never acknowledged.
      const existing = await this.docs.get(response.id, response.committeeId);
      if (!existing || !sameOperation(existing.value, response)) return { recorded: false, reason: 'key-reused' };
      stored = existing.value;
      recorded = false;
    }
    const withRoll = foldsIntoRoll(stored) ? await this.fold(stored, roll, quorateNow) : {};
    return recorded
      ? { recorded: true, response: stored, ...withRoll }
      : { recorded: false, reason: 'duplicate', response: stored, ...withRoll };
  }

  /**
   * Folds a response into its meeting's roll. Responses arriving together (a roll-call storm) are
   * folded in one write per round rather than one each, each round starting from the roll the last
   * one wrote: forty taps are a handful of writes, not forty writers racing for one ETag. Each caller
   * is answered only once its response is in the stored roll. The queue only groups writes; the ETag
   * decides, so instances sharing the database agree.
   */
  private async fold(
    r: Response,
    known?: Versioned<RollState>,
    quorateNow?: (roll: RollState) => boolean,
  ): Promise<Folded> {
    if (needsRebuild(r)) return { roll: await this.rebuildRoll(r.committeeId, r.meetingId), quorumFlipped: false };
    const key = `${r.committeeId}/${r.meetingId}`;
    return new Promise((resolve, reject) => {
      const entry = { r, resolve, reject, ...(quorateNow ? { quorateNow } : {}) };
      const waiting = this.folding.get(key);
      if (waiting) {
        waiting.queue.push(entry);
        return;
      }
      const batch: FoldBatch = {
        queue: [entry],
        ...(known?.value.meetingId === r.meetingId ? { last: known } : {}),
      };
      this.folding.set(key, batch);
      void this.drain(key, batch, r.committeeId, r.meetingId);
    });
  }

  private async drain(key: string, batch: FoldBatch, committeeId: string, meetingId: string): Promise<void> {
    while (batch.queue.length) {
      const taken = batch.queue.splice(0);
      const decider = taken.find((t) => t.quorateNow);
      let flipped = false;
      try {
        const result = await this.rolls.update(
          meetingId,
          committeeId,
          async (current) => {
            const roll = taken.reduce(
              (r, t) => foldResponse(r, t.r),
              current ?? rollFrom(committeeId, meetingId, await this.forMeeting(committeeId, meetingId)),
            );
            // Until the roll call is posted (quorate unknown) there is no meeting to tell.
            const quorate = decider?.quorateNow && roll.quorate !== undefined ? decider.quorateNow(roll) : undefined;
            flipped = quorate !== undefined && quorate !== roll.quorate;
            return flipped ? { ...roll, quorate } : roll;
          },
          batch.last ? { known: batch.last } : {},
        );
        batch.last = result;
        for (const t of taken) t.resolve({ roll: result, quorumFlipped: flipped && t === decider });
      } catch (err) {
        delete batch.last;
        for (const t of taken) t.reject(err);
      }
    }
    this.folding.delete(key);
  }

  /** The meeting's roll: built from its history the first time it is asked for. */
  async roll(committeeId: string, meetingId: string): Promise<Versioned<RollState>> {
    return (await this.rolls.get(meetingId, committeeId)) ?? this.rebuildRoll(committeeId, meetingId);
  }

  /**
   * The roll built afresh from the history (keeping what the meeting was last told about its quorum):
   * at the start and close of the roll call, so that nothing the history holds is missing from it.
   */
  async rebuildRoll(
    committeeId: string,
    meetingId: string,
    /** When the roll call is posted: whether the meeting starts quorate, from the rebuilt roll. */
    quorateNow?: (roll: RollState) => boolean,
  ): Promise<Versioned<RollState>> {
    return this.rolls.update(meetingId, committeeId, async (current) => {
      const rebuilt = rollFrom(committeeId, meetingId, await this.forMeeting(committeeId, meetingId));
      const quorate = quorateNow ? quorateNow(rebuilt) : current?.quorate;
      return quorate === undefined ? rebuilt : { ...rebuilt, quorate };
    });
  }

  /** The meeting's responses of one kind, oldest first, history included. */
  async ofKind<K extends Response['kind']>(
    committeeId: string,
    meetingId: string,
    kind: K,
  ): Promise<Extract<Response, { kind: K }>[]> {
    const found = await this.docs.query(
      'SELECT * FROM r WHERE r.committeeId = @c AND r.meetingId = @m AND r.kind = @k ORDER BY r.recordedAt',
      [
        { name: '@c', value: committeeId },
        { name: '@m', value: meetingId },
        { name: '@k', value: kind },
      ],
    );
    return found.filter((r): r is Extract<Response, { kind: K }> => r.kind === kind);
  }

  /** Every response ever made for the meeting, oldest first: history included. */
  async forMeeting(committeeId: string, meetingId: string): Promise<Response[]> {
    return this.docs.query('SELECT * FROM r WHERE r.committeeId = @c AND r.meetingId = @m ORDER BY r.recordedAt', [
      { name: '@c', value: committeeId },
      { name: '@m', value: meetingId },
    ]);
  }
}
