import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import type { Request as BotRequest, Response as BotResponse } from 'botbuilder';
import { z } from 'zod';
import { log, withCorrelation } from '../bot/log';
import type { Services } from './services';
import { failureWords } from '../bot/store/failureWords';
import { problems, readBodyText } from './http';

/** botbuilder writes its answer to an Express-like response; we collect it for the Functions runtime. */
export class CollectedResponse implements BotResponse {
  socket = undefined;
  statusCode = 200;
  body: unknown = undefined;
  headers: Record<string, string> = {};
  status(code: number) {
    this.statusCode = code;
    return this;
  }
  header(name: string, value: unknown) {
    this.headers[name.toLowerCase()] = String(value);
    return this;
  }
  send(body?: unknown) {
    if (body !== undefined) this.body = body;
    return this;
  }
  end() {
    return this;
  }
  toHttp(): HttpResponseInit {
    if (this.body === undefined) return { status: this.statusCode, headers: this.headers };
    return typeof this.body === 'string'
      ? { status: this.statusCode, body: this.body, headers: this.headers }
      : {
          status: this.statusCode,
          jsonBody: this.body,
          headers: { 'content-type': 'application/json', ...this.headers },
        };
  }
}

const TenantCarrier = z.object({
  conversation: z.object({ tenantId: z.string() }).partial().optional(),
  channelData: z.object({ tenant: z.object({ id: z.string() }).partial().optional() }).optional(),
});

/** The Entra tenant an activity comes from, as Teams states it on the conversation and channel data. */
function tenantOf(body: unknown): string | undefined {
  const parsed = TenantCarrier.safeParse(body);
  if (!parsed.success) return undefined;
  return (parsed.data.conversation?.tenantId ?? parsed.data.channelData?.tenant?.id)?.toLowerCase();
}

/** POST /api/messages: the bot endpoint. Authentication is the adapter's (production) job. */
export function messagesHandler(services: () => Promise<Services>) {
  return async (req: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    const { bot, config } = await services();
    // The limit comes before parsing: an activity is a few KB; Teams' own limit on a message is ~100 KB.
    const read = await readBodyText(req);
    if (!read.ok) return read.response;
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(read.text) as Record<string, unknown>;
    } catch {
      return { status: 400, jsonBody: { error: 'The activity is not valid JSON.' } };
    }
    if (typeof body !== 'object' || body === null || typeof body.type !== 'string')
      return { status: 400, jsonBody: { error: 'The body is not a Bot Framework activity.' } };
    const correlationId = typeof body.id === 'string' ? body.id.slice(0, 100) : context.invocationId;
    return withCorrelation(correlationId, async () => {
      // Only the council's own tenant(s): checked before anything else, and logged without content.
      const tenant = tenantOf(body);
      if (tenant ? !config.allowedTenants.includes(tenant) : config.mode === 'production') {
        log.warn('activity-refused', { reason: 'tenant', tenant: tenant ?? 'none', type: String(body.type) });
        return { status: 403, jsonBody: { error: 'Quorum does not serve this organisation.' } };
      }
      const request: BotRequest = { body, headers: Object.fromEntries(req.headers.entries()), method: req.method };
      const response = new CollectedResponse();
      try {
        await bot.adapter.process(request, response, (turn) => bot.app.run(turn).then(() => undefined));
      } catch (err) {
        // Never internal text in an answer: a plain sentence and the reference the logs carry.
        log.error('activity-failed', { error: (err as Error).message });
        return problems(500, failureWords(err, correlationId).text);
      }
      if (response.statusCode >= 400) log.warn('activity-refused', { status: response.statusCode });
      if (response.statusCode >= 500) return problems(response.statusCode, failureWords(undefined, correlationId).text);
      return response.toHttp();
    });
  };
}
