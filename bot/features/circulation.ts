import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { ConversationReference } from 'botbuilder';
import Bottleneck from 'bottleneck';
import { randomUUID } from 'node:crypto';
import { attachment, renderCard, type CardJson } from '../../cards/render';
import { exemptPlaceholder, exemptUnder, publishedIds } from '../domain/agenda';
import { nextPackNumber, pageCitation } from '../domain/agendaPack';
import type { Committee } from '../domain/committee';
import { formatMeetingDateTime } from '../domain/londonTime';
import type { AgendaItem, Meeting } from '../domain/meeting';
import { checkNotice, type NoticeCheck } from '../domain/noticePeriod';
import { liveApologies } from '../domain/responses';
import { personById, seatHoldersAndOfficers } from '../domain/roles';
import type { GraphApi } from '../graph/graphClient';
import { log } from '../log';
import type { Versioned } from '../store/documentStore';
import type { Delivery } from '../store/outbox';
import type { DirectoryEntry } from '../store/people';
import type { Store } from '../store/store';
import { ConnectorRefusal } from '../teams/failFastConnector';
import { buildPack, packStatus, type PackDeps } from './agendaPack';
import { isRefusal, type Refusal } from './record';

export interface CirculationDeps {
  store: Store;
  adapter: TeamsAdapter;
  botAppId: string;
  tenantId: string;
  now: () => Date;
  publicUrl: string;
  graph?: GraphApi;
  sending: { ratePerSecond: number; maxAttempts: number; teamsAppId?: string; serviceUrl: string };
  /** The one pace for every proactive message the bot sends (see `createSendPace`). */
  pace: Bottleneck;
}

// ---------------------------------------------------------------------------------------------
// Who gets the agenda, and what they see

/**
 * Every member and observer, every officer, and every substitute named for this meeting. The channel
 * card goes to whoever is in the committee's channel, who may not all be entitled to exempt items.
 */
export async function recipientsOf(store: Store, committee: Committee, meeting: Meeting): Promise<string[]> {
  const apologies = liveApologies(await store.responses.forMeeting(committee.id, meeting.id));
  const ids = [
    ...seatHoldersAndOfficers(committee),
    ...apologies.flatMap((a) => (a.substituteId ? [a.substituteId] : [])),
  ];
  return [...new Set(ids)];
}

/**
 * "6. Safer Communities Performance. (Pages 21 - 26)" and who presents it; exempt items as their title
 * and "exempt" only, and to those not entitled as their number and the law alone.
 */
function itemLines(items: readonly AgendaItem[], mayKnowExempt: boolean) {
  return items.map((i) => {
    if (i.exempt && !mayKnowExempt) return { line: `**${i.number}.**`, detail: exemptPlaceholder(i.exempt.paragraph) };
    if (i.exempt)
      return {
        line: `**${i.number}. ${i.title}** (exempt)${i.papers?.pages ? ` ${pageCitation(i.papers)}` : ''}`,
        detail: `Exempt under ${exemptUnder(i.exempt.paragraph)}.`,
      };
    const pages = pageCitation(i.papers);
    return { line: `**${i.number}. ${i.title}**${pages ? ` ${pages}` : ''}`, detail: i.presenter ?? i.note ?? '' };
  });
}

/** A link to the papers; a person's own token lets the page show them exempt titles and note they opened it. */
export function papersUrl(publicUrl: string, meetingId: string, token?: string): string {
  return `${publicUrl}/api/meetings/${encodeURIComponent(meetingId)}/papers${token ? `?t=${token}` : ''}`;
}

export function agendaCard(
  publicUrl: string,
  committee: Committee,
  meeting: Meeting,
  opts: { personal: boolean; supplement?: { items: string[]; reason: string; revision: boolean }; token?: string },
): CardJson {
  const items = opts.supplement ? meeting.agenda.filter((i) => opts.supplement?.items.includes(i.id)) : meeting.agenda;
  return renderCard('agenda', {
    committee: committee.name.toUpperCase(),
    when: formatMeetingDateTime(meeting.startsAt),
    venue: meeting.venue.name,
    heading: opts.supplement?.revision ? 'Revised agenda' : opts.supplement ? 'Supplementary agenda' : 'Agenda',
    note: opts.supplement?.revision
      ? opts.supplement.reason
      : opts.supplement
        ? `Added after the agenda was published. The Chairman's reason: ${opts.supplement.reason}`
        : meeting.publication?.urgentReason
          ? `This agenda is published with less than the usual notice. The reason: ${meeting.publication.urgentReason}`
          : '',
    items: itemLines(items, opts.personal),
    ids: { committeeId: committee.id, meetingId: meeting.id },
    papersUrl: papersUrl(publicUrl, meeting.id, opts.token),
  });
}

