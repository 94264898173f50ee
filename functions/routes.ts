import type { HttpMethod, HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { log, withCorrelation } from '../bot/log';
import { authorise, isResponse, type Access } from './access';
import * as actions from './api/actions';
import * as agenda from './api/agenda';
import * as apologies from './api/apologies';
import * as attendance from './api/attendance';
import * as calendar from './api/calendar';
import * as committees from './api/committees';
import * as declarations from './api/declarations';
import type { Handler } from './api/committees';
import * as me from './api/me';
import * as papers from './api/papers';
import * as record from './api/record';
import * as repair from './api/repair';
import * as roll from './api/roll';
import { problems } from './http';
import { RefusedWrite } from '../bot/store/documentStore';
import { failureWords } from '../bot/store/failureWords';
import { messagesHandler } from './messages';
import type { Services } from './services';
import { staticAppHandler } from './staticApp';

export interface Route {
  name: string;
  methods: HttpMethod[];
  /** Azure Functions route template; host.json sets no prefix, so API routes spell out `api/`. */
  route: string;
  handler: (req: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>;
  /** The largest body the route takes, where it is not the API's usual limit (a report upload). */
  maxBodyBytes?: number;
}

/**
 * An API endpoint, open to the callers `access` allows (checked per person and committee role, see
 * access.ts). Its log lines carry the invocation id; an unexpected failure is answered without internals.
 */
function api(handler: Handler, services: () => Promise<Services>, access: Access) {
  return async (req: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> =>
    withCorrelation(context.invocationId, async () => {
      try {
        const s = await services();
        const who = await authorise(req, s, access);
        return isResponse(who) ? who : await handler(req, s, who);
      } catch (err) {
        log.error('api-failed', { url: new URL(req.url).pathname, error: (err as Error).message });
        const said = failureWords(err, context.invocationId);
        return problems(said.status, said.text, err instanceof RefusedWrite ? err.problems : []);
      }
    });
}

/** [name, method, route under /api/, who may call it, handler, largest body]: the one list of API endpoints. */
type Endpoint = [string, HttpMethod, string, Access, Handler, number?];

export const ENDPOINTS: Endpoint[] = [
  // The local sign-in picker's people; answers 404 unless the API is the local machine's open one.
  ['localPeople', 'GET', 'local/people', 'public', me.getLocalPeople],
  ['getMe', 'GET', 'me', 'signed-in', me.getMe],
  [
    'getStoredDocument',
    'GET',
    'admin/documents/{container}/{partitionKey}/{id}',
    'signed-in',
    repair.getStoredDocument,
  ],
  [
    'putStoredDocument',
    'PUT',
    'admin/documents/{container}/{partitionKey}/{id}',
    'signed-in',
    repair.putStoredDocument,
  ],
  ['searchDirectory', 'GET', 'directory/users', 'signed-in', me.searchDirectory],
  ['getMyMeetings', 'GET', 'me/meetings', 'signed-in', me.getMyMeetings],
  ['postMyApology', 'POST', 'me/apologies', 'signed-in', me.postMyApology],
  ['withdrawMyApology', 'POST', 'me/apologies/withdraw', 'signed-in', me.postWithdrawMyApology],
  ['postMyDeclaration', 'POST', 'me/declarations', 'signed-in', me.postMyDeclaration],
  ['getMyRegister', 'GET', 'me/register', 'signed-in', me.getMyRegister],
  ['addToMyRegister', 'POST', 'me/register', 'signed-in', me.postMyRegister],
  ['removeFromMyRegister', 'DELETE', 'me/register/{committeeId}/{entryId}', 'signed-in', me.deleteMyRegister],
  ['getMyActions', 'GET', 'me/actions', 'signed-in', me.getMyActions],
  ['updateMyAction', 'POST', 'me/actions/{committeeId}/{actionId}', 'signed-in', me.postMyActionUpdate],
  // Creating a committee is the tenant clerk's; seeing or changing one, its own clerks' (the handlers say which).
  ['listCommittees', 'GET', 'committees', 'committee', committees.listCommittees],
  ['getCommittee', 'GET', 'committees/{committeeId}', 'clerk', committees.getCommittee],
  ['putCommittee', 'PUT', 'committees/{committeeId}', 'clerk', committees.putCommittee],
  ['listMeetings', 'GET', 'committees/{committeeId}/meetings', 'clerk', committees.listMeetings],
  ['getMeeting', 'GET', 'committees/{committeeId}/meetings/{meetingId}', 'clerk', committees.getMeeting],
  ['putMeeting', 'PUT', 'committees/{committeeId}/meetings/{meetingId}', 'clerk', committees.putMeeting],
  ['putCalendar', 'PUT', 'committees/{committeeId}/calendar', 'clerk', calendar.putCalendar],
  // For observers and guests outside the tenant: dates and venues only, no join links.
  ['getCalendarIcs', 'GET', 'committees/{committeeId}/calendar.ics', 'public', calendar.getCalendarIcs],
  ['moveMeeting', 'POST', 'meetings/{meetingId}/move', 'clerk', calendar.postMove],
  ['cancelMeeting', 'POST', 'meetings/{meetingId}/cancel', 'clerk', calendar.postCancel],
  ['listApologies', 'GET', 'meetings/{meetingId}/apologies', 'clerk', apologies.listApologies],
  ['recordApology', 'POST', 'meetings/{meetingId}/apologies', 'clerk', apologies.recordApologyOnBehalf],
  ['listActions', 'GET', 'committees/{committeeId}/actions', 'clerk', actions.listActions],
  ['createAction', 'POST', 'committees/{committeeId}/actions', 'clerk', actions.createActionHandler],
  ['importActions', 'POST', 'committees/{committeeId}/actions/import', 'clerk', actions.importActions],
  ['closeAction', 'POST', 'committees/{committeeId}/actions/{actionId}/close', 'clerk', actions.closeAction],
  ['chaseNow', 'POST', 'committees/{committeeId}/chasers', 'clerk', actions.chaseNow],
  ['getRecord', 'GET', 'meetings/{meetingId}/record', 'clerk', record.getRecord],
  ['listRecordVersions', 'GET', 'meetings/{meetingId}/record/versions', 'clerk', record.listVersions],
  ['draftRecord', 'POST', 'meetings/{meetingId}/record/drafts', 'clerk', record.postDraft],
  ['confirmRecord', 'POST', 'meetings/{meetingId}/record/confirm', 'clerk', record.postConfirm],
  ['putHeldTimes', 'PUT', 'meetings/{meetingId}/held', 'clerk', record.putHeldTimes],
  ['putPreviousMinutes', 'PUT', 'meetings/{meetingId}/previous-minutes', 'clerk', record.putPreviousMinutes],
  ['getMinutes', 'GET', 'meetings/{meetingId}/minutes', 'clerk', record.getMinutes],
  ['putMinute', 'PUT', 'meetings/{meetingId}/minutes/{itemNumber}', 'clerk', record.putMinute],
  ['getAgenda', 'GET', 'meetings/{meetingId}/agenda', 'clerk', agenda.getAgenda],
  ['postAgendaItem', 'POST', 'meetings/{meetingId}/agenda/items', 'clerk', agenda.postItem],
  ['patchAgendaItem', 'PATCH', 'meetings/{meetingId}/agenda/items/{itemId}', 'clerk', agenda.patchItem],
  ['deleteAgendaItem', 'DELETE', 'meetings/{meetingId}/agenda/items/{itemId}', 'clerk', agenda.deleteItem],
  ['moveAgendaItem', 'POST', 'meetings/{meetingId}/agenda/items/{itemId}/move', 'clerk', agenda.moveAgendaItem],
  ['publishAgenda', 'POST', 'meetings/{meetingId}/agenda/publish', 'clerk', agenda.postPublish],
  ['supplementAgenda', 'POST', 'meetings/{meetingId}/agenda/supplements', 'clerk', agenda.postSupplement],
  ['getCirculation', 'GET', 'meetings/{meetingId}/circulation', 'clerk', agenda.getCirculation],
  ['sendAgain', 'POST', 'meetings/{meetingId}/circulation/retry', 'clerk', agenda.postSendAgain],
  // Reports: the clerk, or the presenter the clerk allowed (the handler checks which), attaches one to an item.
  [
    'putReport',
    'PUT',
    'meetings/{meetingId}/agenda/items/{itemId}/report',
    'committee',
    papers.putReport,
    papers.UPLOAD_LIMIT,
  ],
  ['deleteReport', 'DELETE', 'meetings/{meetingId}/agenda/items/{itemId}/report', 'clerk', papers.deleteReport],
  ['getPackStatus', 'GET', 'meetings/{meetingId}/pack', 'clerk', papers.getPackStatus],
  ['buildPack', 'POST', 'meetings/{meetingId}/pack', 'clerk', papers.postPack],
  // Read by anyone once published; exempt reports and part 2 only by a member or officer (their link or sign-in).
  ['getReport', 'GET', 'meetings/{meetingId}/agenda/items/{itemId}/report', 'public', papers.getReport],
  ['getPackPdf', 'GET', 'meetings/{meetingId}/pack.pdf', 'public', papers.getPackPdf],
  // Opened from members' cards in a browser, without a token: the public agenda, plus exempt titles
  // only for the holder of a person's own link.
  ['getPapers', 'GET', 'meetings/{meetingId}/papers', 'public', agenda.getPapers],
  ['listDeclarations', 'GET', 'meetings/{meetingId}/declarations', 'clerk', declarations.listDeclarations],
  ['recordDeclaration', 'POST', 'meetings/{meetingId}/declarations', 'clerk', declarations.recordDeclarationOnBehalf],
  ['getAttendance', 'GET', 'meetings/{meetingId}/attendance', 'clerk', attendance.getAttendance],
  ['getReconcile', 'GET', 'meetings/{meetingId}/attendance/reconcile', 'clerk', attendance.getReconcile],
  ['getMeetingForChat', 'GET', 'me/meeting-for-chat', 'signed-in', roll.getMeetingForChat],
  ['getRoll', 'GET', 'meetings/{meetingId}/roll', 'committee', roll.getRoll],
  ['postRollHere', 'POST', 'meetings/{meetingId}/roll/here', 'committee', roll.postHere],
  ['postRollMark', 'POST', 'meetings/{meetingId}/roll/marks', 'committee', roll.postMark],
  ['postRollItem', 'POST', 'meetings/{meetingId}/roll/item', 'committee', roll.postItem],
  ['postRollGuest', 'POST', 'meetings/{meetingId}/roll/guests', 'committee', roll.postGuest],
  ['postRollClose', 'POST', 'meetings/{meetingId}/roll/close', 'committee', roll.postClose],
  ['postReconcile', 'POST', 'meetings/{meetingId}/attendance/reconcile', 'clerk', attendance.postReconcile],
];

/** Every HTTP route, served by Azure Functions and by the local host alike: the bot, the API, then the tab app. */
export function routes(services: () => Promise<Services>): Route[] {
  return [
    { name: 'messages', methods: ['POST'], route: 'api/messages', handler: messagesHandler(services) },
    ...ENDPOINTS.map(([name, method, route, access, handler, maxBodyBytes]) => ({
      name,
      methods: [method],
      route: `api/${route}`,
      handler: api(handler, services, access),
      ...(maxBodyBytes ? { maxBodyBytes } : {}),
    })),
    // Last: the workspace's static files, for every GET no API route took.
    { name: 'app', methods: ['GET'], route: '{*path}', handler: staticAppHandler() },
  ];
}
