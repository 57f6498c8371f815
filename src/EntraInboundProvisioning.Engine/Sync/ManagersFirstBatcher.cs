using EntraInboundProvisioning.Engine.Batching;

namespace EntraInboundProvisioning.Engine.Sync;

/// <summary>
/// Packs a run's users, handed out managers first, into bulk requests and gives each request the sender's wave, so
/// that requests in flight together never hold a worker and that worker's manager: the service resolves a manager only
/// against users it has already processed.
/// </summary>
/// <remarks>
/// Users come sorted by depth, leavers last. A request may join the wave before it only when both hold users of one
/// and the same depth (users of one depth never manage each other), or when it holds only leavers (their managers were
/// accepted by earlier runs). Any other request starts a new wave, which the sender starts only once every request
/// before it has its result. Within one request the operations keep their order, managers before their reports.
/// </remarks>
public sealed class ManagersFirstBatcher(BulkRequestBuilder builder)
{
    private readonly List<StagedUser> _pending = [];
    private int _wave;
    private long? _waveDepth;
    private bool _started;

    /// <summary>Adds a user; returns the request it completed, or null.</summary>
    public ScimBulkRequest? Add(StagedUser user)
    {
        _pending.Add(user);
        return builder.Add(user.User) is { } request ? Assign(request) : null;
    }

    /// <summary>The request of the users added since the last full one, or null when there are none.</summary>
    public ScimBulkRequest? Flush() => builder.Flush() is { } request ? Assign(request) : null;

    private ScimBulkRequest Assign(ScimBulkRequest request)
    {
        long[] depths = _pending.Where(u => u.Kind != StagedKind.Leaver).Select(u => u.Depth).Distinct().ToArray();
        _pending.Clear();
        if (depths.Length == 0 && _started)
        {
            request.Wave = _wave;
            return request;
        }
        bool joins = _started && depths.Length == 1 && _waveDepth == depths[0];
        if (!joins)
        {
            _wave += _started ? 1 : 0;
            _started = true;
            _waveDepth = depths.Length == 1 ? depths[0] : null;
        }
        request.Wave = _wave;
        return request;
    }
}
