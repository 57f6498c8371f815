using EntraInboundProvisioning.Bench;

// bench generate <rows> <path>  |  bench engine <path>
switch (args)
{
    case ["generate", var rows, var path]:
        SyntheticHrFile.Write(path, int.Parse(rows));
        break;
    case ["engine", var path]:
        var (rowCount, users, requests, bytes, elapsed) = EngineRun.Run(path);
        long peak = PeakMemory.Bytes();
        Console.WriteLine($"{{\"rows\":{rowCount},\"users\":{users},\"requests\":{requests},\"bytes\":{bytes},\"seconds\":{elapsed.TotalSeconds:F3},\"peakBytes\":{peak}}}");
        break;
    default:
        Console.Error.WriteLine("usage: bench generate <rows> <path> | bench engine <path>");
        return 2;
}
return 0;
