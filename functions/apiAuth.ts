import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { Config } from '../bot/config';
import { GuidSchema } from '../bot/domain/common';
import { log } from '../bot/log';
import { problems } from './http';

type EntraApi = Extract<Config['api'], { auth: 'entra' }>;

/**
 * Who is calling the HTTP API. A person is known by their Entra object id (from the tab's Teams SSO
 * token in production, or the local sign-in picker); what they may do follows their roles on each
 * committee. `anyone` is the local machine's open API (curl, the README's examples): never in production.
 */
export type Caller =
  | { kind: 'anyone' }
  | {
      kind: 'person';
      aadObjectId: string;
      /** Holds the tenant-level app role (Quorum.Clerk) that lets them create committees. No roles locally. */
      tenantClerk: boolean;
    };

/** The local sign-in picker's header: the chosen demo person's Entra object id. Refused in production. */
export const LOCAL_IDENTITY_HEADER = 'x-quorum-as';

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

export const isResponse = (x: unknown): x is HttpResponseInit =>
  typeof x === 'object' && x !== null && 'status' in x && !('kind' in x);

/**
 * The caller of an API request, or the refusal to send. In production every call carries an Entra ID
 * access token issued for Quorum's API (audience), by an allowed tenant (issuer and tid); the app role
 * is no longer required for everything, only for creating committees. Locally the open API stays
 * open, and the tab's picker names a person with `x-quorum-as`.
 */
export async function callerOf(req: HttpRequest, config: Config): Promise<Caller | HttpResponseInit> {
  const picked = req.headers.get(LOCAL_IDENTITY_HEADER);
  if (config.api.auth === 'open') {
    if (picked === null) return { kind: 'anyone' };
    const id = GuidSchema.safeParse(picked.trim());
    if (!id.success) return problems(400, 'The local sign-in is not a person’s Entra object id.');
    return { kind: 'person', aadObjectId: id.data.toLowerCase(), tenantClerk: false };
  }
  // The local picker is a convenience for one machine; in production it is no identity at all.
  if (picked !== null)
    return challenge('invalid_request', 401, 'The local sign-in is not accepted here: sign in with your account.');
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
    const oid = GuidSchema.safeParse(payload.oid);
    if (!oid.success) {
      log.warn('api-refused', { reason: 'oid' });
      return challenge('invalid_token', 401, 'The access token does not say who you are; sign in again.');
    }
    const roles = Array.isArray(payload.roles) ? payload.roles : [];
    return { kind: 'person', aadObjectId: oid.data.toLowerCase(), tenantClerk: roles.includes(api.role) };
  } catch (err) {
    // jose's error codes say what failed (expired, audience, signature) without echoing the token.
    const code = err instanceof errors.JOSEError ? err.code : 'ERR_UNKNOWN';
    log.warn('api-refused', { reason: code });
    return challenge('invalid_token', 401, 'The access token is not valid for Quorum; sign in again.');
  }
}
