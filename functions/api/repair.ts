import type { HttpRequest } from '@azure/functions';
import { CONTAINERS, type ContainerName } from '../../bot/store/database';
import { statusOf } from '../../bot/store/documentStore';
import { mayCreateCommittees } from '../access';
import { json, notFound, problems, readBodyText } from '../http';
import type { Handler } from './committees';

/**
 * Repairing a stored record that can no longer be read (written by an older version, or edited by
 * hand): the tenant's clerk reads it as stored, with what is wrong with it, and puts a corrected
 * version in its place. The correction is checked exactly as any write is. Lists leave such a
 * record out and log its container and id (`document-unreadable`), which is where one starts.
 */
function address(req: HttpRequest) {
  const container = req.params.container as ContainerName;
  const { partitionKey, id } = req.params;
  if (!(container in CONTAINERS) || !partitionKey || !id) return undefined;
  return { container, partitionKey, id };
}

const refusedToOthers = problems(403, 'Only the tenant’s clerks (the Quorum.Clerk role) can repair stored records.');

/** GET /api/admin/documents/{container}/{partitionKey}/{id}: the record as stored, and why it cannot be read. */
export const getStoredDocument: Handler = async (req, s, who) => {
  if (!(await mayCreateCommittees(s, who))) return refusedToOthers;
  const at = address(req);
  if (!at) return problems(400, 'That is not the address of a stored record.');
  const stores = s.store.documents.filter((d) => d.containerId === at.container);
  const raw = await stores[0]?.raw(at.id, at.partitionKey);
  if (!raw) return notFound(`The record "${at.id}"`);
  const checks = stores.map((d) => d.check(raw));
  const readable = checks.some((c) => c.ok);
  const closest = checks.flatMap((c) => (c.ok ? [] : [c.problems])).sort((a, b) => a.length - b.length)[0];
  return json(200, { document: raw, readable, problems: readable ? [] : (closest ?? []) });
};

/** PUT /api/admin/documents/{container}/{partitionKey}/{id}: a corrected record in place of the stored one. */
export const putStoredDocument: Handler = async (req, s, who) => {
  if (!(await mayCreateCommittees(s, who))) return refusedToOthers;
  const at = address(req);
  if (!at) return problems(400, 'That is not the address of a stored record.');
  const read = await readBodyText(req);
  if (!read.ok) return read.response;
  let body: unknown;
  try {
    body = JSON.parse(read.text);
  } catch {
    return problems(400, 'The request body is not valid JSON.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return problems(400, 'The request body must be the corrected record, a JSON object.');
  const doc = body as Record<string, unknown>;
  if (doc.id !== at.id)
    return problems(400, 'The record’s id must be the one in the address.', [
      { path: 'id', message: `must be "${at.id}"` },
    ]);
  const stores = s.store.documents.filter((d) => d.containerId === at.container);
  let closest: { path: string; message: string }[] | undefined;
  for (const store of stores) {
    const checked = store.check(doc);
    if (!checked.ok) {
      if (!closest || checked.problems.length < closest.length) closest = checked.problems;
      continue;
    }
    try {
      const saved = await store.replaceAt(at.id, at.partitionKey, checked.value);
      return json(200, saved.value);
    } catch (err) {
      if (statusOf(err) === 404) return notFound(`The record "${at.id}"`);
      if (statusOf(err) === 400)
        return problems(400, 'The record’s partition (its committee or tenant) must be the one in the address.');
      throw err;
    }
  }
  return problems(
    400,
    'The corrected record still breaks the rules it is read with; nothing was saved.',
    closest ?? [],
  );
};
