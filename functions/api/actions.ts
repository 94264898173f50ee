import { z } from 'zod';
import { actionLogCsv, actionLogRows, applyUpdate, isOpen } from '../../bot/domain/actionLog';
import { IdSchema, IsoDateSchema, IsoInstantSchema, shortText } from '../../bot/domain/common';
import { createAction, importActionLog } from '../../bot/features/actions';
import { runChasers } from '../../bot/features/chasers';
import { json, notFound, parseBody, problems } from '../http';
import { acting } from '../access';
import type { Handler } from './committees';
import { badId, idParam } from './params';

/** GET /api/committees/{id}/actions[?format=csv][&asOf=instant]: the live log, as the papers print it. */
export const listActions: Handler = async (req, s) => {
  const committeeId = idParam(req, 'committeeId');
  if (!committeeId) return badId('committeeId');
  if (!(await s.store.committees.get(committeeId))) return notFound(`Committee "${committeeId}"`);
  const asOfParam = req.query.get('asOf') ?? undefined;
  if (asOfParam !== undefined && !IsoInstantSchema.safeParse(asOfParam).success)
    return problems(400, 'asOf must be a date and time with an offset, like 2023-09-22T12:00:00+01:00.', [
      { path: 'asOf', message: 'not a date and time' },
    ]);
  const asOf = asOfParam && new Date(asOfParam).toISOString();
  const actions = await s.store.actions.forCommittee(committeeId);
  const rows = actionLogRows(actions, asOf);
  const format = req.query.get('format') ?? (req.headers.get('accept')?.includes('text/csv') ? 'csv' : 'json');
  if (format === 'csv')
    return {
      status: 200,
      body: actionLogCsv(rows),
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${committeeId}-action-log.csv"`,
      },
    };
  if (format !== 'json') return problems(400, 'format must be json or csv.');
  return json(200, { committeeId, asOf: asOf ?? null, rows, actions });
};

const NewActionSchema = z
  .object({
    text: shortText(2000),
    responsiblePersonIds: z.array(IdSchema).min(1, 'name at least one responsible officer'),
    /** Printed names for people Quorum does not know; defaults to the named people's names. */
    responsibleOfficers: z.array(shortText(120)).optional(),
    datesRaised: z.array(IsoDateSchema).min(1).optional(),
    fromMeetingId: IdSchema.optional(),
    fromAgendaItem: z.number().int().min(1).optional(),
    status: z.enum(['Red', 'Amber', 'Green']).default('Amber'),
    createdBy: IdSchema,
  })
  .strict();

/** POST /api/committees/{id}/actions: the clerk adds an action arising; it takes the next number. */
export const createActionHandler: Handler = async (req, s, who) => {
  const committeeId = idParam(req, 'committeeId');
  if (!committeeId) return badId('committeeId');
  const committee = await s.store.committees.get(committeeId);
  if (!committee) return notFound(`Committee "${committeeId}"`);
  const parsed = await parseBody(req, NewActionSchema, {}, acting(who, 'createdBy'));
  if (!parsed.ok) return parsed.response;
  const result = await createAction(s.store, committee, parsed.value, s.now());
  if (result.outcome === 'refused')
    return problems(result.status, result.why, [{ path: result.path, message: result.why }]);
  return json(result.outcome === 'created' ? 201 : 200, result.action);
};

const CloseSchema = z
  .object({
    status: z.enum(['Complete', 'Removed']),
    /** "no longer required and should be removed from the Action Log" */
    reason: shortText(2000),
    agreedAtMeeting: IdSchema,
    by: IdSchema,
  })
  .strict();

/** POST /api/committees/{id}/actions/{actionId}/close: the clerk closes or removes an action, as a meeting agreed. */
export const closeAction: Handler = async (req, s, who) => {
  const committeeId = idParam(req, 'committeeId');
  const actionId = idParam(req, 'actionId');
  if (!committeeId) return badId('committeeId');
  if (!actionId) return badId('actionId');
  const committee = await s.store.committees.get(committeeId);
  if (!committee) return notFound(`Committee "${committeeId}"`);
  const parsed = await parseBody(req, CloseSchema, {}, acting(who));
  if (!parsed.ok) return parsed.response;
  const b = parsed.value;
  if (!committee.clerks.includes(b.by))
    return problems(403, 'Only a clerk of the committee can close or remove actions.', [
      { path: 'by', message: 'must be a clerk' },
    ]);
  if (!(await s.store.meetings.get(committeeId, b.agreedAtMeeting)))
    return problems(400, 'agreedAtMeeting must be a meeting of this committee.', [
      { path: 'agreedAtMeeting', message: 'unknown meeting' },
    ]);
  const current = await s.store.actions.get(committeeId, actionId);
  if (!current) return notFound(`Action "${actionId}"`);
  // A closed or removed action stays so: it would otherwise come back on the log.
  if (!isOpen(current))
    return problems(
      409,
      `Action ${current.number} is already ${current.status === 'Removed' ? 'removed' : 'complete'}; nothing was changed.`,
    );
  const saved = await s.store.actions.update(
    committeeId,
    actionId,
    (a) =>
      applyUpdate(a, {
        at: s.now().toISOString(),
        by: b.by,
        status: b.status,
        comment: b.reason,
        agreedAtMeeting: b.agreedAtMeeting,
      }).action,
  );
  return json(200, saved.value);
};

const ChaseSchema = z.object({ round: z.union([z.literal(1), z.literal(2)]) }).strict();

/** POST /api/committees/{id}/chasers: send a round of chasers now instead of waiting for the timer. */
export const chaseNow: Handler = async (req, s) => {
  const committeeId = idParam(req, 'committeeId');
  if (!committeeId) return badId('committeeId');
  if (!(await s.store.committees.get(committeeId))) return notFound(`Committee "${committeeId}"`);
  const parsed = await parseBody(req, ChaseSchema);
  if (!parsed.ok) return parsed.response;
  const runs = await runChasers(s.bot.chasers, s.now(), { committeeId, round: parsed.value.round });
  return json(200, runs[0] ?? { committeeId, chased: [], note: 'There is no upcoming meeting to chase for.' });
};

const ImportSchema = z
  .object({
    csv: z
      .string()
      .min(1, 'paste the action log')
      .max(240_000, 'an action log to import can be at most 240,000 characters'),
  })
  .strict();

/** POST /api/committees/{id}/actions/import: an earlier action log (CSV, the papers' columns), all or nothing. */
export const importActions: Handler = async (req, s) => {
  const committeeId = idParam(req, 'committeeId');
  if (!committeeId) return badId('committeeId');
  const committee = await s.store.committees.get(committeeId);
  if (!committee) return notFound(`Committee "${committeeId}"`);
  const parsed = await parseBody(req, ImportSchema);
  if (!parsed.ok) return parsed.response;
  const result = await importActionLog(s.store, committee, parsed.value.csv);
  if (result.outcome === 'refused') return problems(result.status, result.why, result.problems);
  return json(201, { imported: result.count });
};
