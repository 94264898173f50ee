import { z } from 'zod';

/**
 * All configuration, from the environment, checked once at start-up. Local mode needs nothing:
 * it embeds a Cosmos DB protocol server and accepts unauthenticated activities, like the Bot
 * Framework Emulator. Production mode refuses to start without bot credentials and a real Cosmos DB.
 */
const EnvSchema = z
  .object({
    QUORUM_MODE: z.enum(['local', 'production']).default('local'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    /** Where the local host keeps its Cosmos snapshot. */
    QUORUM_DATA_DIR: z.string().min(1).default('.data'),
    /** Local mode: where uploaded reports and built packs are kept (production keeps them in SharePoint). */
    QUORUM_FILES_DIR: z.string().min(1).optional(),
    /** The Entra tenant the demo and local Agents Playground use; in production, the council's tenant. */
    QUORUM_TENANT_ID: z.string().min(1).default('00000000-0000-0000-0000-0000000000001'),
    QUORUM_LOAD_DEMO: z.enum(['true', 'false']).default('true'),
    /** Where people reach the HTTP API (links on cards); defaults to the local host. */
    QUORUM_PUBLIC_URL: z.string().url('must be the https:// address people reach Quorum at').optional(),

    COSMOS_ENDPOINT: z.string().url('must be the https:// address of the Cosmos DB account').optional(),
    /** Account key; leave empty to use the managed identity (DefaultAzureCredential). */
    COSMOS_KEY: z.string().min(1).optional(),
    COSMOS_DATABASE: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,255}$/, 'letters, digits, _ and - only')
      .default('quorum'),

    /** Proactive messages per second (Teams allows a bot about 7 a second in one chat and 50 across a tenant). */
    QUORUM_SEND_RATE: z.coerce.number().min(0.1).max(50).default(10),
    /** Tries before a message is given up as undeliverable, with its reason kept for the clerk. */
    QUORUM_SEND_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
    /** The Teams app's id in the tenant's catalogue: Graph installs it for people who have never used Quorum. */
    QUORUM_TEAMS_APP_ID: z.string().min(1).optional(),
    /** The Bot Connector for the tenant's region, for the first message to a newly installed chat. */
    QUORUM_TEAMS_SERVICE_URL: z.string().url().default('https://smba.trafficmanager.net/uk/'),

    /** Tenants whose people may use Quorum, comma-separated; activities from any other are refused. */
    QUORUM_ALLOWED_TENANTS: z.string().optional(),
    /** The HTTP API's Entra app (client id and/or Application ID URI, comma-separated): its tokens' audience. */
    QUORUM_API_AUDIENCE: z.string().min(1).optional(),
    /** The app role a caller of the HTTP API must hold. */
    QUORUM_API_ROLE: z.string().min(1).default('Quorum.Clerk'),
    /** Where the token-signing keys are published; Entra ID's for the tenant unless set. */
    QUORUM_API_JWKS_URL: z.string().url().optional(),
    /** The token issuer; Entra ID's v2.0 issuer for the tenant unless set (v1.0 tokens are accepted too). */
    QUORUM_API_ISSUER: z.string().min(1).optional(),

    /** Microsoft Graph: on when a client id is set (defaults to the bot's own app registration). */
    GRAPH_CLIENT_ID: z.string().optional(),
    GRAPH_CLIENT_SECRET: z.string().optional(),
    GRAPH_TENANT_ID: z.string().optional(),
    GRAPH_BASE_URL: z.string().url().default('https://graph.microsoft.com'),
    GRAPH_AUTHORITY_HOST: z.string().url().default('https://login.microsoftonline.com'),

    MicrosoftAppId: z.string().optional(),
    MicrosoftAppPassword: z.string().optional(),
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
    MicrosoftAppTenantId: z.string().optional(),
  })
  .strip();

/** Checked on the raw settings, so they are reported even when another setting is malformed. */
function productionProblems(env: Record<string, string | undefined>): string[] {
  if (env.QUORUM_MODE !== 'production') return [];
  const need: [string, string][] = [['MicrosoftAppId', 'without it anyone could post activities to the bot']];
  if (env.MicrosoftAppType !== 'UserAssignedMSI')
    need.push(['MicrosoftAppPassword', 'the bot cannot authenticate to the Bot Connector without it']);
  // A single-tenant app or a managed identity authenticates against one tenant: it must be named.
  if (env.MicrosoftAppType === 'UserAssignedMSI' || env.MicrosoftAppType === 'SingleTenant')
    need.push(['MicrosoftAppTenantId', `a ${env.MicrosoftAppType} bot authenticates in one tenant, named here`]);
  need.push(['COSMOS_ENDPOINT', 'production data lives in Azure Cosmos DB']);
  need.push(['QUORUM_API_AUDIENCE', 'the HTTP API accepts only Entra ID tokens issued for it']);
  return need.filter(([key]) => !env[key]).map(([key, why]) => `  ${key}: is required in production: ${why}`);
}

