import {
  toHttpHeadersLike,
  type CompatResponse,
  type RequestPolicy,
  type WebResourceLike,
} from '@azure/core-http-compat';
import { createHttpHeaders } from '@azure/core-rest-pipeline';

/** A Bot Connector refusal (429 or 5xx), with the Retry-After it gave, for the outbox to act on. */
export class ConnectorRefusal extends Error {
  constructor(
    readonly statusCode: number,
    readonly retryAfterSeconds: number | undefined,
    detail: string,
  ) {
    super(`the Bot Connector answered ${statusCode}${detail ? `: ${detail.slice(0, 200)}` : ''}`);
    this.name = 'ConnectorRefusal';
  }
}

/** How long one send may take before it counts as failed (and is retried by the outbox). */
const TIMEOUT_MS = 30_000;

/**
 * The HTTP client for the outbox's adapter. The Bot Framework SDK retries 429s and 5xxs itself, out
 * of sight of our rate limiter and our attempt count; failing fast here hands those to the outbox,
 * which retries at its own pace and records why. Interactive replies keep the SDK's retries.
 */
export const failFastHttpClient: RequestPolicy = {
  async sendRequest(request: WebResourceLike): Promise<CompatResponse> {
    const body =
      request.body === undefined || typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    const res = await fetch(request.url, {
      method: request.method,
      headers: request.headers.rawHeaders(),
      ...(body !== undefined ? { body } : {}),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const bodyAsText = await res.text();
    if (res.status === 429 || res.status >= 500) {
      const retryAfter = res.headers.get('retry-after');
      throw new ConnectorRefusal(
        res.status,
        retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) : undefined,
        bodyAsText,
      );
    }
    return {
      request,
      status: res.status,
      headers: toHttpHeadersLike(createHttpHeaders(Object.fromEntries(res.headers.entries()))),
      bodyAsText,
    };
  },
};
