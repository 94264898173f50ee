import { format } from 'date-fns';
import { ActionSchema, commentsOf, type Action, type ActionStatus, type ActionUpdate } from './action';
import type { Committee } from './committee';
import { londonInstant } from './londonTime';

export const OPEN_STATUSES: readonly ActionStatus[] = ['Red', 'Amber', 'Green'];
/** What an officer may set; Removed is the clerk's, with the meeting that agreed it. */
export const OFFICER_STATUSES: readonly ActionStatus[] = ['Red', 'Amber', 'Green', 'Complete'];

export const isOpen = (a: Pick<Action, 'status'>) => OPEN_STATUSES.includes(a.status);

/**
 * The action's status and comments follow from its history: the last status set, and every comment
 * in turn, so a later comment never erases an earlier one.
 */
export function foldHistory(history: readonly ActionUpdate[]): Pick<Action, 'status' | 'comments'> | undefined {
  const last = history[history.length - 1];
  if (!last) return undefined;
  return { status: last.status, comments: commentsOf(history) };
}

/**
 * Adds an update unless the same submission is already in the history: then it is a Teams retry if
 * it says the same, and another update's key (refused, never taken for a retry) if it does not.
 */
export function applyUpdate(
  action: Action,
  update: ActionUpdate,
): { action: Action; duplicate: boolean; keyReused?: boolean } {
  const seen = update.submissionId && action.history.find((h) => h.submissionId === update.submissionId);
  if (seen) {
    const same =
      seen.by === update.by && seen.status === update.status && (seen.comment ?? '') === (update.comment ?? '');
    return { action, duplicate: same, keyReused: !same };
  }
  const history = [...action.history, update].sort((a, b) => a.at.localeCompare(b.at));
  return { action: { ...action, history, ...foldHistory(history) }, duplicate: false };
}

/** The action as the log stood at a moment (the agenda's publication, the meeting); undefined if not yet raised. */
export function actionAsOf(action: Action, instant: string): Action | undefined {
  if (!action.history.length) return action;
  const history = action.history.filter((h) => h.at <= instant);
  if (!history.length) return undefined;
  return { ...action, history, ...foldHistory(history) };
}

export function mayUpdate(
  committee: Committee,
  action: Pick<Action, 'responsiblePersonIds'>,
  personId: string,
): boolean {
  return (
    action.responsiblePersonIds.includes(personId) ||
    committee.clerks.includes(personId) ||
    committee.chair === personId
  );
}

/** Has anyone but the importer touched it since this moment? */
export function updatedSince(action: Action, instant: string): boolean {
  return action.history.some((h) => h.at > instant && h.by !== IMPORTED);
}

/** `by` for history entries that came with an imported log rather than from a person. */
export const IMPORTED = 'imported';

export interface ActionLogRow {
  no: string;
  date: string;
  action: string;
  responsibleOfficer: string;
  comments: string;
  status: string;
}

/** "18.3.21": the log's own way with dates; several dates side by side. */
export const logDate = (isoDate: string) => format(new Date(`${isoDate}T12:00:00Z`), 'd.M.yy');

/** The log as the papers print it (No. | Date | Action | Responsible Officer | Comments | Status), removed actions left out. */
export function actionLogRows(actions: readonly Action[], asOf?: string): ActionLogRow[] {
  return actions
    .map((a) => (asOf ? actionAsOf(a, asOf) : a))
    .filter((a): a is Action => !!a && a.status !== 'Removed')
    .sort((a, b) => a.number - b.number)
    .map((a) => ({
      no: String(a.number),
      date: a.datesRaised.map(logDate).join(' '),
      action: a.text,
      responsibleOfficer: [...new Set(a.responsibleOfficers)].join('/'),
      comments: a.comments,
      status: a.status,
    }));
}

/**
 * A spreadsheet reads a cell starting with = + - @ (or a tab or carriage return) as a formula: such a
 * cell gets a leading apostrophe, which spreadsheets show as text and do not print.
 */
const inert = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

export function actionLogCsv(rows: readonly ActionLogRow[]): string {
  const cell = (raw: string) => {
    const v = inert(raw);
    return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  };
  const header = ['No.', 'Date', 'Action', 'Responsible Officer', 'Comments', 'Status'];
  return [header, ...rows.map((r) => [r.no, r.date, r.action, r.responsibleOfficer, r.comments, r.status])]
    .map((line) => line.map(cell).join(','))
    .join('\r\n')
    .concat('\r\n');
}

/**
 * An action brought in from an existing log (the demo's 2023 pack, a council's spreadsheet) starts its
 * history with what the log said, dated the day it was last raised, so "as of" views work for it too.
 */
export function withImportedHistory(action: Action): Action {
  if (action.history.length) return action;
  const at = londonInstant(action.datesRaised[action.datesRaised.length - 1] as string, '12:00');
  return {
    ...action,
    history: [{ at, by: IMPORTED, status: action.status, ...(action.comments ? { comment: action.comments } : {}) }],
  };
}

/** One row of an action log as the papers print it (and as Quorum exports it). */
export interface ActionLogImportRow {
  no: string;
  date: string;
  action: string;
  responsibleOfficer: string;
  comments: string;
  status: string;
}

/** "18.3.21" (or "18/3/2021") → "2021-03-18"; undefined if it is not a real date. */
function isoFromLogDate(text: string): string | undefined {
  const m = /^(\d{1,2})[./](\d{1,2})[./](\d{2}|\d{4})$/.exec(text);
  if (!m) return undefined;
  const year = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
  const iso = `${year}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  const d = new Date(`${iso}T12:00:00Z`);
  return d.getUTCDate() === Number(m[1]) && d.getUTCMonth() + 1 === Number(m[2]) ? iso : undefined;
}

/**
 * An earlier action log's row as an action of this committee, its comments kept as the first entry of
 * its history; or what is wrong with the row, in words a clerk can act on.
 */
export function importedAction(
  committee: Pick<Committee, 'id' | 'people'>,
  row: ActionLogImportRow,
): { action: Action } | { problem: string } {
  const number = Number(row.no.trim());
  if (!Number.isInteger(number) || number < 1) return { problem: `"${row.no}" is not an action number` };
  const dates = row.date.trim().split(/\s+/).filter(Boolean);
  const iso = dates.map(isoFromLogDate);
  if (!dates.length || iso.some((d) => !d))
    return { problem: `"${row.date}" is not a date like 18.3.21 (several may stand side by side)` };
  const status = ['Red', 'Amber', 'Green', 'Complete'].find((s) => s.toLowerCase() === row.status.trim().toLowerCase());
  if (!status) return { problem: `the status "${row.status}" is not Red, Amber, Green or Complete` };
  const officers = row.responsibleOfficer
    .split('/')
    .map((o) => o.trim())
    .filter(Boolean);
  if (!officers.length) return { problem: 'no responsible officer is named' };
  const byName = new Map(committee.people.map((p) => [p.name.toLowerCase(), p.id]));
  const parsed = ActionSchema.safeParse({
    id: `${committee.id}-action-${number}`,
    committeeId: committee.id,
    number,
    datesRaised: iso,
    text: row.action,
    responsibleOfficers: officers,
    responsiblePersonIds: officers.flatMap((o) => byName.get(o.toLowerCase()) ?? []),
    comments: row.comments.trim(),
    status,
    history: [],
  });
  if (!parsed.success)
    return { problem: parsed.error.issues.map((i) => `${i.path.join('.') || 'row'} ${i.message}`).join('; ') };
  return { action: withImportedHistory(parsed.data) };
}
