import { describe, expect, it } from 'vitest';
import committeeJson from '../../examples/lscsb-committee.json';
import { ConfigError, loadConfig } from '../../bot/config';
import { CommitteeSchema } from '../../bot/domain/committee';
import { upcomingQuarterlyFridays } from '../../bot/domain/demoCalendar';
import { describeRoles, topicsFor } from '../../bot/domain/help';
import { formatMeetingDateTime, londonInstant } from '../../bot/domain/londonTime';
import { byStart, hasFinished } from '../../bot/domain/meeting';
import { findPersonByAadObjectId, rolesOf } from '../../bot/domain/roles';
import { HELP_TOPICS } from '../../bot/features/help';

const committee = CommitteeSchema.parse(committeeJson);

describe('roles', () => {
  it('knows the chair is also a member, the clerk an officer, and an observer is not a member', () => {
    expect(rolesOf(committee, 'd-taylor')).toEqual(['member', 'chair']);
    expect(rolesOf(committee, 'n-bannister')).toEqual(['member', 'vice-chair']);
    expect(rolesOf(committee, 'e-walters')).toEqual(['officer', 'clerk']);
    expect(rolesOf(committee, 'c-wise')).toEqual(['observer']);
    expect(rolesOf(committee, 'nobody')).toEqual([]);
  });
  it('matches Entra object ids whatever their case', () => {
    expect(findPersonByAadObjectId(committee, 'A1B2C3D4-0000-4000-8000-000000000008')?.name).toBe('Cllr. M. Wyatt');
  });
  it('shows clerks the clerk-only commands and nobody else', () => {
    expect(topicsFor(HELP_TOPICS, ['clerk']).map((t) => t.command)).toContain('meetings');
    expect(topicsFor(HELP_TOPICS, ['member', 'chair']).map((t) => t.command)).not.toContain('meetings');
    expect(describeRoles(['member', 'chair'])).toBe('member, Chairman');
  });
});

describe('London time', () => {
  it('resolves BST and GMT from the date', () => {
    expect(londonInstant('2023-09-29', '10:00')).toBe('2023-09-29T10:00:00+01:00');
    expect(londonInstant('2023-12-15', '10:00')).toBe('2023-12-15T10:00:00+00:00');
  });
  it('prints a meeting as the papers do', () => {
    expect(formatMeetingDateTime('2023-09-29T10:00:00+01:00')).toBe('Friday 29 September 2023, 10.00am');
    expect(formatMeetingDateTime('2023-12-15T14:30:00Z')).toBe('Friday 15 December 2023, 2.30pm');
  });
  it('sorts by instant, not by text', () => {
    const a = { startsAt: '2023-10-29T01:30:00+01:00' }; // 00:30 UTC
    const b = { startsAt: '2023-10-29T01:00:00+00:00' }; // 01:00 UTC
    expect([b, a].sort(byStart)).toEqual([a, b]);
  });
  it('treats a meeting as finished when closed, cancelled, or past its end', () => {
    const m = { startsAt: '2023-09-29T10:00:00+01:00', status: 'scheduled' as const };
    expect(hasFinished(m, new Date('2023-09-29T10:30:00+01:00'))).toBe(false);
    expect(hasFinished({ ...m, endsAt: '2023-09-29T11:35:00+01:00' }, new Date('2023-09-29T11:36:00+01:00'))).toBe(
      true,
    );
    expect(hasFinished({ ...m, status: 'cancelled' }, new Date('2020-01-01'))).toBe(true);
  });
});

describe('demo calendar', () => {
  it('puts the first meeting on the Friday at least a week away, then every thirteen weeks', () => {
    expect(upcomingQuarterlyFridays(new Date('2026-11-24T09:00:00Z'), 3)).toEqual([
      '2026-12-04',
      '2027-03-05',
      '2027-06-04',
    ]);
    expect(upcomingQuarterlyFridays(new Date('2026-11-20T09:00:00Z'), 1)).toEqual(['2026-11-27']);
  });
});

describe('configuration', () => {
  it('runs locally with nothing set', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ mode: 'local', port: 3978, cosmos: { database: 'quorum' }, bot: { appId: '' } });
  });
  it('refuses production without credentials or Cosmos DB, naming each setting', () => {
    expect(() => loadConfig({ QUORUM_MODE: 'production' })).toThrow(ConfigError);
    const attempt = () => loadConfig({ QUORUM_MODE: 'production', PORT: 'eighty' });
    expect(attempt).toThrow(/MicrosoftAppId: is required in production/);
    expect(attempt).toThrow(/MicrosoftAppPassword: is required in production/);
    expect(attempt).toThrow(/COSMOS_ENDPOINT: is required in production/);
    expect(attempt).toThrow(/QUORUM_API_AUDIENCE: is required in production/);
    expect(attempt).toThrow(/PORT: Expected number/);
  });
  it('refuses a managed-identity or single-tenant bot without its tenant, before it starts', () => {
    const base = {
      QUORUM_MODE: 'production',
      MicrosoftAppId: 'app',
      COSMOS_ENDPOINT: 'https://quorum.documents.azure.com:443/',
      QUORUM_API_AUDIENCE: 'api://quorum-api',
    };
    expect(() => loadConfig({ ...base, MicrosoftAppType: 'UserAssignedMSI' })).toThrow(
      /MicrosoftAppTenantId: is required in production/,
    );
    expect(() => loadConfig({ ...base, MicrosoftAppType: 'SingleTenant', MicrosoftAppPassword: 's' })).toThrow(
      /MicrosoftAppTenantId: is required in production/,
    );
  });
  it('accepts production with credentials and an endpoint', () => {
    const c = loadConfig({
      QUORUM_MODE: 'production',
      MicrosoftAppId: 'app',
      MicrosoftAppPassword: 'secret',
      COSMOS_ENDPOINT: 'https://quorum.documents.azure.com:443/',
      QUORUM_API_AUDIENCE: 'api://quorum-api',
      QUORUM_TENANT_ID: '6E2C0D9A-1111-4222-8333-444455556666',
    });
    expect(c.mode).toBe('production');
    // The API takes Entra ID tokens from the council's tenant (v2.0 and v1.0 issuers), signed with its keys.
    expect(c.allowedTenants).toEqual(['6e2c0d9a-1111-4222-8333-444455556666']);
    expect(c.api).toEqual({
      auth: 'entra',
      audiences: ['api://quorum-api'],
      issuers: [
        'https://login.microsoftonline.com/6e2c0d9a-1111-4222-8333-444455556666/v2.0',
        'https://sts.windows.net/6e2c0d9a-1111-4222-8333-444455556666/',
      ],
      jwksUrl: 'https://login.microsoftonline.com/6E2C0D9A-1111-4222-8333-444455556666/discovery/v2.0/keys',
      role: 'Quorum.Clerk',
    });
    expect(loadConfig({}).api).toEqual({ auth: 'open' });
    const byClientId = loadConfig({
      QUORUM_MODE: 'production',
      MicrosoftAppId: 'app',
      MicrosoftAppPassword: 'secret',
      COSMOS_ENDPOINT: 'https://quorum.documents.azure.com:443/',
      QUORUM_API_AUDIENCE: '1c6a1d0e-5b0a-4a3e-9c8f-2f1b7a9d0e11',
    }).api;
    expect(byClientId).toMatchObject({
      audiences: ['1c6a1d0e-5b0a-4a3e-9c8f-2f1b7a9d0e11', 'api://1c6a1d0e-5b0a-4a3e-9c8f-2f1b7a9d0e11'],
    });
  });
});