// ---------------------------------------------------------------------------------------------
// Publishing

export interface Publication {
  circulationId: string;
  notice: NoticeCheck;
  queued: number;
  scheduled?: string;
}

/** Publishing only touches the store; the sender picks the queue up. */
export type PublishDeps = Pick<CirculationDeps, 'store' | 'now'> & Pick<PackDeps, 'graph' | 'filesDir'>;

async function enqueueAll(
  deps: PublishDeps,
  committee: Committee,
  meeting: Meeting,
  circulationId: string,
  kind: Delivery['kind'],
  text?: string,
): Promise<number> {
  const now = deps.now().toISOString();
  const people = await recipientsOf(deps.store, committee, meeting);
  const targets: (string | undefined)[] = [...(committee.channel ? [undefined] : []), ...people];
  let queued = 0;
  for (const personId of targets) {
    const queuedNow = await deps.store.outbox.enqueue({
      id: `${circulationId}-${personId ?? 'channel'}`,
      committeeId: committee.id,
      meetingId: meeting.id,
      circulationId,
      kind,
      ...(personId ? { personId } : {}),
      status: 'pending',
      attempts: 0,
      nextTryAt: now,
      createdAt: now,
      token: randomUUID(),
      ...(text ? { text } : {}),
    });
    if (queuedNow) queued++;
  }
  return queued;
}

/**
 * Publishes the agenda: checks the statutory notice (a late agenda needs the reason, which is
 * recorded), records the publication, and queues one card for the channel and each recipient. With
 * `at` in the future it is scheduled instead, for the timer to send.
 */
export async function publishAgenda(
  deps: PublishDeps,
  committee: Committee,
  meeting: Meeting,
  args: { by: string; urgentReason?: string; at?: string },
): Promise<Publication | Refusal> {
  if (!committee.clerks.includes(args.by))
    return { refused: true, status: 403, why: 'Only a clerk of the committee can publish the agenda.' };
  if (meeting.publication)
    return {
      refused: true,
      status: 409,
      why: 'The agenda has already been published; add late items as a supplementary agenda.',
    };
  if (meeting.status === 'cancelled' || Date.parse(meeting.startsAt) <= deps.now().getTime())
    return { refused: true, status: 422, why: 'That meeting has been cancelled or has already started.' };
  if (!meeting.agenda.length) return { refused: true, status: 422, why: 'The agenda has no items yet.' };
  const when = args.at ? new Date(args.at) : deps.now();
  const publishingNow = !args.at || when.getTime() <= deps.now().getTime();
  // The agenda goes out citing the pack's pages: a pack not built since the last change is built first.
  if (publishingNow && packStatus(committee, meeting).stale) {
    const built = await buildPack(deps, committee, meeting, args.by);
    if (isRefusal(built))
      return { ...built, why: `The agenda pack could not be built, so nothing was published: ${built.why}` };
    meeting = built.meeting;
  }
  const notice = checkNotice(meeting.startsAt, when, committee.notice);
  if (notice.late && !args.urgentReason)
    return {
      refused: true,
      status: 422,
      why: `${notice.explanation} To publish it anyway, give the reason it is late (it is recorded).`,
    };
  if (args.at && when.getTime() > deps.now().getTime()) {
    await deps.store.meetings.update(committee.id, meeting.id, (m) => ({
      ...m,
      scheduledPublication: {
        at: when.toISOString(),
        by: args.by,
        ...(args.urgentReason ? { urgentReason: args.urgentReason } : {}),
      },
    }));
    return { circulationId: '', notice, queued: 0, scheduled: when.toISOString() };
  }
  const circulationId = `agenda-${meeting.id}`;
  await deps.store.meetings.update(committee.id, meeting.id, (m) => {
    const { scheduledPublication: _done, ...rest } = m;
    return {
      ...rest,
      status: m.status === 'scheduled' ? 'agenda-published' : m.status,
      publication: {
        circulationId,
        publishedAt: deps.now().toISOString(),
        by: args.by,
        clearDays: notice.clearDays,
        ...(notice.late && args.urgentReason ? { urgentReason: args.urgentReason } : {}),
        items: m.agenda.map((i) => i.id),
      },
    };
  });
  return { circulationId, notice, queued: await enqueueAll(deps, committee, meeting, circulationId, 'agenda') };
}

