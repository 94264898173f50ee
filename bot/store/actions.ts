import type { Container } from '@azure/cosmos';
import { ActionSchema, type Action } from '../domain/action';
import { DocumentStore, type Versioned } from './documentStore';

export class ActionRepository {
  /** Also the repair route's way in (functions/api/repair.ts). */
  readonly docs: DocumentStore<Action>;

  constructor(container: Container) {
    // The comments are the history's: stored only for an action without one.
    this.docs = new DocumentStore(container, ActionSchema, ({ comments, ...a }) =>
      a.history.length ? a : { ...a, comments },
    );
  }

  async put(action: Action): Promise<Action> {
    return (await this.docs.upsert(action)).value;
  }

  /** Fails with ConflictError if the id (and so the number) is taken. */
  async create(action: Action): Promise<Action> {
    return (await this.docs.create(action)).value;
  }

  async get(committeeId: string, id: string): Promise<Action | undefined> {
    return (await this.docs.get(id, committeeId))?.value;
  }

  /** Applies `change` to the latest version, retrying on a concurrent write so neither update is lost. */
  async update(committeeId: string, id: string, change: (current: Action) => Action): Promise<Versioned<Action>> {
    return this.docs.update(id, committeeId, (current) => {
      if (!current) throw new Error(`action ${id} does not exist`);
      return change(current);
    });
  }

  async forCommittee(committeeId: string): Promise<Action[]> {
    return this.docs.query('SELECT * FROM a WHERE a.committeeId = @c ORDER BY a.number', [
      { name: '@c', value: committeeId },
    ]);
  }
}
