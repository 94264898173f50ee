import type { TurnContext } from 'botbuilder';
import { format } from 'date-fns';
import { randomUUID } from 'node:crypto';
import { attachment, renderCard, type CardData, type CardJson } from '../../cards/render';
import type { Action, ActionStatus } from '../domain/action';
import { parse } from 'csv-parse/sync';
import {
  applyUpdate,
  importedAction,
  isOpen,
  logDate,
  mayUpdate,
  OFFICER_STATUSES,
  type ActionLogImportRow,
} from '../domain/actionLog';
import type { Committee } from '../domain/committee';
import { inLondon } from '../domain/londonTime';
import { personById } from '../domain/roles';
import { rollMarks } from '../domain/rollState';
import type { Store } from '../store/store';
import { KEY_REUSED } from '../store/responses';
import type { z } from 'zod';
import {
  ActionCreatePayloadSchema,
  ActionUpdatePayloadSchema,
  EmptyPayloadSchema,
  type ActionUpdatePayload,
} from '../teams/cardPayloads';
import { ConflictError } from '../store/documentStore';
import { byStart } from '../domain/meeting';
import { clerkshipsOf, speakerOf, type Speaker } from './identify';
import { verbsAnswering, type BotRoutes, type VerbTable } from '../teams/botRoutes';
import { NOT_ON_A_COMMITTEE } from '../teams/botRoutes';

export interface ActionDeps {
  store: Store;
  now: () => Date;
}

const STATUS_COLOUR: Record<ActionStatus, CardData['action']['statusColor']> = {
  Red: 'Attention',
  Amber: 'Warning',
  Green: 'Good',
  Complete: 'Accent',
  Removed: 'Default',
};

const MALFORMED = "Sorry, I couldn't read that update, so nothing has changed. Type **my actions** for fresh cards.";

/** "Anita Chavda on Tuesday 24 November 2026 at 9.15am" */
function whoAndWhen(committee: Committee, by: string, at: string): string {
  const t = inLondon(at);
  const name = personById(committee, by)?.name ?? by;
  return `${name} on ${format(t, 'EEEE d MMMM yyyy')} at ${format(t, 'h.mm')}${format(t, 'a').toLowerCase()}`;
}

export function actionCard(
  committee: Committee,
  action: Action,
  editable: boolean,
  message = '',
  messageColor: CardData['action']['messageColor'] = 'Default',
): CardJson {
  const last = [...action.history].reverse().find((h) => h.by !== 'imported');
  return renderCard('action', {
    committee: committee.shortName,
    number: action.number,
    text: action.text,
    raised: action.datesRaised.map(logDate).join(', '),
    responsible: [...new Set(action.responsibleOfficers)].join(', '),
    comments: action.comments || 'none yet',
    status: action.status,
    statusColor: STATUS_COLOUR[action.status],
    statusValue: OFFICER_STATUSES.includes(action.status) ? action.status : 'Amber',
    lastUpdate: last ? `Last updated by ${whoAndWhen(committee, last.by, last.at)}.` : '',
    message,
    messageColor,
    editable: editable && isOpen(action),
    update: { committeeId: committee.id, actionId: action.id, submissionId: randomUUID() },
  });
}

/** `my actions`: a card for each open action the speaker is responsible for. */
export async function sendMyActions(context: TurnContext, deps: ActionDeps, speaker: Speaker): Promise<void> {
  const cards: CardJson[] = [];
  for (const m of speaker.memberships) {
    const mine = (await deps.store.actions.forCommittee(m.committee.id)).filter(
      (a) => isOpen(a) && a.responsiblePersonIds.includes(m.person.id),
    );
    cards.push(...mine.map((a) => actionCard(m.committee, a, true)));
  }
  if (!cards.length) {
    await context.sendActivity('You have no open actions on the action log. Thank you!');
    return;
  }
  await context.sendActivity(
    `You have ${cards.length} open action${cards.length === 1 ? '' : 's'}. Set the status, add a comment for the log and press **Update**.`,
  );
  for (const card of cards) await context.sendActivity({ attachments: [attachment(card)] });
}

