@{
    Synopsis    = 'Starts the local provisioning endpoint: an offline stand-in for Entra''s bulkUpload and provisioning-log APIs.'
    Description = @'
Start-ProvisioningEndpoint starts the module's local endpoint on 127.0.0.1, as a process of its own that ends with
the PowerShell session (Ctrl+C in this console stops what runs in PowerShell, not the endpoint), and returns its
address, its service principal and job ids and its local secrets. It is to
Entra API-driven provisioning what Azurite is to Azure Storage: try a mapping or a runbook before it touches a
tenant, without waiting 5 to 10 minutes for the logs.

The endpoint refuses (400) what Microsoft documents the service refuses: a content type other than
application/scim+json, and a body that is not parsable JSON or breaks the bulkUpload schema (the BulkRequest schema,
at most 50 POST /Users operations, each with a bulkId, a User and a non-empty externalId). What is only suspicious,
such as a bulkId used twice in a request (Microsoft's own example requests do it), is accepted and reported in the
warnings of /_local/info. It answers 202 with a Location header, applies the operations to an in-memory directory after -ProcessingDelay (create, update, disable or skip,
matched on externalId), and writes provisioning logs in the v1.0 provisioningObjectSummary shape, which
GET /auditLogs/provisioning returns with $filter, $top and @odata.nextLink paging.

Every Graph call needs a bearer token: the endpoint's own token (the Token property), or a managed-identity token
from its identity endpoint, which it serves as Azure Automation does (IDENTITY_ENDPOINT and IDENTITY_HEADER, protocol
2019-08-01). It enforces 40 calls per 5 seconds and a daily quota, and can inject 500 "bucket is full", 503, slow
answers and dropped connections, repeatably with -Seed.

The endpoint needs the .NET runtime with ASP.NET Core ('dotnet' on PATH). It can also be started on its own:
dotnet <module folder>/endpoint/EntraInboundProvisioning.LocalEndpoint.dll --help
'@
    Parameters  = @{
        Port                          = 'The TCP port on 127.0.0.1. 0 (the default) takes a free one. A port that another program listens on is the error StartProvisioningEndpointPortInUse, which names the port.'
        ConfigurationPath             = 'A JSON file of the endpoint''s options: its apps and jobs ({ "servicePrincipals": [ { "id", "appId", "displayName", "jobIds": [...] } ] }), faults and delay, as the endpoint''s --config takes them.'
        ProcessingDelay               = 'How long after an upload its operations are applied and logged: a TimeSpan or a number of seconds. 1 second by default.'
        RateLimit                     = 'Calls per 5 seconds before 429 with Retry-After. 40 by default, as the service; 0 for no limit.'
        DailyQuota                    = 'bulkUpload calls per UTC day before 429. 6000 by default; 0 for no quota.'
        Seed                          = 'The seed of the injected faults: the same seed and the same calls give the same faults.'
        BucketFullRate                = 'The share of uploads (0 to 1) answered 500 "bucket is full".'
        UnavailableRate               = 'The share of uploads answered 503 with Retry-After.'
        SlowRate                      = 'The share of uploads answered after a delay of 2 seconds.'
        DropRate                      = 'The share of uploads whose connection is dropped before any answer; those uploads are not applied.'
        SetManagedIdentityEnvironment = 'Sets IDENTITY_ENDPOINT and IDENTITY_HEADER in this process to the endpoint''s identity endpoint, as Azure Automation does for a runbook, so that a managed identity works against it. Stop-ProvisioningEndpoint clears them.'
        WhatIf                        = 'Shows what would be started, without starting it.'
        Confirm                       = 'Asks before starting the endpoint.'
    }
    Inputs      = @()
    Outputs     = @(@{ Type = 'EntraInboundProvisioning.LocalEndpoint.LocalProvisioningEndpoint'; Description = 'Uri, ServicePrincipalId, AppId, JobId, TenantId, IdentityEndpoint, ProvisioningApiEndpoint, ProcessId, and the secrets IdentityHeader and Token as SecureStrings.' })
    Notes       = @'
The endpoint listens on loopback only. Its /_local controls (info, directory, reset, tokens, faults) take the
endpoint's own Token. See about_EntraInboundProvisioning.
'@
    Examples    = @(
        @{
            Code    = '$ep = Start-ProvisioningEndpoint; Invoke-RestMethod "$($ep.Uri)_local/directory" -Authentication Bearer -Token $ep.Token -AllowUnencryptedAuthentication'
            Remarks = 'Starts the endpoint and lists the users it has provisioned (none yet).'
        }
        @{
            Code    = '$ep = Start-ProvisioningEndpoint -SetManagedIdentityEnvironment -RateLimit 10 -BucketFullRate 0.1 -Seed 42'
            Remarks = 'Starts an endpoint that behaves like Azure Automation''s managed identity, throttles at 10 calls per 5 seconds and answers one upload in ten with "bucket is full", the same ones on every run.'
        }
    )
    Links       = @('Stop-ProvisioningEndpoint', 'about_EntraInboundProvisioning')
}
