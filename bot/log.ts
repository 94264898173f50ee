import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Structured logs, one JSON object a line. Message text, apology reasons and secrets are never
 * passed here: log ids and outcomes, not what people wrote.
 */
export type LogFields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

const correlation = new AsyncLocalStorage<string>();

/** Runs `work` with every log line it writes carrying this correlation id (an activity's, a request's). */
export function withCorrelation<T>(id: string, work: () => Promise<T>): Promise<T> {
  return correlation.run(id, work);
}

function write(level: string, event: string, fields: LogFields = {}): void {
  if (process.env.QUORUM_LOG === 'silent') return;
  const correlationId = correlation.getStore();
  const line = JSON.stringify({
    at: new Date().toISOString(),
    level,
    event,
    ...(correlationId ? { correlationId } : {}),
    ...fields,
  });
  (level === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
}

export const log: Logger = {
  info: (e, f) => write('info', e, f),
  warn: (e, f) => write('warn', e, f),
  error: (e, f) => write('error', e, f),
};