/** `action log`: the whole live log, for the clerk and the chair. */
export async function sendActionLog(context: TurnContext, deps: ActionDeps, speaker: Speaker): Promise<void> {
  const mine = speaker.memberships.filter((m) => m.roles.includes('clerk') || m.roles.includes('chair'));
  if (!mine.length) {
    await context.sendActivity(
      'Only the clerk and the chair can see the whole action log. Type **my actions** for yours.',
    );
    return;
  }
  for (const m of mine) {
    const open = (await deps.store.actions.forCommittee(m.committee.id)).filter((a) => a.status !== 'Removed');
    await context.sendActivity({
      attachments: [
        attachment(
          renderCard('actionList', {
            title: `${m.committee.shortName} action log`,
            lines: open.length ? [] : ['The action log is empty.'],
            actions: open.map((a) => ({
              number: a.number,
              text: a.text,
              detail: `${a.status} · ${[...new Set(a.responsibleOfficers)].join('/')} · raised ${a.datesRaised.map(logDate).join(' ')}`,
            })),
            showOpen: false,
            open: {},
          }),
        ),
      ],
    });
  }
}

/**
 * An officer's update of an action's status and comment: the one way updates enter the log, for the
 * card's Update button and the tab alike. Checks the right to update, then applies under ETag retry.
 */
export async function updateAction(
  store: Store,
  committee: Committee,
  personId: string,
  actionId: string,
  update: { status: 'Red' | 'Amber' | 'Green' | 'Complete'; comment?: string; submissionId?: string },
  now: Date,
): Promise<
  | { outcome: 'updated' | 'duplicate' | 'closed'; action: Action }
  | { outcome: 'refused'; status: 403 | 404 | 409; why: string }
> {
  const action = await store.actions.get(committee.id, actionId);
  if (!action)
    return { outcome: 'refused', status: 404, why: 'That action is no longer on the log. Nothing has changed.' };
  if (!mayUpdate(committee, action, personId))
    return {
      outcome: 'refused',
      status: 403,
      why: `Sorry, only the officers responsible for action ${action.number} (${[...new Set(action.responsibleOfficers)].join(', ')}), the clerk or the chair can update it. Nothing has changed.`,
    };
  if (!isOpen(action)) return { outcome: 'closed', action };
  let duplicate = false;
  let keyReused = false;
  const saved = await store.actions.update(committee.id, actionId, (current) => {
    const result = applyUpdate(current, {
      at: now.toISOString(),
      by: personId,
      status: update.status,
      comment: update.comment,
      submissionId: update.submissionId,
    });
    duplicate = result.duplicate;
    keyReused = result.keyReused ?? false;
    return result.action;
  });
  if (keyReused) return { outcome: 'refused', status: 409, why: KEY_REUSED };
  return { outcome: duplicate ? 'duplicate' : 'updated', action: saved.value };
}

/** The Update button: validate, then the one update path. */
export async function onActionUpdate(
  context: TurnContext,
  deps: ActionDeps,
  d: ActionUpdatePayload,
): Promise<CardJson | string> {
  const speaker = await speakerOf(deps.store, context);
  const membership = speaker.memberships.find((m) => m.committee.id === d.committeeId);
  if (!membership) return "You're not on that committee, so you can't update its actions.";
  const result = await updateAction(deps.store, membership.committee, membership.person.id, d.actionId, d, deps.now());
  if (result.outcome === 'refused') return result.why;
  if (result.outcome === 'closed')
    return actionCard(
      membership.committee,
      result.action,
      false,
      `Action ${result.action.number} is ${result.action.status}: it can no longer be updated.`,
      'Attention',
    );
  const message =
    result.outcome === 'duplicate'
      ? 'That update was already saved.'
      : `Updated to ${d.status}${d.comment ? ' with your comment' : ''}. Thank you.`;
  return actionCard(membership.committee, result.action, true, message, 'Good');
}

