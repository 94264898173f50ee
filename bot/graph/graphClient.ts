import { ClientSecretCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import { Client, ResponseType } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import { z } from 'zod';
import type { Config } from '../config';

/**
 * Every Microsoft Graph call goes through here. The SDK's default middleware retries 429, 503 and 504,
 * honouring Retry-After; the base URL and authority are configuration, so tests point both at a local
 * server speaking Graph's and Entra ID's protocols.
 */
/** One person in a Teams meeting attendance report. */
export interface AttendanceRecord {
  aadObjectId?: string;
  displayName: string;
  totalSeconds: number;
  firstJoin?: string;
  lastLeave?: string;
}

const AttendanceReportsSchema = z.object({
  value: z.array(z.object({ id: z.string(), meetingEndDateTime: z.string().nullable().optional() }).passthrough()),
});
const AttendanceRecordsSchema = z.object({
  value: z.array(
    z
      .object({
        identity: z
          .object({ id: z.string().nullable().optional(), displayName: z.string().nullable().optional() })
          .passthrough()
          .optional(),
        totalAttendanceInSeconds: z.number().optional(),
        attendanceIntervals: z
          .array(
            z
              .object({
                joinDateTime: z.string().nullable().optional(),
                leaveDateTime: z.string().nullable().optional(),
              })
              .passthrough(),
          )
          .optional(),
      })
      .passthrough(),
  ),
});

/** Someone in the organisation's directory, as the committee form offers them. */
export interface DirectoryUser {
  aadObjectId: string;
  displayName: string;
  email?: string;
  jobTitle?: string;
  organisation?: string;
}

const UsersSchema = z.object({
  value: z.array(
    z
      .object({
        id: z.string(),
        displayName: z.string().nullable().optional(),
        mail: z.string().nullable().optional(),
        jobTitle: z.string().nullable().optional(),
        companyName: z.string().nullable().optional(),
      })
      .passthrough(),
  ),
});

/** What Quorum puts in a meeting's calendar event. */
export interface TeamsEvent {
  subject: string;
  startsAt: string;
  endsAt: string;
  location: string;
  bodyHtml: string;
  attendees: { email: string; name: string }[];
}

const EventSchema = z
  .object({ id: z.string(), onlineMeeting: z.object({ joinUrl: z.string() }).passthrough().nullable().optional() })
  .passthrough();

/** Graph's event fields for the parts given; times in UTC so there is no zone name to get wrong. */
function eventBody(e: Partial<TeamsEvent>): Record<string, unknown> {
  const utc = (instant: string) => ({ dateTime: new Date(instant).toISOString().replace(/Z$/, ''), timeZone: 'UTC' });
  return {
    ...(e.subject !== undefined ? { subject: e.subject } : {}),
    ...(e.bodyHtml !== undefined ? { body: { contentType: 'HTML', content: e.bodyHtml } } : {}),
    ...(e.startsAt !== undefined ? { start: utc(e.startsAt) } : {}),
    ...(e.endsAt !== undefined ? { end: utc(e.endsAt) } : {}),
    ...(e.location !== undefined ? { location: { displayName: e.location } } : {}),
    ...(e.attendees !== undefined
      ? { attendees: e.attendees.map((a) => ({ emailAddress: { address: a.email, name: a.name }, type: 'required' })) }
      : {}),
  };
}

export class GraphApi {
  constructor(private readonly client: Client) {}

  /** The latest attendance report of an online meeting (organiser's meeting), as records per person. */
  async attendanceRecords(organizerId: string, onlineMeetingId: string): Promise<AttendanceRecord[] | undefined> {
    const base = `/users/${encodeURIComponent(organizerId)}/onlineMeetings/${encodeURIComponent(onlineMeetingId)}/attendanceReports`;
    const reports = AttendanceReportsSchema.parse(await this.client.api(base).get()).value;
    const latest = [...reports]
      .sort((a, b) => String(a.meetingEndDateTime ?? '').localeCompare(String(b.meetingEndDateTime ?? '')))
      .pop();
    if (!latest) return undefined;
    const records = AttendanceRecordsSchema.parse(
      await this.client.api(`${base}/${encodeURIComponent(latest.id)}/attendanceRecords`).get(),
    ).value;
    return records.map((r) => {
      const joins = (r.attendanceIntervals ?? [])
        .map((i) => i.joinDateTime)
        .filter((x): x is string => !!x)
        .sort();
      const leaves = (r.attendanceIntervals ?? [])
        .map((i) => i.leaveDateTime)
        .filter((x): x is string => !!x)
        .sort();
      return {
        ...(r.identity?.id ? { aadObjectId: r.identity.id } : {}),
        displayName: r.identity?.displayName ?? 'Unknown',
        totalSeconds: r.totalAttendanceInSeconds ?? 0,
        ...(joins[0] ? { firstJoin: joins[0] } : {}),
        ...(leaves.length ? { lastLeave: leaves[leaves.length - 1] } : {}),
      };
    });
  }

  /**
   * Proactive installation: installs the Teams app for a user (once), then returns the id of the 1:1 chat
   * between them and the bot, where Quorum can now post.
   */
  async installForUser(userId: string, teamsAppId: string): Promise<string> {
    const user = `/users/${encodeURIComponent(userId)}/teamwork/installedApps`;
    try {
      await this.client
        .api(user)
        .post({ 'teamsApp@odata.bind': `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${teamsAppId}` });
    } catch (err) {
      // 409: already installed for this user, which is what we wanted.
      if ((err as { statusCode?: number }).statusCode !== 409) throw err;
    }
    const installed = z
      .object({ value: z.array(z.object({ id: z.string() }).passthrough()) })
      .parse(await this.client.api(user).expand('teamsApp').filter(`teamsApp/id eq '${teamsAppId}'`).get());
    const installation = installed.value[0];
    if (!installation) throw new Error('the app was installed but Graph does not list it');
    const chat = z
      .object({ id: z.string() })
      .passthrough()
      .parse(await this.client.api(`${user}/${encodeURIComponent(installation.id)}/chat`).get());
    return chat.id;
  }

  /**
   * A Teams meeting in the organiser's calendar, with the attendees invited. `transactionId` makes a
   * retried create return the same event instead of booking twice.
   */
  async createEvent(
    organizerId: string,
    e: TeamsEvent & { transactionId: string },
  ): Promise<{ eventId: string; joinUrl?: string }> {
    const created = EventSchema.parse(
      await this.client.api(`/users/${encodeURIComponent(organizerId)}/events`).post({
        ...eventBody(e),
        transactionId: e.transactionId,
        isOnlineMeeting: true,
        onlineMeetingProvider: 'teamsForBusiness',
        allowNewTimeProposals: false,
        responseRequested: true,
      }),
    );
    return {
      eventId: created.id,
      ...(created.onlineMeeting?.joinUrl ? { joinUrl: created.onlineMeeting.joinUrl } : {}),
    };
  }

  /** Moves an event or changes who is invited; Graph sends the attendees the update. */
  async updateEvent(organizerId: string, eventId: string, change: Partial<TeamsEvent>): Promise<void> {
    await this.client
      .api(`/users/${encodeURIComponent(organizerId)}/events/${encodeURIComponent(eventId)}`)
      .patch(eventBody(change));
  }

  /** Cancels an event: the attendees get the cancellation with the comment. */
  async cancelEvent(organizerId: string, eventId: string, comment: string): Promise<void> {
    await this.client
      .api(`/users/${encodeURIComponent(organizerId)}/events/${encodeURIComponent(eventId)}/cancel`)
      .post({ comment });
  }

  /** The online meeting behind a join link, and its chat (where Quorum must be to hear the meeting start). */
  async onlineMeetingByJoinUrl(
    organizerId: string,
    joinUrl: string,
  ): Promise<{ onlineMeetingId: string; chatId?: string } | undefined> {
    const found = z
      .object({
        value: z.array(
          z
            .object({
              id: z.string(),
              chatInfo: z.object({ threadId: z.string().optional() }).passthrough().optional(),
            })
            .passthrough(),
        ),
      })
      .parse(
        await this.client
          // The join link is itself percent-encoded: encode the whole filter so it reaches Graph intact.
          .api(
            `/users/${encodeURIComponent(organizerId)}/onlineMeetings?$filter=${encodeURIComponent(`JoinWebUrl eq '${joinUrl.replace(/'/g, "''")}'`)}`,
          )
          .get(),
      ).value[0];
    if (!found) return undefined;
    return { onlineMeetingId: found.id, ...(found.chatInfo?.threadId ? { chatId: found.chatInfo.threadId } : {}) };
  }

  /**
   * People in the organisation whose name or e-mail starts with the words typed (application
   * permission User.Read.All; Graph's $search needs ConsistencyLevel: eventual).
   */
  async searchUsers(text: string): Promise<DirectoryUser[]> {
    const words = text.replace(/["\\]/g, ' ').trim();
    if (!words) return [];
    const found = UsersSchema.parse(
      await this.client
        .api('/users')
        .header('ConsistencyLevel', 'eventual')
        .search(`"displayName:${words}" OR "mail:${words}"`)
        .select(['id', 'displayName', 'mail', 'jobTitle', 'companyName', 'department'])
        .top(10)
        .get(),
    );
    return found.value.map((u) => ({
      aadObjectId: u.id,
      displayName: u.displayName ?? u.mail ?? u.id,
      ...(u.mail ? { email: u.mail } : {}),
      ...(u.jobTitle ? { jobTitle: u.jobTitle } : {}),
      ...(u.companyName ? { organisation: u.companyName } : {}),
    }));
  }

  /** Adds the Teams app to a chat (a meeting's); already there is fine. */
  async installInChat(chatId: string, teamsAppId: string): Promise<void> {
    try {
      await this.client
        .api(`/chats/${encodeURIComponent(chatId)}/installedApps`)
        .post({ 'teamsApp@odata.bind': `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${teamsAppId}` });
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode !== 409) throw err;
    }
  }

  /** Simple upload (files up to 250 MB; reports are at most 20 MB): PUT /drives/{id}/root:/{path}:/content. */
  async uploadFile(
    driveId: string,
    path: string,
    content: Buffer,
    contentType: string,
  ): Promise<{ id: string; webUrl: string }> {
    const encoded = path
      .split('/')
      .filter(Boolean)
      .map((p) => encodeURIComponent(p))
      .join('/');
    const item = (await this.client
      .api(`/drives/${encodeURIComponent(driveId)}/root:/${encoded}:/content`)
      .header('Content-Type', contentType)
      .put(content)) as { id?: unknown; webUrl?: unknown };
    if (typeof item.id !== 'string' || typeof item.webUrl !== 'string')
      throw new Error('Graph returned an unexpected drive item');
    return { id: item.id, webUrl: item.webUrl };
  }

  /**
   * A drive item's content, or (format "pdf") SharePoint's PDF rendering of a Word document. Graph
   * answers with a redirect to a short-lived download address, which the SDK follows.
   */
  async downloadFile(driveId: string, itemId: string, format?: 'pdf'): Promise<Uint8Array> {
    const request = this.client
      .api(`/drives/${encodeURIComponent(driveId)}/items/${encodeURIComponent(itemId)}/content`)
      .responseType(ResponseType.ARRAYBUFFER);
    if (format) request.query({ format });
    return new Uint8Array((await request.get()) as ArrayBuffer);
  }
}

export function createGraph(config: Config['graph']): GraphApi | undefined {
  if (!config) return undefined;
  const credential: TokenCredential = config.clientSecret
    ? new ClientSecretCredential(config.tenantId, config.clientId, config.clientSecret, {
        authorityHost: config.authorityHost,
        // Instance discovery asks the public cloud about the authority; a sovereign cloud or a test stand-in has its own.
        disableInstanceDiscovery: true,
      })
    : new ManagedIdentityCredential({ clientId: config.clientId });
  const authProvider = new TokenCredentialAuthenticationProvider(credential, {
    scopes: [`${config.baseUrl}/.default`],
  });
  // The SDK compares host names without the port when deciding whether to attach the token.
  const host = new URL(config.baseUrl).hostname;
  const client = Client.initWithMiddleware({
    authProvider,
    baseUrl: config.baseUrl,
    defaultVersion: 'v1.0',
    customHosts: new Set([host]),
  });
  return new GraphApi(client);
}