/** A late item: only the items added since publication go out again, with the Chairman's reason. */
export async function publishSupplement(
  deps: PublishDeps,
  committee: Committee,
  meeting: Meeting,
  args: { by: string; reason: string },
): Promise<Publication | Refusal> {
  if (!committee.clerks.includes(args.by))
    return { refused: true, status: 403, why: 'Only a clerk of the committee can publish a supplementary agenda.' };
  if (!meeting.publication)
    return {
      refused: true,
      status: 409,
      why: 'The agenda has not been published yet; publish it with everything on it.',
    };
  const already = new Set(publishedIds(meeting));
  // A late report goes out in a supplementary pack of its own, with the same reason.
  const status = packStatus(committee, meeting);
  let latePapers: string[] = [];
  if (status.lateReports) {
    const built = await buildPack(deps, committee, meeting, args.by, {
      supplement: nextPackNumber(true, meeting.packs),
      reason: args.reason,
    });
    if (isRefusal(built))
      return { ...built, why: `The supplementary pack could not be built, so nothing was sent: ${built.why}` };
    meeting = built.meeting;
    latePapers = built.pack.reports.map((r) => r.itemId);
  }
  const added = meeting.agenda.filter((i) => !already.has(i.id) || latePapers.includes(i.id)).map((i) => i.id);
  if (!added.length)
    return {
      refused: true,
      status: 422,
      why: 'Nothing has been added to the agenda, and no report attached or replaced, since it was published.',
    };
  const circulationId = `supplement-${meeting.id}-${meeting.supplements.length + 1}`;
  const updated = await deps.store.meetings.update(committee.id, meeting.id, (m) => ({
    ...m,
    supplements: [
      ...m.supplements,
      { circulationId, at: deps.now().toISOString(), by: args.by, reason: args.reason, items: added, revision: false },
    ],
  }));
  return {
    circulationId,
    notice: checkNotice(meeting.startsAt, deps.now(), committee.notice),
    queued: await enqueueAll(deps, committee, updated, circulationId, 'supplement'),
  };
}

/**
 * The clerk confirmed renumbering a published agenda: the whole agenda goes to everyone again as a
 * revised agenda, so no one holds numbers that no longer match.
 */
export async function circulateRevision(
  deps: PublishDeps,
  committee: Committee,
  meeting: Meeting,
  by: string,
): Promise<Meeting> {
  const circulationId = `revision-${meeting.id}-${meeting.supplements.length + 1}`;
  const updated = await deps.store.meetings.update(committee.id, meeting.id, (m) => ({
    ...m,
    supplements: [
      ...m.supplements,
      {
        circulationId,
        at: deps.now().toISOString(),
        by,
        reason: 'The items have been renumbered since the agenda was published: this revised agenda replaces it.',
        items: m.agenda.map((i) => i.id),
        revision: true,
      },
    ],
  }));
  await enqueueAll(deps, committee, updated, circulationId, 'supplement');
  return updated;
}

/** A notice to everyone the agenda goes to (a meeting moved or cancelled), through the outbox. */
export async function circulateNotice(
  deps: PublishDeps,
  committee: Committee,
  meeting: Meeting,
  circulationId: string,
  text: string,
): Promise<number> {
  return enqueueAll(deps, committee, meeting, circulationId, 'notice', text);
}

/** The timer's job: publish every scheduled circulation whose time has come. */
export async function publishDue(deps: PublishDeps): Promise<number> {
  let published = 0;
  // One query for the few meetings with a circulation set for later, not every committee's meetings each minute.
  for (const meeting of await deps.store.meetings.withScheduledPublication()) {
    const s = meeting.scheduledPublication;
    if (!s || Date.parse(s.at) > deps.now().getTime() || meeting.publication) continue;
    const committee = await deps.store.committees.get(meeting.committeeId);
    if (!committee) continue;
    const result = await publishAgenda(deps, committee, meeting, {
      by: s.by,
      ...(s.urgentReason ? { urgentReason: s.urgentReason } : {}),
    });
    if ('refused' in result) log.warn('scheduled-publication-refused', { meeting: meeting.id, why: result.why });
    else published++;
  }
  return published;
}