export type Config = {
  mode: 'local' | 'production';
  port: number;
  dataDir: string;
  /** Local mode only: the folder for reports and packs. In production they are the committee's SharePoint files. */
  filesDir?: string;
  tenantId: string;
  loadDemo: boolean;
  publicUrl: string;
  sending: { ratePerSecond: number; maxAttempts: number; teamsAppId?: string; serviceUrl: string };
  cosmos: { endpoint?: string; key?: string; database: string };
  bot: {
    appId: string;
    appPassword: string;
    appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    appTenantId: string;
  };
  /** Tenants whose activities and tokens are accepted. */
  allowedTenants: string[];
  /** How the HTTP API checks callers: open on one machine, Entra ID bearer tokens in production. */
  api: { auth: 'open' } | { auth: 'entra'; audiences: string[]; issuers: string[]; jwksUrl: string; role: string };
  /** Absent when Graph is not configured: features that need it say so instead. */
  graph?: { clientId: string; clientSecret?: string; tenantId: string; baseUrl: string; authorityHost: string };
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings in .env files mean "not set".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  const lines = [
    ...(parsed.success ? [] : parsed.error.issues.map((i) => `  ${i.path.join('.') || '(environment)'}: ${i.message}`)),
    ...productionProblems(cleaned),
  ];
  if (!parsed.success || lines.length)
    throw new ConfigError(`Quorum cannot start; fix these settings:\n${lines.join('\n')}`);
  const e = parsed.data;
  const allowedTenants = (e.QUORUM_ALLOWED_TENANTS ?? e.QUORUM_TENANT_ID)
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);
  const login = e.GRAPH_AUTHORITY_HOST.replace(/\/$/, '');
  return {
    allowedTenants,
    api:
      e.QUORUM_MODE === 'production' && e.QUORUM_API_AUDIENCE
        ? {
            auth: 'entra',
            // v2.0 tokens carry the client id; v1.0 tokens the Application ID URI: accept both.
            audiences: e.QUORUM_API_AUDIENCE.split(',')
              .map((a) => a.trim())
              .filter(Boolean)
              .flatMap((a) => (/^[0-9a-f-]{36}$/i.test(a) ? [a, `api://${a}`] : [a])),
            issuers: e.QUORUM_API_ISSUER
              ? [e.QUORUM_API_ISSUER]
              : allowedTenants.flatMap((t) => [`${login}/${t}/v2.0`, `https://sts.windows.net/${t}/`]),
            jwksUrl: e.QUORUM_API_JWKS_URL ?? `${login}/${e.QUORUM_TENANT_ID}/discovery/v2.0/keys`,
            role: e.QUORUM_API_ROLE,
          }
        : { auth: 'open' },
    mode: e.QUORUM_MODE,
    port: e.PORT,
    dataDir: e.QUORUM_DATA_DIR,
    ...(e.QUORUM_MODE === 'local' ? { filesDir: e.QUORUM_FILES_DIR ?? `${e.QUORUM_DATA_DIR}/files` } : {}),
    tenantId: e.QUORUM_TENANT_ID,
    loadDemo: e.QUORUM_LOAD_DEMO === 'true',
    sending: {
      ratePerSecond: e.QUORUM_SEND_RATE,
      maxAttempts: e.QUORUM_SEND_ATTEMPTS,
      ...(e.QUORUM_TEAMS_APP_ID ? { teamsAppId: e.QUORUM_TEAMS_APP_ID } : {}),
      serviceUrl: e.QUORUM_TEAMS_SERVICE_URL,
    },
    publicUrl: (e.QUORUM_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    cosmos: { endpoint: e.COSMOS_ENDPOINT, key: e.COSMOS_KEY, database: e.COSMOS_DATABASE },
    ...(e.GRAPH_CLIENT_ID && (e.GRAPH_TENANT_ID ?? e.MicrosoftAppTenantId)
      ? {
          graph: {
            clientId: e.GRAPH_CLIENT_ID,
            clientSecret: e.GRAPH_CLIENT_SECRET,
            tenantId: (e.GRAPH_TENANT_ID ?? e.MicrosoftAppTenantId) as string,
            baseUrl: e.GRAPH_BASE_URL.replace(/\/$/, ''),
            authorityHost: e.GRAPH_AUTHORITY_HOST.replace(/\/$/, ''),
          },
        }
      : {}),
    bot: {
      appId: e.MicrosoftAppId ?? '',
      appPassword: e.MicrosoftAppPassword ?? '',
      appType: e.MicrosoftAppType ?? 'MultiTenant',
      appTenantId: e.MicrosoftAppTenantId ?? '',
    },
  };
}
