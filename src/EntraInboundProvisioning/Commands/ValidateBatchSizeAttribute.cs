using System.Management.Automation;
using EntraInboundProvisioning.Engine.Batching;

namespace EntraInboundProvisioning.Commands;

/// <summary>Refuses a batch size the service would reject, and says why.</summary>
public sealed class ValidateBatchSizeAttribute : ValidateArgumentsAttribute
{
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        int size = LanguagePrimitives.ConvertTo<int>(arguments);
        if (size is < 1 or > BulkRequestBuilder.ServiceMaxOperations)
        {
            throw new ValidationMetadataException(
                $"-BatchSize {size} is out of range: a bulk request holds 1 to {BulkRequestBuilder.ServiceMaxOperations} operations, the most the bulkUpload API accepts.");
        }
    }
}