// ---------------------------------------------------------------------------------------------
// Sending: the outbox, at Teams' pace

const statusOf = (err: unknown): number | undefined => {
  const s = (err as { statusCode?: unknown }).statusCode;
  return typeof s === 'number' ? s : undefined;
};

/**
 * One limiter for every proactive message (agendas, notices, chasers, a substitute's notice): Teams
 * counts them all against the bot's limits, so they share one pace.
 */
export function createSendPace(ratePerSecond: number): Bottleneck {
  return new Bottleneck({ maxConcurrent: 1, minTime: Math.ceil(1000 / ratePerSecond) });
}

/**
 * Sends queued cards through one rate limiter (bottleneck): never faster than the configured rate,
 * retrying 429 and 5xx with back-off (honouring Retry-After), and giving a delivery up as dead, with
 * its reason, after the configured number of tries. State lives in the outbox, so a restart resumes.
 */
/** What a circulation is about, read once per sweep. */
type Subject = { committee: Committee; meeting: Meeting };

export class OutboxSender {
  private readonly limiter: Bottleneck;
  private readonly inFlight = new Set<string>();
  private running = Promise.resolve();

  constructor(private readonly deps: CirculationDeps) {
    this.limiter = deps.pace;
  }

  /** The agenda as this person was sent it (with their papers link), for when they ask for it again. */
  async cardFor(committee: Committee, meeting: Meeting, personId: string): Promise<CardJson> {
    const mine = (await this.deps.store.outbox.deliveriesFor(committee.id, meeting.id)).find(
      (d) => d.personId === personId && d.kind === 'agenda',
    );
    return agendaCard(this.deps.publicUrl, committee, meeting, {
      personal: true,
      ...(mine ? { token: mine.token } : {}),
    });
  }

  /** Picks up every pending delivery that is due; safe to call as often as you like. */
  kick(): Promise<void> {
    this.running = this.running
      .then(() => this.sweep())
      .catch((e: Error) => log.error('outbox-failed', { error: e.message }));
    return this.running;
  }

  /** Resolves when nothing is pending or in flight (tests and shutdown). */
  async settled(): Promise<void> {
    for (;;) {
      await this.running;
      await this.limiter.schedule(async () => undefined);
      const pending = await this.deps.store.outbox.pending();
      if (!pending.length && !this.inFlight.size) return;
      const wait = Math.max(10, Math.min(...pending.map((p) => Date.parse(p.nextTryAt) - this.deps.now().getTime())));
      await new Promise((r) => setTimeout(r, Math.min(wait, 1000)));
      await this.kick();
    }
  }

  private async sweep(): Promise<void> {
    const due = (await this.deps.store.outbox.pendingVersioned()).filter(
      ({ value: d }) => Date.parse(d.nextTryAt) <= this.deps.now().getTime() && !this.inFlight.has(d.id),
    );
    // One circulation is one agenda: its committee and meeting are read once for the sweep, not once
    // per recipient (500 members would otherwise read the committee 500 times).
    const subjects = new Map<string, Promise<Subject | undefined>>();
    const subjectOf = (d: Delivery) => {
      const key = `${d.committeeId}/${d.meetingId}`;
      let found = subjects.get(key);
      if (!found)
        subjects.set(
          key,
          (found = Promise.all([
            this.deps.store.committees.get(d.committeeId),
            this.deps.store.meetings.get(d.committeeId, d.meetingId),
          ]).then(([committee, meeting]) => (committee && meeting ? { committee, meeting } : undefined))),
        );
      return found;
    };
    // Where each person's 1:1 chat is: one query for the sweep's recipients, not a read each.
    const known = this.deps.store.people.getMany(
      this.deps.tenantId,
      (
        await Promise.all(
          due.map(async ({ value: d }) => (d.personId ? await this.aadOf(subjectOf(d), d.personId) : undefined)),
        )
      ).filter((a): a is string => !!a),
    );
    // Each attempt awaits it (and so handles its failure as a failed send); not a stray rejection meanwhile.
    known.catch(() => undefined);
    await Promise.all(
      due.map((versioned) => {
        const d = versioned.value;
        this.inFlight.add(d.id);
        return this.limiter
          .schedule(() => this.attempt(versioned, subjectOf(d), known))
          .finally(() => this.inFlight.delete(d.id));
      }),
    );
  }

