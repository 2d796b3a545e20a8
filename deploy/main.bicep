// COP Guide Bot on Azure: the container image (Dockerfile) on App Service for Linux, an Azure Bot with its Teams
// and Direct Line channels, blob storage for the bot's state and PostgreSQL for the organisers' data and the rate
// limits, so that more than one instance can serve the bot.
//
//   az deployment group create -g <group> -f deploy/main.bicep -p containerImage=<image> postgresAdminPassword=<password>
//
// deploy/azuredeploy.json is the same template as ARM JSON (written by hand: keep the two in step;
// test/deploy/template.test.ts compares their parameters, resources, outputs and app settings).

@description('Short lowercase name (letters and digits, starting with a letter) put at the start of every resource name.')
@minLength(3)
@maxLength(12)
param namePrefix string = 'copbot'

@description('Azure region of the resources (the Azure Bot itself is global).')
param location string = resourceGroup().location

@description('The bot\'s container image, built from the Dockerfile, e.g. myregistry.azurecr.io/cop-guide-bot:1.')
param containerImage string

@description('Name of an Azure Container Registry in this resource group that holds containerImage: the app pulls from it with its managed identity (AcrPull). Empty: the image is public.')
param containerRegistryName string = ''

@description('App Service plan size. Basic (B1) or higher: Always On and several instances need it.')
param appServicePlanSku string = 'B1'

@description('Azure Bot pricing tier: F0 (free) or S1.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('The bot\'s name as people see it in Teams and Web Chat.')
param botDisplayName string = 'COP Guide Bot'

@description('How the bot authenticates to Bot Framework: UserAssignedMSI (a managed identity made here, no secret) or SingleTenant (an existing Entra app registration: botAppId and botAppPassword).')
@allowed([
  'UserAssignedMSI'
  'SingleTenant'
])
param botAppType string = 'UserAssignedMSI'

@description('SingleTenant only: the Microsoft App ID (client id) of the app registration.')
param botAppId string = ''

@description('SingleTenant only: a client secret of the app registration.')
@secure()
param botAppPassword string = ''

@description('SingleTenant only: the tenant of the app registration.')
param botAppTenantId string = subscription().tenantId

@description('Blob container that holds the bot\'s user and conversation state.')
@minLength(3)
@maxLength(63)
param blobContainerName string = 'bot-state'

@description('Bot state (who a user said they are, where a conversation was) neither read nor written for this many days is deleted by the storage account\'s lifecycle policy, as STATE_IDLE_MINUTES forgets it in memory.')
@minValue(1)
@maxValue(3650)
param stateIdleDays int = 1

@description('PostgreSQL major version.')
@allowed([
  '16'
  '17'
])
param postgresVersion string = '16'

@description('PostgreSQL compute size, e.g. Standard_B1ms (Burstable) or Standard_D2ds_v5 (GeneralPurpose).')
param postgresSkuName string = 'Standard_B1ms'

@description('PostgreSQL compute tier; it must match postgresSkuName.')
@allowed([
  'Burstable'
  'GeneralPurpose'
  'MemoryOptimized'
])
param postgresSkuTier string = 'Burstable'

@description('PostgreSQL storage in GiB.')
@minValue(32)
param postgresStorageSizeGB int = 32

@description('PostgreSQL administrator login (not azure_superuser, admin, administrator, root, guest or public).')
param postgresAdminLogin string = 'copbotadmin'

@description('PostgreSQL administrator password: 8 to 128 characters from three of upper case, lower case, digits and symbols.')
@secure()
@minLength(8)
@maxLength(128)
param postgresAdminPassword string

@description('The database the bot uses on the PostgreSQL server.')
param postgresDatabaseName string = 'copguidebot'

@description('Bearer token for GET /admin/report, at least 16 characters (e.g. openssl rand -hex 24). Empty: the report route is off.')
@secure()
param adminToken string = ''

@description('OpenTelemetry collector (OTLP/HTTP) address for the bot\'s traces, such as http://otel-collector:4318. Empty: telemetry off.')
param otlpEndpoint string = ''

var suffix = uniqueString(resourceGroup().id)
var identityName = '${namePrefix}-identity'
var planName = '${namePrefix}-plan'
var webAppName = '${namePrefix}-${suffix}'
var webAppHostName = '${webAppName}.azurewebsites.net'
var botName = '${namePrefix}-bot-${suffix}'
var storageAccountName = take(toLower('${namePrefix}${suffix}'), 24)
var postgresServerName = '${namePrefix}-pg-${suffix}'
var useManagedIdentity = botAppType == 'UserAssignedMSI'
var useRegistry = !empty(containerRegistryName)
// Built-in role "AcrPull": pull images from a container registry.
var acrPullRoleId = '7f951dda-4ed3-4680-a7ca-43fe172d538d'
var botPort = '3978'

// The bot's identity (UserAssignedMSI) and the one the app pulls its image with.
resource botIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: identityName
  location: location
}

// Only read when containerRegistryName is set ('none' keeps the role assignment's scope well formed when it is not).
resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: useRegistry ? containerRegistryName : 'none'
}

