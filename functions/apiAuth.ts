import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { Config } from '../bot/config';
import { log } from '../bot/log';
import { problems } from './http';

type EntraApi = Extract<Config['api'], { auth: 'entra' }>;

/** One key set per address, fetched when first needed and refreshed by jose when keys rotate. */
const keySets = new Map<string, JWTVerifyGetKey>();
const keySetFor = (url: string) => {
  let set = keySets.get(url);
  if (!set) keySets.set(url, (set = createRemoteJWKSet(new URL(url))));
  return set;
};

const challenge = (error: string, status: 401 | 403, why: string): HttpResponseInit => {
  const res = problems(status, why);
  return { ...res, headers: { ...res.headers, 'www-authenticate': `Bearer error="${error}"` } };
};

/**
 * The HTTP API is for clerks: in production every call carries an Entra ID access token issued for
 * Quorum's API (audience), by an allowed tenant (issuer and tid), holding the clerk app role. Returns
 * the refusal to send, or undefined when the caller may proceed. Local mode is open.
 */
export async function refuseUnlessClerk(req: HttpRequest, config: Config): Promise<HttpResponseInit | undefined> {
  if (config.api.auth === 'open') return undefined;
  const api: EntraApi = config.api;
  const header = req.headers.get('authorization') ?? '';
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  if (!token) return challenge('invalid_request', 401, 'Sign in: the API needs an Entra ID access token.');
  try {
    const { payload } = await jwtVerify(token, keySetFor(api.jwksUrl), {
      audience: api.audiences,
      issuer: api.issuers,
      algorithms: ['RS256'],
      clockTolerance: 60,
    });
    const tenant = typeof payload.tid === 'string' ? payload.tid.toLowerCase() : '';
    if (!config.allowedTenants.includes(tenant)) {
      log.warn('api-refused', { reason: 'tenant', tenant });
      return challenge('insufficient_scope', 403, 'Your organisation is not one this Quorum serves.');
    }
    const roles = Array.isArray(payload.roles) ? payload.roles : [];
    if (!roles.includes(api.role)) {
      log.warn('api-refused', { reason: 'role', caller: typeof payload.oid === 'string' ? payload.oid : '' });
      return challenge('insufficient_scope', 403, `The API is for clerks: your account needs the ${api.role} role.`);
    }
    return undefined;
  } catch (err) {
    // jose's error codes say what failed (expired, audience, signature) without echoing the token.
    const code = err instanceof errors.JOSEError ? err.code : 'ERR_UNKNOWN';
    log.warn('api-refused', { reason: code });
    return challenge('invalid_token', 401, 'The access token is not valid for Quorum; sign in again.');
  }
}
