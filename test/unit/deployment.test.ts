import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONTAINERS } from '../../bot/store/database';

const root = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const manifest = JSON.parse(read('appPackage/manifest.json')) as Record<string, unknown> & {
  manifestVersion: string;
  bots: { scopes: string[]; commandLists: { scopes: string[]; commands: { title: string }[] }[] }[];
  authorization: { permissions: { resourceSpecific: { name: string }[] } };
  icons: { color: string; outline: string };
};

/** The Teams schema for this manifest version, as the Microsoft 365 Agents Toolkit ships it (no download). */
function teamsSchema(version: string): object {
  const path = require.resolve(
    `@microsoft/app-manifest/build/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`,
  );
  return JSON.parse(readFileSync(path, 'utf8')) as object;
}

/** Toolkit placeholders (${{TEAMS_APP_ID}}) filled as provision fills them, so formats are checked too. */
const filled = JSON.parse(
  read('appPackage/manifest.json')
    .replace(/\$\{\{(TEAMS_APP_ID|BOT_ID|AAD_APP_CLIENT_ID)\}\}/g, '1c6a1d0e-5b0a-4a3e-9c8f-2f1b7a9d0e11')
    .replace(/\$\{\{BOT_DOMAIN\}\}/g, 'quorum-func-abc123.azurewebsites.net'),
) as object;

describe('the Teams app package', () => {
  it('validates against the Teams manifest schema of its version', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(teamsSchema(manifest.manifestVersion));
    const valid = validate(filled);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(manifest.$schema).toContain(`/v${manifest.manifestVersion}/`);
  });

  it('would fail validation if the manifest were wrong (the check can fail)', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(teamsSchema(manifest.manifestVersion));
    expect(validate({ ...filled, bots: [{ botId: 'x', scopes: ['everywhere'] }] })).toBe(false);
  });

  it('puts the bot in personal chats, teams and group (meeting) chats, with the meeting permissions', () => {
    expect(manifest.bots[0]?.scopes).toEqual(['personal', 'team', 'groupChat']);
    const commands = manifest.bots[0]!.commandLists.flatMap((l) => l.commands.map((c) => c.title));
    for (const c of ['help', 'agenda', 'roll call', 'my actions', 'declare']) expect(commands).toContain(c);
    expect(manifest.authorization.permissions.resourceSpecific.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        'OnlineMeeting.ReadBasic.Chat',
        'OnlineMeetingParticipant.Read.Chat',
        'ChatMessage.Read.Chat',
      ]),
    );
  });

  it('has icons of the sizes Teams requires (colour 192×192, outline 32×32)', () => {
    const size = (file: string) => {
      const png = readFileSync(join(root, 'appPackage', file));
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      return [png.readUInt32BE(16), png.readUInt32BE(20)];
    };
    expect(size(manifest.icons.color)).toEqual([192, 192]);
    expect(size(manifest.icons.outline)).toEqual([32, 32]);
  });
});

/** `${{NAME}}` placeholders the Toolkit fills from env/.env.<environment>. */
const placeholders = (text: string) =>
  [...text.matchAll(/\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g)].map((m) => m[1] as string);
const envKeys = (file: string) =>
  read(file)
    .split('\n')
    .map((l) => /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(l)?.[1])
    .filter((k): k is string => !!k);

type Step = { uses: string; with?: Record<string, unknown>; writeToEnvironmentFile?: Record<string, string> };

