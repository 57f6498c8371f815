namespace EntraInboundProvisioning.Engine.Tests.Provisioning;

/// <summary>A clock whose wall time and monotonic time move separately, as when the system clock is set back.</summary>
internal sealed class SteppedClock : TimeProvider
{
    private long _ticks;
    private DateTimeOffset _wall = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _wall;

    public override long GetTimestamp() => _ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public void Advance(TimeSpan elapsed)
    {
        _ticks += elapsed.Ticks;
        _wall += elapsed;
    }

    public void SetWallClock(DateTimeOffset wall) => _wall = wall;
}