  private async aadOf(subject: Promise<Subject | undefined>, personId: string): Promise<string | undefined> {
    const found = await subject;
    return found ? personById(found.committee, personId)?.aadObjectId : undefined;
  }

  private async attempt(
    versioned: Versioned<Delivery>,
    subject: Promise<Subject | undefined>,
    directory: Promise<Map<string, DirectoryEntry>>,
  ): Promise<void> {
    const d = versioned.value;
    const found = await subject;
    if (!found) return this.finish(versioned, { dead: 'The meeting or committee no longer exists.' });
    const { committee, meeting } = found;
    try {
      const reference = await this.referenceFor(committee, d.personId, await directory);
      if (typeof reference === 'string') return this.finish(versioned, { dead: reference });
      const supplement = meeting.supplements.find((s) => s.circulationId === d.circulationId);
      const message =
        d.kind === 'notice'
          ? { text: d.text ?? '' }
          : {
              attachments: [
                attachment(
                  agendaCard(this.deps.publicUrl, committee, meeting, {
                    personal: !!d.personId,
                    token: d.token,
                    ...(supplement
                      ? {
                          supplement: {
                            items: supplement.items,
                            reason: supplement.reason,
                            revision: supplement.revision,
                          },
                        }
                      : {}),
                  }),
                ),
              ],
            };
      let activityId: string | undefined;
      await this.deps.adapter.continueConversationAsync(this.deps.botAppId, reference, async (ctx) => {
        activityId = (await ctx.sendActivity(message))?.id;
      });
      await this.finish(versioned, { sent: activityId });
    } catch (err) {
      const status = statusOf(err);
      const attempts = d.attempts + 1;
      const retryable = status === 429 || (status !== undefined && status >= 500) || status === undefined;
      const reason = `${status ? `HTTP ${status}: ` : ''}${(err as Error).message}`.slice(0, 400);
      if (!retryable || attempts >= this.deps.sending.maxAttempts)
        return this.finish(
          { ...versioned, value: { ...d, attempts } },
          { dead: `Gave up after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${reason}` },
        );
      const retryAfter = err instanceof ConnectorRefusal ? err.retryAfterSeconds : undefined;
      const delayMs = (retryAfter ?? Math.min(60, 2 ** attempts * 0.25)) * 1000;
      await this.deps.store.outbox.updateDelivery(
        d.committeeId,
        d.id,
        (x) => ({
          ...x,
          attempts,
          lastError: reason,
          nextTryAt: new Date(this.deps.now().getTime() + delayMs).toISOString(),
        }),
        versioned,
      );
      setTimeout(() => void this.kick(), delayMs);
    }
  }

  /** Records how a delivery ended, with one conditional write (read again only if it changed meanwhile). */
  private async finish(versioned: Versioned<Delivery>, outcome: { sent?: string; dead?: string }): Promise<void> {
    const d = versioned.value;
    await this.deps.store.outbox.updateDelivery(
      d.committeeId,
      d.id,
      (x) =>
        outcome.dead !== undefined
          ? { ...x, attempts: d.attempts, status: 'dead', lastError: outcome.dead }
          : {
              ...x,
              attempts: d.attempts + 1,
              status: 'sent',
              sentAt: this.deps.now().toISOString(),
              ...(outcome.sent ? { activityId: outcome.sent } : {}),
            },
      versioned,
    );
  }

