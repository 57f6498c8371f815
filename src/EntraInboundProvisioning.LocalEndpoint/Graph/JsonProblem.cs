namespace EntraInboundProvisioning.LocalEndpoint.Graph;

/// <summary>Why a JSON body cannot be read one way: the path of the value or key ($.Operations[1].data.externalId) and a message that names it.</summary>
public sealed record JsonProblem(string Path, string Message);
