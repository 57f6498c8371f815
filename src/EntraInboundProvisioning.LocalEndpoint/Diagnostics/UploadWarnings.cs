namespace EntraInboundProvisioning.LocalEndpoint.Diagnostics;

/// <summary>
/// What the endpoint accepted but found suspicious: the latest warnings are kept for /_local/info, and each is told to
/// whoever listens (the endpoint's console).
/// </summary>
public sealed class UploadWarnings
{
    public const int Kept = 100;

    private readonly object _gate = new();
    private readonly Queue<UploadWarning> _latest = new();

    public event Action<UploadWarning>? Reported;

    public void Report(UploadWarning warning)
    {
        lock (_gate)
        {
            if (_latest.Count == Kept)
            {
                _latest.Dequeue();
            }
            _latest.Enqueue(warning);
        }
        Reported?.Invoke(warning);
    }

    public List<UploadWarning> Latest()
    {
        lock (_gate)
        {
            return [.. _latest];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _latest.Clear();
        }
    }
}