export interface NewAction {
  text: string;
  responsiblePersonIds: string[];
  /** Printed names for people Quorum does not know; defaults to the named people's names. */
  responsibleOfficers?: string[];
  datesRaised?: string[];
  fromMeetingId?: string;
  fromAgendaItem?: number;
  status: 'Red' | 'Amber' | 'Green';
  createdBy: string;
  submissionId?: string;
}

export type CreateResult =
  | { outcome: 'created' | 'duplicate'; action: Action }
  | { outcome: 'refused'; why: string; path: string; status: 400 | 403 | 409 };

/**
 * Adds an action arising to the committee's log with the next number: the one way actions are
 * created, for the clerk's card and the API. Numbers are claimed by document id, so two clerks adding
 * at once get consecutive numbers, never the same one.
 */
export async function createAction(
  store: Store,
  committee: Committee,
  input: NewAction,
  now: Date,
): Promise<CreateResult> {
  if (!committee.clerks.includes(input.createdBy))
    return {
      outcome: 'refused',
      status: 403,
      path: 'createdBy',
      why: 'Only a clerk of the committee can add actions.',
    };
  const unknown = input.responsiblePersonIds.find((id) => !personById(committee, id));
  if (unknown)
    return {
      outcome: 'refused',
      status: 400,
      path: 'responsiblePersonIds',
      why: `"${unknown}" is not on the ${committee.name}.`,
    };
  let raisedOn: string | undefined;
  if (input.fromMeetingId) {
    const meeting = await store.meetings.get(committee.id, input.fromMeetingId);
    if (!meeting)
      return {
        outcome: 'refused',
        status: 400,
        path: 'fromMeetingId',
        why: 'That meeting is not a meeting of this committee.',
      };
    if (input.fromAgendaItem && !meeting.agenda.some((i) => i.number === input.fromAgendaItem))
      return {
        outcome: 'refused',
        status: 400,
        path: 'fromAgendaItem',
        why: `The agenda has no item ${input.fromAgendaItem}.`,
      };
    raisedOn = format(inLondon(meeting.startsAt), 'yyyy-MM-dd');
  }
  for (let attempt = 0; attempt < 50; attempt++) {
    // Jitter, so that several clerks' (or an import's) adds do not keep colliding in lock-step.
    if (attempt) await new Promise((r) => setTimeout(r, Math.random() * 10 * Math.min(attempt, 10)));
    // Re-read each time: a conflict means someone else has just taken the number we read.
    const existing = await store.actions.forCommittee(committee.id);
    const replay =
      input.submissionId && existing.find((a) => a.history.some((h) => h.submissionId === input.submissionId));
    if (replay)
      return replay.text === input.text
        ? { outcome: 'duplicate', action: replay }
        : { outcome: 'refused', status: 409, path: 'submissionId', why: KEY_REUSED };
    const number = Math.max(0, ...existing.map((a) => a.number)) + 1;
    const action: Action = {
      id: `${committee.id}-action-${number}`,
      committeeId: committee.id,
      number,
      datesRaised: input.datesRaised ?? [raisedOn ?? format(inLondon(now), 'yyyy-MM-dd')],
      text: input.text,
      responsibleOfficers:
        input.responsibleOfficers ?? input.responsiblePersonIds.map((id) => personById(committee, id)?.name ?? id),
      responsiblePersonIds: input.responsiblePersonIds,
      comments: '',
      status: input.status,
      ...(input.fromMeetingId ? { fromMeetingId: input.fromMeetingId } : {}),
      ...(input.fromAgendaItem ? { fromAgendaItem: input.fromAgendaItem } : {}),
      history: [
        {
          at: now.toISOString(),
          by: input.createdBy,
          status: input.status,
          ...(input.submissionId ? { submissionId: input.submissionId } : {}),
        },
      ],
    };
    try {
      return { outcome: 'created', action: await store.actions.create(action) };
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
    }
  }
  throw new Error(`could not allocate an action number for ${committee.id}`);
}

