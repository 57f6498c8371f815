using System.Globalization;
using System.Text.Json;

namespace EntraInboundProvisioning.LocalEndpoint;

/// <summary>The endpoint's command line: every option has a --name; --config reads the options from a JSON file first.</summary>
public static class CommandLine
{
    public const string Usage = """
        EntraInboundProvisioning.LocalEndpoint [options]
          --port N                  port on 127.0.0.1 (0, the default, takes a free one)
          --delay-ms N              time before an upload is applied and logged (1000)
          --token T                 a static token with every permission (made up when not given)
          --identity-header H       the managed-identity secret (made up when not given)
          --rate-limit N            calls per window before 429 (40; 0 for none)
          --rate-window-ms N        the window (5000)
          --daily-quota N           bulkUpload calls per UTC day (6000; 0 for none)
          --seed N                  seed of the injected faults (1)
          --bucket-full-rate R      share of uploads answered 500 "bucket is full" (0)
          --unavailable-rate R      share answered 503 with Retry-After (0)
          --slow-rate R             share answered after --slow-ms (0)
          --slow-ms N               (2000)
          --drop-rate R             share whose connection is dropped (0)
          --deletion-threshold N    disables per cycle before the job is quarantined (TooManyDeletes) (0, off)
          --reset-rate R            share applied, then whose connection is reset (0)
          --gateway-timeout-rate R  share applied, then answered 504 (0)
          --hold-rate R             share applied, then whose answer is held for --hold-ms (0)
          --hold-ms N               (600000)
          --latency-ms N            time added before every bulkUpload answer (0)
          --parent-pid N            stop when this process ends, and leave Ctrl+C in its console to it
          --config FILE             options as JSON (ServicePrincipals, Faults, ...)
        It prints one JSON line with its address, ids and secrets, then serves until stopped.
        """;

    private const int MaxPort = 65535;

    public static (LocalEndpointOptions Options, int? ParentPid) Parse(string[] args)
    {
        var options = new LocalEndpointOptions();
        int? parent = null;
        int configIndex = Array.IndexOf(args, "--config");
        if (configIndex >= 0 && configIndex + 1 < args.Length)
        {
            options = JsonSerializer.Deserialize<LocalEndpointOptions>(File.ReadAllText(args[configIndex + 1]),
                new JsonSerializerOptions(JsonSerializerDefaults.Web)) ?? options;
        }
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value (--help lists the options and their values).");
            int Int(int min = 0, int max = int.MaxValue) =>
                int.TryParse(Next(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max
                    ? value
                    : throw new ArgumentException($"{name} takes a whole number from {min} to {max}; '{args[i]}' is not one.");
            TimeSpan Milliseconds() => TimeSpan.FromMilliseconds(Int());
            double Rate() =>
                double.TryParse(Next(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value >= 0 && value <= 1
                    ? value
                    : throw new ArgumentException($"{name} takes a share from 0 to 1; '{args[i]}' is not one.");
            switch (name)
            {
                case "--port": options.Port = Int(max: MaxPort); break;
                case "--delay-ms": options.ProcessingDelay = Milliseconds(); break;
                case "--token": options.StaticToken = Next(); break;
                case "--identity-header": options.IdentityHeader = Next(); break;
                case "--rate-limit": options.Faults.RateLimitCalls = Int(); break;
                case "--rate-window-ms": options.Faults.RateLimitWindow = TimeSpan.FromMilliseconds(Int(min: 1)); break;
                case "--daily-quota": options.Faults.DailyQuota = Int(); break;
                case "--seed": options.Faults.Seed = Int(min: int.MinValue); break;
                case "--bucket-full-rate": options.Faults.BucketFullRate = Rate(); break;
                case "--unavailable-rate": options.Faults.UnavailableRate = Rate(); break;
                case "--slow-rate": options.Faults.SlowRate = Rate(); break;
                case "--slow-ms": options.Faults.SlowDelay = Milliseconds(); break;
                case "--drop-rate": options.Faults.DropRate = Rate(); break;
                case "--deletion-threshold": options.DeletionThreshold = Int(); break;
                case "--reset-rate": options.Faults.ResetRate = Rate(); break;
                case "--gateway-timeout-rate": options.Faults.GatewayTimeoutRate = Rate(); break;
                case "--hold-rate": options.Faults.HoldRate = Rate(); break;
                case "--hold-ms": options.Faults.HoldDelay = Milliseconds(); break;
                case "--latency-ms": options.Faults.Latency = Milliseconds(); break;
                case "--parent-pid": parent = Int(min: 1); break;
                case "--config": i++; break;
                default: throw new ArgumentException($"Unknown option '{name}'.\n{Usage}");
            }
        }
        if (options.Port is < 0 or > MaxPort)
        {
            throw new ArgumentException($"The port of --config takes a whole number from 0 to {MaxPort}; {options.Port} is not one.");
        }
        return (options, parent);
    }
}