resource acrPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (useRegistry) {
  name: guid(resourceGroup().id, containerRegistryName, identityName, acrPullRoleId)
  scope: registry
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', acrPullRoleId)
    principalId: botIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Bot state (STATE_STORAGE=blob): every instance reads and writes the same users and conversations.
resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    // When each blob was last read, for the lifecycle rule below.
    lastAccessTimeTrackingPolicy: {
      enable: true
      name: 'AccessTimeTracking'
      trackingGranularityInDays: 1
      blobType: [
        'blockBlob'
      ]
    }
  }
}

// Idle state is forgotten, as in memory: a blob not read or written for stateIdleDays days is deleted.
resource stateLifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          enabled: true
          name: 'forget-idle-bot-state'
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: [
                '${blobContainerName}/'
              ]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterLastAccessTimeGreaterThan: stateIdleDays
                }
              }
            }
          }
        }
      ]
    }
  }
  dependsOn: [
    blobService
  ]
}

resource stateContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: blobContainerName
  properties: {
    publicAccess: 'None'
  }
}

// The organisers' data and the rate limits (DATABASE_URL), shared by every instance.
resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: postgresServerName
  location: location
  sku: {
    name: postgresSkuName
    tier: postgresSkuTier
  }
  properties: {
    version: postgresVersion
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    storage: {
      storageSizeGB: postgresStorageSizeGB
    }
    backup: {
      backupRetentionDays: 7
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: 'Disabled'
    }
  }
}

resource postgresDatabase 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: postgresDatabaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

// 0.0.0.0 to 0.0.0.0 is Azure's rule for "allow Azure services": connections from inside Azure, with the password, over TLS.
resource postgresFirewall 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = {
  parent: postgres
  name: 'AllowAllAzureServicesAndResourcesWithinAzureIps'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: planName
  location: location
  kind: 'linux'
  sku: {
    name: appServicePlanSku
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  kind: 'app,linux,container'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${botIdentity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // No sticky sessions: any instance can serve any request, since state is in blob storage and PostgreSQL.
    clientAffinityEnabled: false
    siteConfig: {
      linuxFxVersion: 'DOCKER|${containerImage}'
      acrUseManagedIdentityCreds: useRegistry
      acrUserManagedIdentityID: useRegistry ? botIdentity.properties.clientId : null
      alwaysOn: true
      healthCheckPath: '/healthz'
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      http20Enabled: true
      appSettings: [
        {
          name: 'WEBSITES_PORT'
          value: botPort
        }
        {
          name: 'PORT'
          value: botPort
        }
        {
          name: 'TRUST_PROXY'
          value: '1'
        }
        {
          name: 'KB_WATCH'
          value: 'false'
        }
        {
          name: 'BOT_PUBLIC_URL'
          value: 'https://${webAppHostName}'
        }
        {
          name: 'MicrosoftAppType'
          value: botAppType
        }
        {
          name: 'MicrosoftAppId'
          value: useManagedIdentity ? botIdentity.properties.clientId : botAppId
        }
        {
          name: 'MicrosoftAppPassword'
          value: useManagedIdentity ? '' : botAppPassword
        }
        {
          name: 'MicrosoftAppTenantId'
          value: useManagedIdentity ? botIdentity.properties.tenantId : botAppTenantId
        }
        {
          name: 'ADMIN_TOKEN'
          value: adminToken
        }
        {
          name: 'STATE_STORAGE'
          value: 'blob'
        }
        {
          name: 'BLOB_CONNECTION_STRING'
          value: 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'
        }
        {
          name: 'BLOB_CONTAINER'
          value: blobContainerName
        }
        {
          name: 'DATABASE_URL'
          value: 'postgres://${uriComponent(postgresAdminLogin)}:${uriComponent(postgresAdminPassword)}@${postgres.properties.fullyQualifiedDomainName}:5432/${postgresDatabaseName}?sslmode=verify-full'
        }
        {
          name: 'OTEL_EXPORTER_OTLP_ENDPOINT'
          value: otlpEndpoint
        }
      ]
    }
  }
  dependsOn: [
    acrPull
    stateContainer
    postgresDatabase
    postgresFirewall
  ]
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botName
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${site.properties.defaultHostName}/api/messages'
    msaAppType: botAppType
    msaAppId: useManagedIdentity ? botIdentity.properties.clientId : botAppId
    msaAppTenantId: useManagedIdentity ? botIdentity.properties.tenantId : botAppTenantId
    msaAppMSIResourceId: useManagedIdentity ? botIdentity.id : null
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      enableCalling: false
    }
  }
}

resource directLineChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'DirectLineChannel'
  location: 'global'
  properties: {
    channelName: 'DirectLineChannel'
    properties: {
      sites: [
        {
          siteName: 'Default Site'
          isEnabled: true
          isV1Enabled: false
          isV3Enabled: true
          isSecureSiteEnabled: false
        }
      ]
    }
  }
}

@description('The web app\'s name (for az webapp commands).')
output webAppName string = site.name

@description('Where the bot\'s own Web Chat page is.')
output webAppUrl string = 'https://${site.properties.defaultHostName}'

@description('The Azure Bot\'s messaging endpoint.')
output botEndpoint string = 'https://${site.properties.defaultHostName}/api/messages'

@description('The Azure Bot resource\'s name.')
output botName string = bot.name

@description('The bot\'s Microsoft App ID: give it to npm run teams:package.')
output microsoftAppId string = useManagedIdentity ? botIdentity.properties.clientId : botAppId
