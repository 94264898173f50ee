import type { Action } from './action';
import { MAX_AGENDA_ITEMS, withItemIds, type AgendaItem, type Meeting } from './meeting';

/** "Paragraph 7 of Part 1 of Schedule 12A of the Local Government Act 1972": why an item is exempt. */
export const exemptUnder = (paragraph: number) =>
  `Paragraph ${paragraph} of Part 1 of Schedule 12A of the Local Government Act 1972`;

/** The notice the papers print under an exempt item's title, in the agenda and the public pack. */
export const exemptionNotice = (paragraph: number) =>
  `It is likely this agenda item will be exempt from the public under ${exemptUnder(paragraph)}.`;

/**
 * What someone not entitled to an exempt item sees in its place, so the agenda's numbering has no
 * silent gap: the number and the law, never the title.
 */
export const exemptPlaceholder = (paragraph: number) =>
  `Exempt item: not for publication by virtue of ${exemptUnder(paragraph)}. The press and public are likely to be excluded while it is considered.`;

/** An item before it has its place (and, if new, its id). */
export type NewItem = Omit<AgendaItem, 'number' | 'id'> & { id?: string };
export type StandingKind = NonNullable<AgendaItem['standing']>;

/** The standing items as the papers order them: these open the agenda… */
export const OPENING_ITEMS: NewItem[] = [
  { title: 'Introductions', standing: 'introductions', kind: 'oral' },
  { title: 'Minutes of previous meeting.', standing: 'minutes', kind: 'written' },
  { title: 'Matters arising', standing: 'matters-arising', kind: 'oral' },
  { title: 'Action Log.', standing: 'action-log', kind: 'written' },
  { title: 'Declarations of interest', standing: 'declarations', kind: 'oral' },
];
/** …and these close it. */
export const CLOSING_ITEMS: NewItem[] = [
  { title: 'Other business', standing: 'other-business', kind: 'oral' },
  { title: 'Date of the next meeting', standing: 'next-meeting', kind: 'oral' },
];
const CLOSING: readonly StandingKind[] = ['other-business', 'next-meeting'];

const isClosing = (i: Pick<AgendaItem, 'standing'>) => !!i.standing && CLOSING.includes(i.standing);
const isOpening = (i: Pick<AgendaItem, 'standing'>) => !!i.standing && !CLOSING.includes(i.standing);

export function renumber(items: readonly NewItem[]): AgendaItem[] {
  return withItemIds(items).map((item, i) => ({ ...item, number: i + 1 }));
}

/** Where substantive items may go: after the opening standing items and before the closing ones. */
function middle(agenda: readonly AgendaItem[]): { first: number; last: number } {
  const opening = agenda.filter(isOpening).length;
  const closing = agenda.filter(isClosing).length;
  return { first: opening, last: agenda.length - closing };
}

export type AgendaEdit = { ok: true; agenda: AgendaItem[] } | { ok: false; why: string };

/**
 * Published items whose numbers an edit would change: members hold the agenda as published, so a
 * change here needs the clerk's say-so and a revised agenda to everyone.
 */
export function renumberedPublished(
  before: readonly AgendaItem[],
  after: readonly AgendaItem[],
  publishedIds: readonly string[],
): AgendaItem[] {
  const now = new Map(after.map((i) => [i.id, i.number]));
  return before.filter((i) => publishedIds.includes(i.id) && now.get(i.id) !== i.number);
}

/** Every item members have been sent: the agenda as published and each supplement since. */
export const publishedIds = (m: Pick<Meeting, 'publication' | 'supplements'>): string[] => [
  ...(m.publication?.items ?? []),
  ...m.supplements.flatMap((s) => s.items),
];

/** The clerk's warning before renumbering a published agenda, naming what would change. */
export function renumberWarning(changed: readonly AgendaItem[]): string {
  const named = changed.map((i) => `${i.number} (${i.title.replace(/\.$/, '')})`);
  const list = named.length > 1 ? `${named.slice(0, -1).join(', ')} and ${named.at(-1)}` : named[0];
  return `The agenda has been published: this would renumber item${changed.length === 1 ? '' : 's'} ${list}, which members already have. Add a late item at the end instead (it goes out as a supplementary agenda), or confirm the renumbering and a revised agenda will be sent to everyone.`;
}

