// Quorum in a council's own Azure subscription: Functions (the bot and the HTTP API), Cosmos DB for
// NoSQL, the Azure Bot with its Teams channel, Application Insights and Key Vault. Deployed by
// teamsapp.yml's `provision` stage (arm/deploy); its outputs are written to env/.env.<environment>.
//
// No keys in app settings: Cosmos DB is reached with the Function App's managed identity (data-plane
// RBAC, local auth disabled); the bot authenticates as a user-assigned managed identity (no client
// secret); the one secret Functions itself needs (its host storage) is a Key Vault reference.

@description('Used to name every resource, e.g. "quorumdev"; 3 to 18 lower-case letters and digits.')
@minLength(3)
@maxLength(18)
param resourceBaseName string

param location string = resourceGroup().location

@description('The council\'s Entra tenant.')
param tenantId string = subscription().tenantId

@description('Further tenants whose people may use this Quorum (a shared service), comma-separated.')
param additionalAllowedTenants string = ''

@description('The Entra app registration of the HTTP API (teamsapp.yml creates it): tokens must be issued for it.')
param apiClientId string

@description('Cosmos DB capacity: serverless (pay per request, nothing at rest but storage) or provisioned.')
@allowed(['serverless', 'provisioned'])
param cosmosCapacityMode string = 'serverless'

@description('Shared database throughput (RU/s) when cosmosCapacityMode is provisioned.')
@minValue(400)
param cosmosThroughput int = 400

@description('The Teams catalogue id of the published app, for installing Quorum for members who have never used it; empty turns that off.')
param teamsCatalogAppId string = ''

@description('Azure Bot pricing tier: F0 is free for standard channels such as Teams.')
@allowed(['F0', 'S1'])
param botSku string = 'F0'

param botDisplayName string = 'Quorum'

var databaseName = 'quorum'
// The containers and partition keys of bot/store/database.ts (a test keeps the two in step).
var containers = [
  { name: 'committees', partitionKey: '/committeeId' }
  { name: 'meetings', partitionKey: '/committeeId' }
  { name: 'responses', partitionKey: '/committeeId' }
  { name: 'rolls', partitionKey: '/committeeId' }
  { name: 'actions', partitionKey: '/committeeId' }
  { name: 'records', partitionKey: '/committeeId' }
  { name: 'people', partitionKey: '/tenantId' }
  { name: 'outbox', partitionKey: '/committeeId' }
]
var cosmosDataContributor = '00000000-0000-0000-0000-000000000002'
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

// ---------------------------------------------------------------------------------------------
// Identity of the bot: a user-assigned managed identity, so there is no bot secret to rotate.

resource botIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${resourceBaseName}-bot'
  location: location
}

// ---------------------------------------------------------------------------------------------
// Observability

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${resourceBaseName}-logs'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${resourceBaseName}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    DisableLocalAuth: false
  }
}

// ---------------------------------------------------------------------------------------------
// Cosmos DB for NoSQL: serverless by default; keys disabled, so only Entra identities get in.

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: '${resourceBaseName}-cosmos'
  location: location
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [{ locationName: location, failoverPriority: 0, isZoneRedundant: false }]
    consistencyPolicy: { defaultConsistencyLevel: 'Session' }
    capabilities: cosmosCapacityMode == 'serverless' ? [{ name: 'EnableServerless' }] : []
    disableLocalAuth: true
    minimalTlsVersion: 'Tls12'
    backupPolicy: { type: 'Continuous', continuousModeProperties: { tier: 'Continuous7Days' } }
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-05-15' = {
  parent: cosmos
  name: databaseName
  properties: {
    resource: { id: databaseName }
    options: cosmosCapacityMode == 'provisioned' ? { throughput: cosmosThroughput } : {}
  }
}

resource containerResources 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = [
  for c in containers: {
    parent: database
    name: c.name
    properties: {
      resource: {
        id: c.name
        partitionKey: { paths: [c.partitionKey], kind: 'Hash' }
        // Everything is queried by committee and a few fields; large text (minutes, card state)
        // need not be indexed, but indexing all keeps ad-hoc clerk queries working. Revisit at scale.
        indexingPolicy: {
          indexingMode: 'consistent'
          automatic: true
          includedPaths: [{ path: '/*' }]
          excludedPaths: [{ path: '/"_etag"/?' }]
        }
      }
    }
  }
]

