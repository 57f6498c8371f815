namespace EntraInboundProvisioning.Engine.Identity;

/// <summary>A cloud's sign-in authority and Graph endpoint, which always go together.</summary>
public sealed record CloudEndpoints(Uri AuthorityHost, Uri GraphUri)
{
    public static CloudEndpoints For(CloudEnvironment environment) => environment switch
    {
        CloudEnvironment.Global => new(new Uri("https://login.microsoftonline.com/"), new Uri("https://graph.microsoft.com/")),
        CloudEnvironment.USGov => new(new Uri("https://login.microsoftonline.us/"), new Uri("https://graph.microsoft.us/")),
        CloudEnvironment.USGovDoD => new(new Uri("https://login.microsoftonline.us/"), new Uri("https://dod-graph.microsoft.us/")),
        CloudEnvironment.China => new(new Uri("https://login.chinacloudapi.cn/"), new Uri("https://microsoftgraph.chinacloudapi.cn/")),
        _ => throw new ArgumentOutOfRangeException(nameof(environment), environment, "Unknown cloud."),
    };

    /// <summary>The scope of Graph application permissions on this cloud, such as https://graph.microsoft.com/.default.</summary>
    public string Scope => new Uri(GraphUri, ".default").ToString();
}
