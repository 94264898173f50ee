import * as AC from 'adaptivecards/dist/adaptivecards.js';
import { Template } from 'adaptivecards-templating';
import { CardFactory, type Attachment } from 'botbuilder';
import type { ApologyConfirm, ApologyDraft, ApologyPick, ApologyWithdraw } from '../bot/teams/cardPayloads';
import action from './action.json';
import agenda from './agenda.json';
import agendaAdmin from './agendaAdmin.json';
import calendar from './calendar.json';
import circulation from './circulation.json';
import actionList from './actionList.json';
import actionNew from './actionNew.json';
import apologyChoose from './apologyChoose.json';
import apologyConfirm from './apologyConfirm.json';
import apologyList from './apologyList.json';
import declarationList from './declarationList.json';
import declare from './declare.json';
import register from './register.json';
import help from './help.json';
import meetings from './meetings.json';
import minuteEdit from './minuteEdit.json';
import minutes from './minutes.json';
import reconcile from './reconcile.json';
import recordDraft from './recordDraft.json';
import rollCall from './rollCall.json';
import notice from './notice.json';
import welcome from './welcome.json';

/** Teams supports Adaptive Cards 1.5 on desktop, web and mobile. */
export const TEAMS_CARD_VERSION = '1.5';
/** Teams refuses a message over ~28 KB; leave room for the activity envelope. */
export const MAX_CARD_BYTES = 26_000;

type AgendaEdit = { meetingId: string; itemId: string; title: string; to?: number; renumber?: true };

