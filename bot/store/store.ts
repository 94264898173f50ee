import type { CosmosClient } from '@azure/cosmos';
import { ActionRepository } from './actions';
import { CommitteeRepository } from './committees';
import { openContainers, type Containers } from './database';
import type { DocumentStore } from './documentStore';
import { MeetingRepository } from './meetings';
import { OutboxRepository } from './outbox';
import { RecordRepository } from './records';
import { InterestRegisterRepository } from './interestRegister';
import { PeopleDirectory } from './people';
import { ResponseRepository } from './responses';

/** Every repository over one database: what features are given. */
export interface Store {
  containers: Containers;
  committees: CommitteeRepository;
  meetings: MeetingRepository;
  responses: ResponseRepository;
  actions: ActionRepository;
  people: PeopleDirectory;
  outbox: OutboxRepository;
  records: RecordRepository;
  interests: InterestRegisterRepository;
  /** Every kind of document, each with its schema: how a document that cannot be read is repaired. */
  documents: DocumentStore<unknown>[];
}

export async function openStore(client: CosmosClient, databaseId: string, createMissing = true): Promise<Store> {
  const { containers } = await openContainers(client, databaseId, createMissing);
  const committees = new CommitteeRepository(containers.committees);
  const meetings = new MeetingRepository(containers.meetings);
  const responses = new ResponseRepository(containers.responses, containers.rolls);
  const actions = new ActionRepository(containers.actions);
  const people = new PeopleDirectory(containers.people);
  const outbox = new OutboxRepository(containers.outbox);
  const records = new RecordRepository(containers.records);
  const interests = new InterestRegisterRepository(containers.people);
  return {
    containers,
    committees,
    meetings,
    responses,
    actions,
    people,
    outbox,
    records,
    interests,
    documents: [
      committees.docs,
      meetings.docs,
      responses.docs,
      responses.rolls,
      actions.docs,
      people.docs,
      interests.docs,
      outbox.markers,
      outbox.deliveries,
      records.minutes,
      records.versions,
    ] as DocumentStore<unknown>[],
  };
}
