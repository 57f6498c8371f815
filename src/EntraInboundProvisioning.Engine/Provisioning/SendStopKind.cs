namespace EntraInboundProvisioning.Engine.Provisioning;

/// <summary>Why a run stopped sending: after it, every request is given back as <see cref="SendStatus.NotSent"/>.</summary>
public enum SendStopKind
{
    QuotaExhausted,
    Unreachable,
    RetryAfterTooLong,
    Unauthorized,
    Forbidden,
    JobNotFound,
    SignInFailed,
}
