namespace EntraInboundProvisioning.Engine.LocalEndpoint;

/// <summary>How to start the local endpoint; null leaves the endpoint's own default.</summary>
public sealed record LocalEndpointSettings
{
    public int Port { get; init; }

    /// <summary>A JSON file of the endpoint's options: its apps and jobs (ServicePrincipals), faults, delay.</summary>
    public string? ConfigurationPath { get; init; }

    public TimeSpan? ProcessingDelay { get; init; }

    public int? RateLimitCalls { get; init; }

    public int? DailyQuota { get; init; }

    public int? Seed { get; init; }

    public double? BucketFullRate { get; init; }

    public double? UnavailableRate { get; init; }

    public double? SlowRate { get; init; }

    public double? DropRate { get; init; }

    public IEnumerable<string> ToArguments()
    {
        var args = new List<string>();
        if (ConfigurationPath is not null)
        {
            args.Add("--config");
            args.Add(ConfigurationPath);
        }
        args.Add("--port");
        args.Add(Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        void Add(string name, object? value)
        {
            if (value is not null)
            {
                args.Add(name);
                args.Add(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!);
            }
        }
        Add("--delay-ms", ProcessingDelay is { } delay ? (long)delay.TotalMilliseconds : null);
        Add("--rate-limit", RateLimitCalls);
        Add("--daily-quota", DailyQuota);
        Add("--seed", Seed);
        Add("--bucket-full-rate", BucketFullRate);
        Add("--unavailable-rate", UnavailableRate);
        Add("--slow-rate", SlowRate);
        Add("--drop-rate", DropRate);
        return args;
    }
}