/** The data each template binds, so a caller cannot forget a field the template prints. */
export interface CardData {
  welcome: { known: boolean; name: string; committees: string };
  help: {
    name: string;
    memberships: { committee: string; roles: string }[];
    topics: { command: string; says: string }[];
  };
  meetings: {
    title: string;
    emptyText: string;
    meetings: { id: string; committee: string; when: string; venue: string; agenda: string }[];
  };
  /** A result or an explanation: what happened, in a few lines. */
  notice: { title: string; color: 'Default' | 'Good' | 'Warning' | 'Attention'; lines: string[] };
  apologyConfirm: {
    title: string;
    question: string;
    substituteLine: string;
    warning: string;
    note: string;
    confirmLabel: string;
    confirm: ApologyConfirm;
    others: ApologyDraft;
    cancel: Record<string, never>;
  };
  apologyChoose: {
    title: string;
    text: string;
    choices: { label: string; data: ApologyPick }[];
    cancel: Record<string, never>;
  };
  action: {
    committee: string;
    number: number;
    text: string;
    raised: string;
    responsible: string;
    comments: string;
    status: string;
    statusColor: 'Attention' | 'Warning' | 'Good' | 'Accent' | 'Default';
    statusValue: string;
    lastUpdate: string;
    message: string;
    messageColor: 'Good' | 'Attention' | 'Default';
    editable: boolean;
    update: { committeeId: string; actionId: string; submissionId: string };
  };
  actionList: {
    title: string;
    lines: string[];
    actions: { number: number; text: string; detail: string }[];
    showOpen: boolean;
    open: Record<string, never>;
  };
  actionNew: {
    committee: string;
    meeting: string;
    items: { title: string; value: string }[];
    people: { title: string; value: string }[];
    create: { committeeId: string; meetingId: string; submissionId: string };
  };
  minutes: {
    title: string;
    summary: string;
    items: { label: string; button: string; edit: { meetingId: string; itemNumber: number } }[];
    draft: { meetingId: string };
  };
  minuteEdit: {
    title: string;
    message: string;
    messageColor: 'Good' | 'Attention' | 'Default';
    considered: string;
    points: string;
    heading: string;
    resolutions: string;
    /** Input.Toggle's value. */
    chairTakesOver: 'true' | 'false';
    /** An exempt item's card also asks for the public summary. */
    exempt: boolean;
    /** The previous minutes' item also asks what the meeting did with them. */
    previous: {
      shown: boolean;
      label: string;
      outcome: 'unrecorded' | 'confirmed' | 'noted' | 'deferred';
      amendment: string;
      /** No earlier meeting in Quorum: the date they were held is asked for. */
      needsDate: boolean;
      heldOn: string;
    };
    publicSummary: string;
    save: { meetingId: string; itemNumber: number };
  };
  recordDraft: { title: string; lines: string[]; links: { docx: string; html: string; public: string } };
  declare: {
    title: string;
    message: string;
    messageColor: 'Good' | 'Attention' | 'Default';
    agenda: { title: string; value: string }[];
    items: string;
    categories: { title: string; value: string }[];
    category: string;
    natureLabel: string;
    nature: string;
    participation: string;
    sensitive: string;
    dpiNote: string;
    register: { title: string; data: { committeeId: string; meetingId: string; registerEntryId: string } }[];
    submitLabel: string;
    submit: { committeeId: string; meetingId: string; submissionId: string; amends?: string };
  };
  declarationList: {
    title: string;
    lines: string[];
    declarations: {
      sentence: string;
      mine: boolean;
      amend: { committeeId: string; meetingId: string; amends: string };
      withdraw: { committeeId: string; meetingId: string; declarationId: string; submissionId: string };
    }[];
    canInvite: boolean;
    invite: { committeeId: string; meetingId: string };
    canDeclare: boolean;
    declare: { committeeId: string; meetingId: string };
  };
  register: {
    title: string;
    message: string;
    entries: { text: string; remove: { committeeId: string; entryId: string } }[];
    categories: { title: string; value: string }[];
    defaultCategory: string;
    add: { committeeId: string };
  };
  rollCall: {
    refresh: {
      action: { type: 'Action.Execute'; verb: 'rollcall.refresh'; data: { committeeId: string; meetingId: string } };
      userIds: string[];
    };
    title: string;
    quorum: string;
    quorumColor: 'Good' | 'Attention';
    message: string;
    chairView: boolean;
    /** Present, substitutes, apologies, not yet marked, left: the whole roll in a few lines. */
    counts: { title: string; value: string }[];
    /** The chair's view: who is not yet marked, a few at a time, each a tap away from present. */
    unmarkedHeading: string;
    unmarked: {
      name: string;
      line: string;
      tap: { committeeId: string; meetingId: string; personId: string; status: 'present' };
    }[];
    more: string;
    /** The full marking form, only while its lists fit a card (the side panel does the rest). */
    markForm: boolean;
    people: { title: string; value: string }[];
    seats: { title: string; value: string }[];
    mark: { committeeId: string; meetingId: string };
    guest: { committeeId: string; meetingId: string };
    here: { committeeId: string; meetingId: string };
    openUrl: string;
  };
  reconcile: {
    title: string;
    summary: string;
    rows: {
      text: string;
      acceptLabel: string;
      accept: { meetingId: string; personId: string; status: 'present' | 'absent' } | null;
      keep: { meetingId: string };
    }[];
  };
  agenda: {
    committee: string;
    when: string;
    venue: string;
    heading: string;
    note: string;
    items: { line: string; detail: string }[];
    ids: { committeeId: string; meetingId: string };
    papersUrl: string;
  };
  agendaAdmin: {
    title: string;
    notice: string;
    noticeColor: 'Good' | 'Warning' | 'Attention' | 'Default';
    message: string;
    messageColor: 'Good' | 'Attention' | 'Default';
    /** After a refused change to a published agenda: the button that confirms it (renumber, revised agenda). */
    confirm: { shown: boolean; title: string; verb: 'agenda.move' | 'agenda.remove'; data: AgendaEdit | null };
    items: { line: string; movable: boolean; up: AgendaEdit; down: AgendaEdit; remove: AgendaEdit }[];
    add: { meetingId: string };
    form: {
      heading: string;
      title: string;
      presenter: string;
      link: string;
      kind: 'written' | 'presentation' | 'oral';
      exempt: string;
      button: string;
      verb: 'agenda.add' | 'agenda.save';
      data: { meetingId: string; itemId?: string; item?: number };
    };
    reasonLabel: string;
    publishLabel: string;
    publishVerb: 'agenda.publish' | 'agenda.supplement';
    publish: { meetingId: string };
  };
  calendar: {
    title: string;
    summary: string;
    rows: { line: string; detail: string; color: 'Good' | 'Attention' | 'Warning' | 'Default' }[];
    problems: { message: string; color: 'Attention' | 'Warning' }[];
    canBook: boolean;
    bookLabel: string;
    book: { committeeId: string; dates: { date: string; time: string }[]; confirmWarnings: boolean };
  };
  circulation: {
    title: string;
    summary: string;
    rows: { name: string; status: string; color: 'Good' | 'Attention' | 'Warning' | 'Default'; reason: string }[];
  };
  apologyList: {
    title: string;
    emptyText: string;
    items: { heading: string; facts: { title: string; value: string }[]; withdraw: ApologyWithdraw | null }[];
  };
}
export type CardName = keyof CardData;

