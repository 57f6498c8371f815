using T = EntraInboundProvisioning.Engine.Scim.ScimAttributeType;

namespace EntraInboundProvisioning.Engine.Scim;

/// <summary>The SCIM core User (RFC 7643 section 4.1) and enterprise User (section 4.3) schemas.</summary>
public static class ScimSchemas
{
    public const string CoreUserUrn = "urn:ietf:params:scim:schemas:core:2.0:User";
    public const string EnterpriseUserUrn = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public const string BulkRequestUrn = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";

    private static ScimAttribute[] Plural(bool withDisplay = true) => withDisplay
        ? [new("value", T.String), new("display", T.String), new("type", T.String), new("primary", T.Boolean)]
        : [new("value", T.String), new("type", T.String), new("primary", T.Boolean)];

    public static ScimSchema CoreUser { get; } = new(CoreUserUrn,
    [
        new("externalId", T.String),
        new("userName", T.String),
        new("name", T.Complex, false,
            new("formatted", T.String), new("familyName", T.String), new("givenName", T.String),
            new("middleName", T.String), new("honorificPrefix", T.String), new("honorificSuffix", T.String)),
        new("displayName", T.String),
        new("nickName", T.String),
        new("profileUrl", T.Reference),
        new("title", T.String),
        new("userType", T.String),
        new("preferredLanguage", T.String),
        new("locale", T.String),
        new("timezone", T.String),
        new("active", T.Boolean),
        new("password", T.String),
        new("emails", T.Complex, true, Plural()),
        new("phoneNumbers", T.Complex, true, Plural()),
        new("ims", T.Complex, true, Plural()),
        new("photos", T.Complex, true, Plural()),
        new("addresses", T.Complex, true,
            new("formatted", T.String), new("streetAddress", T.String), new("locality", T.String), new("region", T.String),
            new("postalCode", T.String), new("country", T.String), new("type", T.String), new("primary", T.Boolean)),
        new("entitlements", T.Complex, true, Plural()),
        new("roles", T.Complex, true, Plural()),
        new("x509Certificates", T.Complex, true, Plural()),
    ]);

    public static ScimSchema EnterpriseUser { get; } = new(EnterpriseUserUrn,
    [
        new("employeeNumber", T.String),
        new("costCenter", T.String),
        new("organization", T.String),
        new("division", T.String),
        new("department", T.String),
        new("manager", T.Complex, false, new("value", T.String), new("$ref", T.Reference), new("displayName", T.String)),
    ]);
}