/** `new action`: the clerk's card, for the meeting in progress or the one just held. */
export async function sendNewActionCard(context: TurnContext, deps: ActionDeps, speaker: Speaker): Promise<void> {
  const clerked = await clerkshipsOf(
    context,
    speaker,
    'Only the clerk can add actions to the log. Ask them, or tell them in the meeting.',
  );
  const now = deps.now().getTime();
  for (const m of clerked) {
    const meetings = (await deps.store.meetings.forCommittee(m.committee.id))
      .filter((x) => x.status !== 'cancelled')
      .sort(byStart);
    const meeting = meetings.filter((x) => Date.parse(x.startsAt) <= now).pop() ?? meetings[0];
    if (!meeting) {
      await context.sendActivity(
        `The ${m.committee.shortName} has no meetings yet, so there is nothing for an action to arise from.`,
      );
      continue;
    }
    // Whoever may take an action away: officers, members, and substitutes (named for a seat, or who
    // sat in one at this meeting, as Jo Hewitt did for Public Health).
    const satIn = rollMarks((await deps.store.responses.roll(m.committee.id, meeting.id)).value)
      .filter((a) => a.status === 'substitute')
      .map((a) => a.personId);
    const people = [
      ...m.committee.officers.map((o) => o.person),
      ...m.committee.seats.flatMap((s) => (s.holder ? [s.holder] : [])),
      ...satIn,
      ...m.committee.seats.flatMap((s) => s.substitutes.named),
    ].filter((id) => personById(m.committee, id));
    const card = renderCard('actionNew', {
      committee: m.committee.shortName,
      meeting: format(inLondon(meeting.startsAt), 'EEEE d MMMM yyyy'),
      items: meeting.agenda.map((i) => ({ title: `${i.number}. ${i.title}`, value: String(i.number) })),
      people: [...new Set(people)].map((id) => ({ title: personById(m.committee, id)?.name ?? id, value: id })),
      create: { committeeId: m.committee.id, meetingId: meeting.id, submissionId: randomUUID() },
    });
    await context.sendActivity({ attachments: [attachment(card)] });
  }
}

export async function onActionCreate(
  context: TurnContext,
  deps: ActionDeps,
  d: z.infer<typeof ActionCreatePayloadSchema>,
): Promise<CardJson | string> {
  const speaker = await speakerOf(deps.store, context);
  const membership = speaker.memberships.find((m) => m.committee.id === d.committeeId);
  if (!membership) return "You're not on that committee, so you can't add to its action log.";
  const result = await createAction(
    deps.store,
    membership.committee,
    {
      text: d.text,
      responsiblePersonIds: d.responsible,
      fromMeetingId: d.meetingId,
      fromAgendaItem: d.fromMinute,
      status: 'Amber',
      createdBy: membership.person.id,
      submissionId: d.submissionId,
    },
    deps.now(),
  );
  if (result.outcome === 'refused') return `${result.why} Nothing has been added.`;
  return actionCard(
    membership.committee,
    result.action,
    false,
    result.outcome === 'duplicate'
      ? `Action ${result.action.number} was already added.`
      : `Added to the log as action ${result.action.number}.`,
    'Good',
  );
}

/** The columns of an action log, as the papers print it and as Quorum exports it. */
const LOG_COLUMNS = {
  'No.': 'no',
  Date: 'date',
  Action: 'action',
  'Responsible Officer': 'responsibleOfficer',
  Comments: 'comments',
  Status: 'status',
} as const;

export type ImportResult =
  | { outcome: 'imported'; count: number }
  | { outcome: 'refused'; status: 400 | 409; why: string; problems: { path: string; message: string }[] };

/**
 * Brings in an earlier action log (CSV with the papers' columns: No., Date, Action, Responsible
 * Officer, Comments, Status), each action with its comments as the start of its history. All or
 * nothing: any row in the wrong shape, or a number already on the log, and nothing is imported.
 */