const TEMPLATES: Record<CardName, object> = {
  action,
  agenda,
  agendaAdmin,
  calendar,
  circulation,
  actionList,
  actionNew,
  declare,
  declarationList,
  register,
  rollCall,
  reconcile,
  minutes,
  minuteEdit,
  recordDraft,
  welcome,
  help,
  meetings,
  notice,
  apologyConfirm,
  apologyChoose,
  apologyList,
};

export type CardJson = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };

export class CardValidationError extends Error {}

/** Problems the official renderer's parser reports, plus what templating silently leaves behind. */
export function cardProblems(card: object): string[] {
  const problems: string[] = [];
  const json = JSON.stringify(card);
  const unbound = json.match(/\$\{[^}]*\}/g);
  if (unbound) problems.push(`unbound template expressions: ${[...new Set(unbound)].join(', ')}`);
  if (Buffer.byteLength(json) > MAX_CARD_BYTES)
    problems.push(`card is ${Buffer.byteLength(json)} bytes; Teams allows about 28 KB`);
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  parsed.parse(card, context);
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  for (const event of parsed.validateProperties().validationEvents) problems.push(event.message);
  if ((card as { version?: unknown }).version !== TEAMS_CARD_VERSION)
    problems.push(`card version must be ${TEAMS_CARD_VERSION}`);
  return problems;
}

/** Binds a template and refuses to return a card Teams would not show as we meant it. */
/**
 * Each template prepared once per process (parsing its expressions is most of the cost of a card), then
 * expanded for each send: a prepared template holds no data between expansions, so this decides nothing.
 */
const prepared = new Map<CardName, Template>();
const templateOf = (name: CardName) => {
  let t = prepared.get(name);
  if (!t) prepared.set(name, (t = new Template(TEMPLATES[name])));
  return t;
};

export function renderCard<K extends CardName>(name: K, data: CardData[K]): CardJson {
  const card = templateOf(name).expand({ $root: data }) as CardJson;
  const problems = cardProblems(card);
  if (problems.length) throw new CardValidationError(`card "${name}" is not valid: ${problems.join('; ')}`);
  return card;
}

/** A bound card as a message attachment. */
export function attachment(card: CardJson): Attachment {
  return CardFactory.adaptiveCard(card);
}

export function cardAttachment<K extends CardName>(name: K, data: CardData[K]): Attachment {
  return attachment(renderCard(name, data));
}

/** A short message card: a title and a few lines, coloured by what it says. */
export const noticeCard = (title: string, lines: string[], color: CardData['notice']['color'] = 'Default'): CardJson =>
  renderCard('notice', { title, color, lines });
