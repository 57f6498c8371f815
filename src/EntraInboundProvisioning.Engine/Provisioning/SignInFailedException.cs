namespace EntraInboundProvisioning.Engine.Provisioning;

/// <summary>The credential could not get a token: wrong secret, no managed identity here, a cancelled sign-in.</summary>
public sealed class SignInFailedException(string message, Exception inner) : Exception(message, inner);
