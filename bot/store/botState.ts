import type { Container, ItemDefinition } from '@azure/cosmos';
import type { Storage, StoreItems } from 'botbuilder';
import { statusOf } from './documentStore';

/** Cosmos ids may not contain / \ ? #; storage keys do ("msteams/conversations/…"). */
const docId = (key: string) => encodeURIComponent(key);

/**
 * botbuilder's Storage over our Cosmos container, for teams-ai turn state. Honours eTags as
 * botbuilder defines them: "*" or none overwrites, anything else must match.
 */
export class CosmosBotStorage implements Storage {
  constructor(private readonly container: Container) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    await Promise.all(
      keys.map(async (key) => {
        try {
          const { resource } = await this.container.item(docId(key), docId(key)).read<ItemDefinition>();
          if (resource) items[key] = { ...(resource.document as object), eTag: resource._etag };
        } catch (err) {
          if (statusOf(err) !== 404) throw err;
        }
      }),
    );
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    await Promise.all(
      Object.entries(changes).map(async ([key, value]) => {
        const { eTag, ...document } = (value ?? {}) as { eTag?: string } & Record<string, unknown>;
        const doc = { id: docId(key), document };
        if (eTag && eTag !== '*') {
          await this.container
            .item(doc.id, doc.id)
            .replace(doc, { accessCondition: { type: 'IfMatch', condition: eTag } });
        } else {
          await this.container.items.upsert(doc);
        }
      }),
    );
  }

  async delete(keys: string[]): Promise<void> {
    await Promise.all(
      keys.map(async (key) => {
        try {
          await this.container.item(docId(key), docId(key)).delete();
        } catch (err) {
          if (statusOf(err) !== 404) throw err;
        }
      }),
    );
  }
}