describe('the Toolkit lifecycle and the Bicep template', () => {
  const bicep = read('infra/azure.bicep');
  const params = new Map([...bicep.matchAll(/^param (\w+) \w+( = .*)?$/gm)].map((m) => [m[1] as string, !!m[2]]));
  const outputs = [...bicep.matchAll(/^output (\w+) /gm)].map((m) => m[1] as string);
  const parameters = JSON.parse(read('infra/azure.parameters.json')) as { parameters: Record<string, unknown> };
  const lifecycle = parse(read('m365agents.yml')) as Record<'provision' | 'deploy' | 'publish', Step[]>;
  const written = Object.values(lifecycle)
    .flat()
    .flatMap((s) => Object.values(s.writeToEnvironmentFile ?? {}));
  const armDeploys = lifecycle.provision.filter((s) => s.uses === 'arm/deploy');

  it('passes every parameter the template needs, and no other', () => {
    expect(params.size).toBeGreaterThan(5);
    for (const name of Object.keys(parameters.parameters)) expect([...params.keys()]).toContain(name);
    for (const [name, hasDefault] of params)
      if (!hasDefault) expect(Object.keys(parameters.parameters)).toContain(name);
  });

  it('deploys that template with those parameters', () => {
    expect(armDeploys).toHaveLength(1);
    const templates = armDeploys[0]!.with!.templates as { path: string; parameters: string }[];
    expect(templates).toEqual([
      expect.objectContaining({ path: './infra/azure.bicep', parameters: './infra/azure.parameters.json' }),
    ]);
  });

  it('fills every placeholder from env/.env.dev, a step before it, or the template’s outputs', () => {
    const known = new Set([...envKeys('env/.env.dev'), ...written, ...outputs]);
    const used = [
      ...placeholders(read('m365agents.yml')),
      ...placeholders(read('infra/azure.parameters.json')),
      ...placeholders(read('appPackage/manifest.json')),
      ...placeholders(read('aad.manifest.json')),
    ];
    expect(used.length).toBeGreaterThan(10);
    expect([...new Set(used.filter((p) => !known.has(p)))]).toEqual([]);
    // What deploy and the manifest rely on comes out of provision.
    for (const name of ['BOT_ID', 'BOT_DOMAIN', 'BOT_AZURE_FUNCTION_APP_RESOURCE_ID']) expect(outputs).toContain(name);
  });

  it('creates every container the store uses, with its partition key', () => {
    const inBicep = [...bicep.matchAll(/\{ name: '(\w+)', partitionKey: '([^']+)' \}/g)].map((m) => [m[1], m[2]]);
    expect(Object.fromEntries(inBicep)).toEqual(CONTAINERS);
  });

  it('keeps keys out of the app settings: Cosmos DB by managed identity, the bot as a managed identity', () => {
    expect(bicep).toContain('disableLocalAuth: true');
    expect(bicep).not.toMatch(/COSMOS_KEY|listKeys\(\)[^\n]*COSMOS|MicrosoftAppPassword/);
    expect(bicep).toContain("{ name: 'MicrosoftAppType', value: 'UserAssignedMSI' }");
    expect(bicep).toContain("{ name: 'QUORUM_MODE', value: 'production' }");
  });
});

describe('the workspace tab in the app package', () => {
  const m = manifest as unknown as {
    staticTabs: { entityId: string; contentUrl?: string; scopes: string[] }[];
    configurableTabs: { configurationUrl: string; scopes: string[] }[];
    webApplicationInfo: { id: string; resource: string };
    validDomains: string[];
  };
  const aad = JSON.parse(read('aad.manifest.json')) as {
    identifierUris: string[];
    oauth2Permissions: { value: string; id: string }[];
    preAuthorizedApplications: { appId: string; permissionIds: string[] }[];
  };

  it('is a personal tab served by the Function App, and a channel or group-chat tab for one committee', () => {
    expect(m.staticTabs.find((t) => t.entityId === 'workspace')?.contentUrl).toBe('https://${{BOT_DOMAIN}}/');
    expect(m.configurableTabs[0]?.configurationUrl).toBe('https://${{BOT_DOMAIN}}/#/configure');
    expect(m.configurableTabs[0]?.scopes).toEqual(['team', 'groupChat']);
    expect(m.validDomains).toContain('${{BOT_DOMAIN}}');
  });

  it('signs people in with Teams SSO against the API’s own Entra app, Teams’ clients pre-authorised', () => {
    expect(m.webApplicationInfo.id).toBe('${{AAD_APP_CLIENT_ID}}');
    expect(aad.identifierUris).toContain(m.webApplicationInfo.resource);
    const scope = aad.oauth2Permissions.find((p) => p.value === 'access_as_user');
    expect(scope).toBeDefined();
    // Teams desktop/mobile and Teams on the web.
    expect(aad.preAuthorizedApplications.map((a) => a.appId).sort()).toEqual([
      '1fec8e78-bce4-4aaf-ab1b-5451cc387264',
      '5e3ce6c0-2b1f-4285-8d4b-75ee78787346',
    ]);
    for (const a of aad.preAuthorizedApplications) expect(a.permissionIds).toEqual([scope?.id]);
  });
});
