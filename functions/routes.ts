import type { HttpMethod, HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { log, withCorrelation } from '../bot/log';
import { refuseUnlessClerk } from './apiAuth';
import * as actions from './api/actions';
import * as agenda from './api/agenda';
import * as apologies from './api/apologies';
import * as attendance from './api/attendance';
import * as calendar from './api/calendar';
import * as committees from './api/committees';
import * as record from './api/record';
import { problems } from './http';
import { messagesHandler } from './messages';
import type { Services } from './services';

export interface Route {
  name: string;
  methods: HttpMethod[];
  /** Azure Functions route template, under the /api prefix. */
  route: string;
  handler: (req: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>;
}

/**
 * An API endpoint: for clerks (an Entra ID token with the clerk role, in production) unless it is
 * `public`. Its log lines carry the invocation id; an unexpected failure is answered without internals.
 */
function api(
  handler: (req: HttpRequest, s: Services) => Promise<HttpResponseInit>,
  services: () => Promise<Services>,
  access: 'clerk' | 'public' = 'clerk',
) {
  return async (req: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> =>
    withCorrelation(context.invocationId, async () => {
      try {
        const s = await services();
        const refusal = access === 'clerk' ? await refuseUnlessClerk(req, s.config) : undefined;
        return refusal ?? (await handler(req, s));
      } catch (err) {
        log.error('api-failed', { url: new URL(req.url).pathname, error: (err as Error).message });
        return problems(500, 'Something went wrong on our side; nothing was changed. Please try again.');
      }
    });
}

/** The one list of HTTP endpoints, served by Azure Functions and by the local host alike. */
export function routes(services: () => Promise<Services>): Route[] {
  return [
    { name: 'messages', methods: ['POST'], route: 'messages', handler: messagesHandler(services) },
    {
      name: 'listCommittees',
      methods: ['GET'],
      route: 'committees',
      handler: api(committees.listCommittees, services),
    },
    {
      name: 'getCommittee',
      methods: ['GET'],
      route: 'committees/{committeeId}',
      handler: api(committees.getCommittee, services),
    },
    {
      name: 'putCommittee',
      methods: ['PUT'],
      route: 'committees/{committeeId}',
      handler: api(committees.putCommittee, services),
    },
    {
      name: 'listMeetings',
      methods: ['GET'],
      route: 'committees/{committeeId}/meetings',
      handler: api(committees.listMeetings, services),
    },
    {
      name: 'getMeeting',
      methods: ['GET'],
      route: 'committees/{committeeId}/meetings/{meetingId}',
      handler: api(committees.getMeeting, services),
    },
    {
      name: 'putMeeting',
      methods: ['PUT'],
      route: 'committees/{committeeId}/meetings/{meetingId}',
      handler: api(committees.putMeeting, services),
    },
    {
      name: 'putCalendar',
      methods: ['PUT'],
      route: 'committees/{committeeId}/calendar',
      handler: api(calendar.putCalendar, services),
    },
    {
      name: 'getCalendarIcs',
      methods: ['GET'],
      route: 'committees/{committeeId}/calendar.ics',
      // For observers and guests outside the tenant: dates and venues only, no join links.
      handler: api(calendar.getCalendarIcs, services, 'public'),
    },
    {
      name: 'moveMeeting',
      methods: ['POST'],
      route: 'meetings/{meetingId}/move',
      handler: api(calendar.postMove, services),
    },
    {
      name: 'cancelMeeting',
      methods: ['POST'],
      route: 'meetings/{meetingId}/cancel',
      handler: api(calendar.postCancel, services),
    },
    {
      name: 'listApologies',
      methods: ['GET'],
      route: 'meetings/{meetingId}/apologies',
      handler: api(apologies.listApologies, services),
    },
    {
      name: 'recordApology',
      methods: ['POST'],
      route: 'meetings/{meetingId}/apologies',
      handler: api(apologies.recordApologyOnBehalf, services),
    },
    {
      name: 'listActions',
      methods: ['GET'],
      route: 'committees/{committeeId}/actions',
      handler: api(actions.listActions, services),
    },
    {
      name: 'createAction',
      methods: ['POST'],
      route: 'committees/{committeeId}/actions',
      handler: api(actions.createActionHandler, services),
    },
    {
      name: 'closeAction',
      methods: ['POST'],
      route: 'committees/{committeeId}/actions/{actionId}/close',
      handler: api(actions.closeAction, services),
    },
    {
      name: 'chaseNow',
      methods: ['POST'],
      route: 'committees/{committeeId}/chasers',
      handler: api(actions.chaseNow, services),
    },
    {
      name: 'getRecord',
      methods: ['GET'],
      route: 'meetings/{meetingId}/record',
      handler: api(record.getRecord, services),
    },
    {
      name: 'draftRecord',
      methods: ['POST'],
      route: 'meetings/{meetingId}/record/drafts',
      handler: api(record.postDraft, services),
    },
    {
      name: 'confirmRecord',
      methods: ['POST'],
      route: 'meetings/{meetingId}/record/confirm',
      handler: api(record.postConfirm, services),
    },
    {
      name: 'putMinute',
      methods: ['PUT'],
      route: 'meetings/{meetingId}/minutes/{itemNumber}',
      handler: api(record.putMinute, services),
    },
    {
      name: 'getAgenda',
      methods: ['GET'],
      route: 'meetings/{meetingId}/agenda',
      handler: api(agenda.getAgenda, services),
    },
    {
      name: 'postAgendaItem',
      methods: ['POST'],
      route: 'meetings/{meetingId}/agenda/items',
      handler: api(agenda.postItem, services),
    },
    {
      name: 'patchAgendaItem',
      methods: ['PATCH'],
      route: 'meetings/{meetingId}/agenda/items/{itemNumber}',
      handler: api(agenda.patchItem, services),
    },
    {
      name: 'deleteAgendaItem',
      methods: ['DELETE'],
      route: 'meetings/{meetingId}/agenda/items/{itemNumber}',
      handler: api(agenda.deleteItem, services),
    },
    {
      name: 'moveAgendaItem',
      methods: ['POST'],
      route: 'meetings/{meetingId}/agenda/items/{itemNumber}/move',
      handler: api(agenda.moveAgendaItem, services),
    },
    {
      name: 'publishAgenda',
      methods: ['POST'],
      route: 'meetings/{meetingId}/agenda/publish',
      handler: api(agenda.postPublish, services),
    },
    {
      name: 'supplementAgenda',
      methods: ['POST'],
      route: 'meetings/{meetingId}/agenda/supplements',
      handler: api(agenda.postSupplement, services),
    },
    {
      name: 'getCirculation',
      methods: ['GET'],
      route: 'meetings/{meetingId}/circulation',
      handler: api(agenda.getCirculation, services),
    },
    {
      name: 'getPapers',
      methods: ['GET'],
      route: 'meetings/{meetingId}/papers',
      // Opened from members' cards in a browser, without a token: the public agenda, plus exempt
      // titles only for the holder of a person's own link.
      handler: api(agenda.getPapers, services, 'public'),
    },
    {
      name: 'getAttendance',
      methods: ['GET'],
      route: 'meetings/{meetingId}/attendance',
      handler: api(attendance.getAttendance, services),
    },
    {
      name: 'getReconcile',
      methods: ['GET'],
      route: 'meetings/{meetingId}/attendance/reconcile',
      handler: api(attendance.getReconcile, services),
    },
    {
      name: 'postReconcile',
      methods: ['POST'],
      route: 'meetings/{meetingId}/attendance/reconcile',
      handler: api(attendance.postReconcile, services),
    },
  ];
}
