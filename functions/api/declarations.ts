import type { HttpResponseInit } from '@azure/functions';
import { z } from 'zod';
import type { Committee } from '../../bot/domain/committee';
import type { Meeting } from '../../bot/domain/meeting';
import type { Person } from '../../bot/domain/person';
import type { Services } from '../services';
import { IdSchema, shortText } from '../../bot/domain/common';
import { CATEGORY_NAMES, declarationSentence } from '../../bot/domain/declarations';
import { hasFinished } from '../../bot/domain/meeting';
import { InterestCategorySchema, type Declaration } from '../../bot/domain/responses';
import { personById } from '../../bot/domain/roles';
import { liveDeclarations, recordDeclaration } from '../../bot/features/declarations';
import { isRefusal } from '../../bot/features/record';
import { acting, meetingFor } from '../access';
import { json, parseBody, problems } from '../http';
import type { Handler } from './committees';
import { badId, idParam } from './params';

/** What a declaration needs, from the workspace's form: the same fields as the card's. */
export const DeclarationFields = {
  /** "3, 6" or "all" (an interest in everything on the agenda, as "employed by the CPS"). */
  items: z
    .string()
    .trim()
    .regex(/^(all|\d+(\s*,\s*\d+)*)$/, 'name the items by number, like "6" or "3, 6", or "all"'),
  category: InterestCategorySchema,
  nature: shortText(1000),
  participation: z.enum(['take-part', 'not-vote', 'leave']).optional(),
  sensitive: z.boolean().default(false),
};

const OnBehalfSchema = z
  .object({ personId: IdSchema, by: IdSchema, key: z.string().uuid(), ...DeclarationFields })
  .strict();

type Fields = {
  items: string;
  category: Declaration['category'];
  nature: string;
  participation?: Declaration['participation'];
  sensitive: boolean;
};

/** Records a declaration from the API's fields and answers as every declaring endpoint does. */
export async function declare(
  s: Services,
  args: { key: string; committee: Committee; meeting: Meeting; subject: Person; recordedBy: Person; fields: Fields },
): Promise<HttpResponseInit> {
  const { fields: f, ...who } = args;
  const result = await recordDeclaration(s.store, {
    ...who,
    items: f.items,
    category: f.category,
    nature: f.nature,
    ...(f.participation ? { participation: f.participation } : {}),
    sensitive: f.sensitive,
    now: s.now(),
  });
  if (result.outcome === 'refused') return problems(result.status ?? 422, result.why);
  if (result.outcome === 'duplicate') return json(200, { duplicate: true });
  return json(201, {
    sentence: declarationSentence(result.declaration, args.subject, args.meeting.agenda),
    overridden: result.overridden,
  });
}

/** GET /api/meetings/{id}/declarations: the declarations that stand, as the minutes will print them. */
export const listDeclarations: Handler = async (req, s, who) => {
  const meetingId = idParam(req, 'meetingId');
  if (!meetingId) return badId('meetingId');
  const found = await meetingFor(s, who, meetingId);
  if (isRefusal(found)) return problems(found.status, found.why);
  const { committee, meeting } = found;
  const live = await liveDeclarations(s.store, committee.id, meeting.id);
  return json(
    200,
    live.map((d) => {
      const person = personById(committee, d.personId) ?? { name: d.personId };
      return {
        id: d.id,
        personId: d.personId,
        name: person.name,
        category: CATEGORY_NAMES[d.category],
        participation: d.participation,
        sentence: declarationSentence(d, person, meeting.agenda),
        recordedBy: personById(committee, d.recordedBy)?.name ?? d.recordedBy,
        afterTheEvent: hasFinished(meeting, new Date(d.recordedAt)),
      };
    }),
  );
};

/** POST /api/meetings/{id}/declarations: the clerk records a member's declaration, also after the meeting. */
export const recordDeclarationOnBehalf: Handler = async (req, s, who) => {
  const meetingId = idParam(req, 'meetingId');
  if (!meetingId) return badId('meetingId');
  const found = await meetingFor(s, who, meetingId);
  if (isRefusal(found)) return problems(found.status, found.why);
  const parsed = await parseBody(req, OnBehalfSchema, {}, acting(who));
  if (!parsed.ok) return parsed.response;
  const b = parsed.value;
  const { committee, meeting } = found;
  const subject = personById(committee, b.personId);
  if (!subject)
    return problems(400, 'That person is not on this committee.', [
      { path: 'personId', message: 'not on the committee' },
    ]);
  const clerk = personById(committee, b.by);
  if (!clerk || !committee.clerks.includes(clerk.id))
    return problems(403, 'Only a clerk of the committee can record declarations for someone else.');
  return declare(s, { key: b.key, committee, meeting, subject, recordedBy: clerk, fields: b });
};
