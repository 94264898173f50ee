import type { Container } from '@azure/cosmos';
import { CommitteeSchema, type Committee } from '../domain/committee';
import { DocumentStore } from './documentStore';

/** A committee is its own partition: the document carries committeeId = id. */
export class CommitteeRepository {
  /** Also the repair route's way in (functions/api/repair.ts). */
  readonly docs: DocumentStore<Committee>;

  constructor(container: Container) {
    this.docs = new DocumentStore(container, CommitteeSchema, (c) => ({ ...c, committeeId: c.id }), ['committeeId']);
  }

  async put(committee: Committee): Promise<Committee> {
    return (await this.docs.upsert(committee)).value;
  }

  async get(id: string): Promise<Committee | undefined> {
    return (await this.docs.get(id, id))?.value;
  }

  /** A change to the committee as it is now, retried under its ETag if someone else changed it first. */
  async update(id: string, change: (current: Committee) => Committee): Promise<Committee> {
    return (
      await this.docs.update(id, id, (current) => {
        if (!current) throw new Error(`committee ${id} does not exist`);
        return change(current);
      })
    ).value;
  }

  async list(): Promise<Committee[]> {
    return this.docs.query('SELECT * FROM c ORDER BY c.name');
  }

  /** The committees on which this Teams user (by Entra object id) is anyone at all. */
  async forAadObjectId(aadObjectId: string): Promise<Committee[]> {
    // Entra object ids are GUIDs whose case differs between sources: compare lower-cased.
    return this.docs.query(
      'SELECT * FROM c WHERE EXISTS(SELECT VALUE p FROM p IN c.people WHERE LOWER(p.aadObjectId) = @aad)',
      [{ name: '@aad', value: aadObjectId.toLowerCase() }],
    );
  }
}