// ---------------------------------------------------------------------------------------------
// Functions: Linux consumption plan, Node 20, Functions v4.

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: take('${resourceBaseName}fn${uniqueString(resourceGroup().id)}', 24)
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    supportsHttpsTrafficOnly: true
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: take('${resourceBaseName}-kv-${uniqueString(resourceGroup().id)}', 24)
  location: location
  properties: {
    tenantId: tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 30
  }
}

resource storageSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'functions-storage'
  properties: {
    value: 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${resourceBaseName}-plan'
  location: location
  kind: 'functionapp'
  sku: { name: 'Y1', tier: 'Dynamic' }
  properties: { reserved: true }
}

var storageReference = '@Microsoft.KeyVault(SecretUri=${storageSecret.properties.secretUri})'
var allowedTenants = empty(additionalAllowedTenants) ? tenantId : '${tenantId},${additionalAllowedTenants}'

resource functionApp 'Microsoft.Web/sites@2023-12-01' = {
  name: '${resourceBaseName}-func'
  location: location
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned, UserAssigned'
    userAssignedIdentities: { '${botIdentity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: 'SystemAssigned'
    siteConfig: {
      linuxFxVersion: 'Node|20'
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      appSettings: [
        { name: 'FUNCTIONS_EXTENSION_VERSION', value: '~4' }
        { name: 'FUNCTIONS_WORKER_RUNTIME', value: 'node' }
        { name: 'AzureWebJobsStorage', value: storageReference }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'QUORUM_MODE', value: 'production' }
        { name: 'QUORUM_LOAD_DEMO', value: 'false' }
        { name: 'QUORUM_TENANT_ID', value: tenantId }
        { name: 'QUORUM_ALLOWED_TENANTS', value: allowedTenants }
        { name: 'QUORUM_PUBLIC_URL', value: 'https://${resourceBaseName}-func.azurewebsites.net' }
        { name: 'QUORUM_API_AUDIENCE', value: apiClientId }
        { name: 'QUORUM_TEAMS_APP_ID', value: teamsCatalogAppId }
        { name: 'COSMOS_ENDPOINT', value: cosmos.properties.documentEndpoint }
        { name: 'COSMOS_DATABASE', value: databaseName }
        // The bot's identity; Cosmos DB is reached with the system-assigned one (DefaultAzureCredential).
        { name: 'MicrosoftAppType', value: 'UserAssignedMSI' }
        { name: 'MicrosoftAppId', value: botIdentity.properties.clientId }
        { name: 'MicrosoftAppTenantId', value: tenantId }
        // Graph as the bot's identity: an administrator grants it the application permissions (README).
        { name: 'GRAPH_CLIENT_ID', value: botIdentity.properties.clientId }
        { name: 'GRAPH_TENANT_ID', value: tenantId }
      ]
    }
  }
}

resource cosmosRole 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-05-15' = {
  parent: cosmos
  name: guid(cosmos.id, functionApp.id, cosmosDataContributor)
  properties: {
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/${cosmosDataContributor}'
    principalId: functionApp.identity.principalId
    scope: cosmos.id
  }
}

resource vaultRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, functionApp.id, keyVaultSecretsUser)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// ---------------------------------------------------------------------------------------------
// The Azure Bot, its Teams channel, pointing at the Functions endpoint.

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${resourceBaseName}-bot'
  location: 'global'
  kind: 'azurebot'
  sku: { name: botSku }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${functionApp.properties.defaultHostName}/api/messages'
    msaAppId: botIdentity.properties.clientId
    msaAppType: 'UserAssignedMSI'
    msaAppMSIResourceId: botIdentity.id
    msaAppTenantId: tenantId
    disableLocalAuth: false
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}

// Outputs are written to env/.env.<environment> by teamsapp.yml under these names.
output BOT_ID string = botIdentity.properties.clientId
output BOT_DOMAIN string = functionApp.properties.defaultHostName
output BOT_AZURE_FUNCTION_APP_RESOURCE_ID string = functionApp.id
output BOT_FUNCTION_ENDPOINT string = 'https://${functionApp.properties.defaultHostName}'
output COSMOS_ENDPOINT string = cosmos.properties.documentEndpoint
output BOT_IDENTITY_PRINCIPAL_ID string = botIdentity.properties.principalId