  /** Where to send: the channel, a person's known 1:1 chat, or one Graph installs for them; else why not. */
  private async referenceFor(
    committee: Committee,
    personId: string | undefined,
    directory: Map<string, DirectoryEntry>,
  ): Promise<Partial<ConversationReference> | string> {
    if (!personId)
      return (
        (committee.channel?.conversationReference as Partial<ConversationReference>) ??
        'The committee has no channel set.'
      );
    const person = personById(committee, personId);
    if (!person) return 'They are no longer on the committee.';
    if (!person.aadObjectId) return 'Quorum does not know their Teams account (no Entra object id in the committee).';
    // Someone who first talked to Quorum since the sweep began is not in its snapshot: ask for them.
    const entry =
      directory.get(person.aadObjectId.toLowerCase()) ??
      (await this.deps.store.people.get(this.deps.tenantId, person.aadObjectId));
    if (entry) return entry.conversationReference as Partial<ConversationReference>;
    const { graph } = this.deps;
    const appId = this.deps.sending.teamsAppId;
    if (!graph || !appId)
      return 'They have never used Quorum in Teams, and Graph is not configured to install it for them.';
    const chatId = await graph.installForUser(person.aadObjectId, appId);
    const reference: Partial<ConversationReference> = {
      channelId: 'msteams',
      serviceUrl: this.deps.sending.serviceUrl,
      conversation: {
        id: chatId,
        conversationType: 'personal',
        tenantId: this.deps.tenantId,
        isGroup: false,
        name: '',
      },
      bot: { id: `28:${this.deps.botAppId}`, name: 'Quorum' },
    };
    await this.deps.store.people.remember({
      tenantId: this.deps.tenantId,
      aadObjectId: person.aadObjectId,
      name: person.name,
      conversationReference: reference,
      updatedAt: this.deps.now().toISOString(),
    });
    return reference;
  }
}

/** A person opened the agenda (pressed one of its buttons, or opened the papers): recorded once. */
export async function recordOpened(
  store: Store,
  committeeId: string,
  meetingId: string,
  personId: string,
  now: Date,
): Promise<void> {
  await store.responses.append({
    id: `opened-${meetingId}-${personId}`,
    kind: 'receipt',
    event: 'opened',
    committeeId,
    meetingId,
    personId,
    recordedBy: personId,
    recordedAt: now.toISOString(),
    withdrawn: false,
  });
}

export interface CirculationRow {
  personId?: string;
  name: string;
  status: 'pending' | 'delivered' | 'failed';
  opened: boolean;
  attempts: number;
  reason?: string;
}

/** The report's headline: how many delivered, opened, failed and still sending. */
export function circulationTotals(rows: readonly CirculationRow[]) {
  const count = (status: CirculationRow['status']) => rows.filter((r) => r.status === status).length;
  return {
    delivered: count('delivered'),
    opened: rows.filter((r) => r.opened).length,
    failed: count('failed'),
    pending: count('pending'),
  };
}

/** The clerk's circulation report: delivered, opened or failed (with why), for each person. */
export async function circulationReport(
  store: Store,
  committee: Committee,
  meeting: Meeting,
): Promise<CirculationRow[]> {
  // Notices (a meeting moved) are not the agenda: the report is about who has the papers.
  const deliveries = (await store.outbox.deliveriesFor(committee.id, meeting.id)).filter((d) => d.kind !== 'notice');
  const opened = new Set(
    (await store.responses.forMeeting(committee.id, meeting.id))
      .filter((r) => r.kind === 'receipt' && r.event === 'opened')
      .map((r) => r.personId),
  );
  const byPerson = new Map<string, Delivery>();
  for (const d of deliveries) {
    const key = d.personId ?? 'channel';
    const other = byPerson.get(key);
    // The worst outcome for a person is the one to show: a failed supplement matters even if the agenda arrived.
    if (!other || d.status === 'dead' || (other.status === 'sent' && d.status === 'pending')) byPerson.set(key, d);
  }
  return [...byPerson.entries()].map(([key, d]) => ({
    ...(d.personId ? { personId: d.personId } : {}),
    name: d.personId ? (personById(committee, d.personId)?.name ?? d.personId) : `${committee.shortName} channel`,
    status: d.status === 'sent' ? 'delivered' : d.status === 'dead' ? 'failed' : 'pending',
    opened: key !== 'channel' && opened.has(key),
    attempts: d.attempts,
    ...(d.lastError && d.status !== 'sent' ? { reason: d.lastError } : {}),
  }));
}

/**
 * "Send again": every delivery of this meeting's papers that was given up goes back in the queue, with
 * its attempts reset; the sender's pace and retries apply as before. Returns how many were queued.
 */
export async function sendAgain(store: Store, committee: Committee, meeting: Meeting, now: Date): Promise<number> {
  const dead = (await store.outbox.deliveriesFor(committee.id, meeting.id)).filter(
    (d) => d.status === 'dead' && d.kind !== 'notice',
  );
  for (const d of dead)
    await store.outbox.updateDelivery(committee.id, d.id, (current) =>
      current.status === 'dead'
        ? { ...current, status: 'pending', attempts: 0, nextTryAt: now.toISOString() }
        : current,
    );
  return dead.length;
}
