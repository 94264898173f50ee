import type { CosmosClient } from '@azure/cosmos';
import { ActionRepository } from './actions';
import { CosmosBotStorage } from './botState';
import { CommitteeRepository } from './committees';
import { openContainers, type Containers } from './database';
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
  botState: CosmosBotStorage;
}

export async function openStore(client: CosmosClient, databaseId: string, createMissing = true): Promise<Store> {
  const { containers } = await openContainers(client, databaseId, createMissing);
  return {
    containers,
    committees: new CommitteeRepository(containers.committees),
    meetings: new MeetingRepository(containers.meetings),
    responses: new ResponseRepository(containers.responses),
    actions: new ActionRepository(containers.actions),
    people: new PeopleDirectory(containers.people),
    outbox: new OutboxRepository(containers.outbox),
    records: new RecordRepository(containers.records),
    interests: new InterestRegisterRepository(containers.people),
    botState: new CosmosBotStorage(containers.botstate),
  };
}