export async function importActionLog(store: Store, committee: Committee, csv: string): Promise<ImportResult> {
  let records: Record<string, string>[];
  try {
    records = parse(csv, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Record<string, string>[];
  } catch (err) {
    return { outcome: 'refused', status: 400, why: `That is not a CSV table: ${(err as Error).message}`, problems: [] };
  }
  const missing = Object.keys(LOG_COLUMNS).filter((c) => !(records[0] && c in records[0]));
  if (!records.length || missing.length)
    return {
      outcome: 'refused',
      status: 400,
      why: `The first line must name the columns No., Date, Action, Responsible Officer, Comments, Status${missing.length && records.length ? ` (missing: ${missing.join(', ')})` : ''}. Nothing was imported.`,
      problems: [],
    };
  const problems: { path: string; message: string }[] = [];
  const actions: Action[] = [];
  records.forEach((r, i) => {
    const row = Object.fromEntries(
      Object.entries(LOG_COLUMNS).map(([column, key]) => [key, r[column] ?? '']),
    ) as unknown as ActionLogImportRow;
    const result = importedAction(committee, row);
    if ('problem' in result) problems.push({ path: `row ${i + 2}`, message: result.problem });
    else actions.push(result.action);
  });
  const numbers = actions.map((a) => a.number);
  const twice = numbers.filter((n, i) => numbers.indexOf(n) !== i);
  if (twice.length) problems.push({ path: 'No.', message: `action ${twice.join(', ')} appears more than once` });
  if (problems.length)
    return { outcome: 'refused', status: 400, why: 'Some rows need putting right; nothing was imported.', problems };
  const existing = new Set((await store.actions.forCommittee(committee.id)).map((a) => a.number));
  const clash = numbers.filter((n) => existing.has(n));
  if (clash.length)
    return {
      outcome: 'refused',
      status: 409,
      why: `Action ${clash.join(', ')} ${clash.length === 1 ? 'is' : 'are'} already on the log; nothing was imported.`,
      problems: [],
    };
  for (const a of actions) await store.actions.create(a);
  return { outcome: 'imported', count: actions.length };
}

const verb = verbsAnswering(MALFORMED);

export const ACTION_VERBS: VerbTable<ActionDeps> = {
  'action.update': verb({
    payload: ActionUpdatePayloadSchema,
    typed: ['status', 'comment'],
    nothingDone: 'Nothing has changed.',
    handle: onActionUpdate,
  }),
  'action.create': verb({
    payload: ActionCreatePayloadSchema,
    typed: ['fromMinute', 'text', 'responsible'],
    nothingDone: 'Nothing has been added.',
    malformed: "Sorry, I couldn't read that card, so nothing has been added. Type **new action** for a fresh one.",
    handle: onActionCreate,
  }),
  // The chaser card's button: the cards follow as messages; the chaser card says so.
  'action.mine': verb({
    payload: EmptyPayloadSchema,
    handle: async (context, deps) => {
      const speaker = await speakerOf(deps.store, context);
      if (!speaker.memberships.length) return NOT_ON_A_COMMITTEE;
      await sendMyActions(context, deps, speaker);
      return "I've sent you a card for each of your open actions below.";
    },
  }),
};

/** my actions, the action log, new action. */
export function register(routes: BotRoutes, deps: ActionDeps): void {
  routes.command(/^\s*(my actions|my action log)\s*[.!?]?\s*$/i, (c, s) => sendMyActions(c, deps, s));
  routes.command(/^\s*(action log|actions|the action log)\s*[.!?]?\s*$/i, (c, s) => sendActionLog(c, deps, s));
  routes.command(/^\s*(new action|add (an )?action)\s*[.!?]?\s*$/i, (c, s) => sendNewActionCard(c, deps, s));
  routes.verbs(ACTION_VERBS, deps);
}