/**
 * Adds a substantive item at a position among the substantive items (the end of them by default).
 * Once the agenda is published, by default it goes after everything, so no published number changes.
 */
export function addItem(
  agenda: readonly AgendaItem[],
  item: NewItem,
  position?: number,
  published = false,
): AgendaEdit {
  if (item.standing)
    return {
      ok: false,
      why: 'Standing items come from the committee’s template; add a report or presentation instead.',
    };
  if (agenda.length >= MAX_AGENDA_ITEMS)
    return {
      ok: false,
      why: `An agenda can have at most ${MAX_AGENDA_ITEMS} items; this one is full. Nothing was added.`,
    };
  const { first, last } = middle(agenda);
  const at =
    position === undefined ? (published ? agenda.length : last) : Math.min(Math.max(position - 1, first), last);
  const items: NewItem[] = agenda.map(({ number: _n, ...rest }) => rest);
  items.splice(at, 0, item);
  return { ok: true, agenda: renumber(items) };
}

/** Moves a substantive item; standing items keep their places. */
export function moveItem(agenda: readonly AgendaItem[], from: number, to: number): AgendaEdit {
  const item = agenda[from - 1];
  if (!item) return { ok: false, why: `The agenda has no item ${from}.` };
  if (item.standing) return { ok: false, why: `Item ${from} (${item.title}) is a standing item and keeps its place.` };
  const { first, last } = middle(agenda);
  const target = Math.min(Math.max(to - 1, first), last - 1);
  const items: NewItem[] = agenda.map(({ number: _n, ...rest }) => rest);
  const [moved] = items.splice(from - 1, 1);
  items.splice(target, 0, moved as NewItem);
  return { ok: true, agenda: renumber(items) };
}

export function removeItem(agenda: readonly AgendaItem[], number: number): AgendaEdit {
  if (!agenda[number - 1]) return { ok: false, why: `The agenda has no item ${number}.` };
  return {
    ok: true,
    agenda: renumber(agenda.filter((i) => i.number !== number).map(({ number: _n, ...rest }) => rest)),
  };
}

export function updateItem(agenda: readonly AgendaItem[], number: number, patch: Partial<NewItem>): AgendaEdit {
  const item = agenda[number - 1];
  if (!item) return { ok: false, why: `The agenda has no item ${number}.` };
  if (patch.standing !== undefined && patch.standing !== item.standing)
    return { ok: false, why: 'Whether an item is a standing item cannot be changed.' };
  // Links typed in join the report and pages the upload and the pack gave; they never replace them.
  const papers = patch.papers ? { ...item.papers, ...patch.papers } : item.papers;
  return {
    ok: true,
    agenda: agenda.map((i) => (i.number === number ? { ...i, ...patch, ...(papers ? { papers } : {}), number } : i)),
  };
}

export interface ForwardPlanItem {
  title: string;
  presenter?: string;
  kind?: AgendaItem['kind'];
  /** For a particular meeting; otherwise the next one. */
  meetingId?: string;
}

/**
 * A new meeting's agenda: the standing items, then what the forward plan has for this meeting and
 * the reports actions have asked for, then the closing standing items.
 */
export function draftAgenda(
  meetingId: string,
  forwardPlan: readonly ForwardPlanItem[],
  actions: readonly Action[],
  shortName: string,
): AgendaItem[] {
  const planned: NewItem[] = forwardPlan
    .filter((f) => !f.meetingId || f.meetingId === meetingId)
    .map((f) => ({ title: f.title, kind: f.kind ?? 'written', ...(f.presenter ? { presenter: f.presenter } : {}) }));
  const reports: NewItem[] = actions
    .filter((a) => a.reportTo === meetingId && (a.status === 'Red' || a.status === 'Amber' || a.status === 'Green'))
    .map((a) => ({
      title: `${a.text.replace(/\.$/, '')} (Action ${a.number}).`,
      kind: 'written' as const,
      note: `Report requested under action ${a.number} of the action log.`,
    }));
  const opening = OPENING_ITEMS.map((i) =>
    i.standing === 'action-log' ? { ...i, title: `${shortName} Action Log.` } : i,
  );
  return renumber([...opening, ...planned, ...reports, ...CLOSING_ITEMS]);
}
