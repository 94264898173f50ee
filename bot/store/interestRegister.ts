import type { Container } from '@azure/cosmos';
import { z } from 'zod';
import { IdSchema, IsoInstantSchema, shortText } from '../domain/common';
import { InterestCategorySchema } from '../domain/responses';
import { DocumentStore } from './documentStore';

/**
 * A member's own list of standing interests ("member of Melton Borough Council", "employed by the
 * Crown Prosecution Service"), offered again at each meeting. Kept with the tenant's people, one
 * document per member per committee, so the clerk's edits to the committee never overwrite it.
 */
export const InterestRegisterSchema = z
  .object({
    id: z.string().min(1),
    tenantId: z.string().min(1),
    committeeId: IdSchema,
    personId: IdSchema,
    entries: z
      .array(
        z
          .object({
            id: z.string().uuid(),
            /** Completes "… declared that …". */
            nature: shortText(1000),
            category: InterestCategorySchema,
            addedAt: IsoInstantSchema,
          })
          .strict(),
      )
      .max(30),
    updatedAt: IsoInstantSchema,
  })
  .strict();
export type InterestRegister = z.infer<typeof InterestRegisterSchema>;

const registerId = (committeeId: string, personId: string) => `register:${committeeId}:${personId}`;

export class InterestRegisterRepository {
  /** Also the repair route's way in (functions/api/repair.ts). */
  readonly docs: DocumentStore<InterestRegister>;

  constructor(container: Container) {
    this.docs = new DocumentStore(container, InterestRegisterSchema);
  }

  async get(tenantId: string, committeeId: string, personId: string): Promise<InterestRegister | undefined> {
    return (await this.docs.get(registerId(committeeId, personId), tenantId))?.value;
  }

  async update(
    tenantId: string,
    committeeId: string,
    personId: string,
    change: (current: InterestRegister) => InterestRegister,
  ): Promise<InterestRegister> {
    return (
      await this.docs.update(registerId(committeeId, personId), tenantId, (current) =>
        change(
          current ?? {
            id: registerId(committeeId, personId),
            tenantId,
            committeeId,
            personId,
            entries: [],
            updatedAt: new Date(0).toISOString(),
          },
        ),
      )
    ).value;
  }
}
