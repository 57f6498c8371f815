using EntraInboundProvisioning.Engine.Scim;

namespace EntraInboundProvisioning.Engine.Mapping;

/// <summary>
/// Checks a CSV2SCIM-style mapping against the SCIM core and enterprise User schemas and orders it as the JSON is
/// written: core attributes in schema order, then the enterprise extension, then custom extensions by name.
/// </summary>
public static class MappingCompiler
{
    // Distinct URNs a user might mean to write differ in more than a letter or two ("csv:1.0" against "enterprise:2.0").
    private const int MaxUrnTypoDistance = 2;

    private static readonly IEnumerable<string> CoreNames = ScimSchemas.CoreUser.Attributes.Select(a => a.Name);

    public static ScimMapping Compile(IReadOnlyList<KeyValuePair<string, MappingValue>> root, CustomNamespaceOptions? customNamespace = null)
    {
        var core = new List<MappedAttribute>();
        var extensions = new List<MappedExtension>();
        CheckUniqueKeys(root, string.Empty);

        foreach ((string key, MappingValue value) in root)
        {
            if (key.StartsWith("urn:", StringComparison.OrdinalIgnoreCase))
            {
                if (value is not ComplexMappingValue members)
                {
                    throw new MappingException(key, $"Mapping key '{key}' is a schema extension: its value must be a hashtable of attributes, such as @{{ department = 'Department' }}.");
                }
                if (string.Equals(key, ScimSchemas.CoreUserUrn, StringComparison.OrdinalIgnoreCase))
                {
                    core.AddRange(CompileMembers(members, ScimSchemas.CoreUser.Attributes, key + "."));
                }
                else if (string.Equals(key, ScimSchemas.EnterpriseUserUrn, StringComparison.OrdinalIgnoreCase))
                {
                    extensions.Add(new MappedExtension(ScimSchemas.EnterpriseUserUrn,
                        CompileMembers(members, ScimSchemas.EnterpriseUser.Attributes, key + "."), IsCustom: false));
                }
                else
                {
                    CheckUniqueKeys(members.Members, key + ".");
                    extensions.Add(new MappedExtension(key, members.Members
                        .OrderBy(m => m.Key, StringComparer.Ordinal)
                        .Select(m => CompileCustom(m.Key, m.Value, key + "." + m.Key)).ToList(), IsCustom: true));
                }
                continue;
            }

            if (ScimSchemas.CoreUser.IndexOf(key) < 0)
            {
                throw new MappingException(key, UnknownAttributeMessage(key, key, CoreNames,
                    ScimSchemas.EnterpriseUser.IndexOf(key) >= 0
                        ? $" '{key}' belongs to the enterprise extension: put it under '{ScimSchemas.EnterpriseUserUrn}' = @{{ ... }}."
                        : null));
            }
            core.Add(CompileAttribute(ScimSchemas.CoreUser.Attributes[ScimSchemas.CoreUser.IndexOf(key)], value, key));
        }

        if (customNamespace is not null)
        {
            CheckCustomNamespace(customNamespace.Urn);
        }

        core.Sort((a, b) => ScimSchemas.CoreUser.IndexOf(a.Attribute.Name).CompareTo(ScimSchemas.CoreUser.IndexOf(b.Attribute.Name)));
        extensions.Sort((a, b) => a.IsCustom == b.IsCustom ? string.CompareOrdinal(a.Urn, b.Urn) : a.IsCustom ? 1 : -1);
        return new ScimMapping(core, extensions, customNamespace, Warnings(core, extensions, customNamespace));
    }

    /// <summary>Throws when -ScimSchemaNamespace is a standard schema or a namespace the service would not take.</summary>
    public static void CheckCustomNamespace(string urn)
    {
        if (string.Equals(urn, ScimSchemas.CoreUserUrn, StringComparison.OrdinalIgnoreCase)
            || string.Equals(urn, ScimSchemas.EnterpriseUserUrn, StringComparison.OrdinalIgnoreCase))
        {
            throw new MappingException(urn, $"'{urn}' is a standard SCIM schema, not a namespace for the export's own columns: " +
                "give one of your own, such as 'urn:ietf:params:scim:schemas:extension:csv:1.0:User' (Entra reads its attributes as custom attributes).");
        }
        if (Jobs.SchemaAttributeName.NamespaceProblem(urn) is { } problem)
        {
            throw new MappingException(urn, "-ScimSchemaNamespace: " + problem);
        }
    }

    /// <summary>
    /// Checks that a record has every column the mapping reads; throws a MappingException naming the key and the
    /// nearest column the record has. A column a scriptblock reads defensively (with a fallback) may be absent: that
    /// gives a warning instead, returned to be written once.
    /// </summary>
    public static IReadOnlyList<string> CheckColumns(ScimMapping mapping, IWorkerRecord record)
    {
        var warnings = new List<string>();
        string where = record.SourceFile is { } file ? $" (first record: {file}:{record.LineNumber})" : string.Empty;
        foreach ((string key, string column, bool computed, bool defensive) in mapping.ColumnKeys())
        {
            if (computed ? record.HasMember(column) : record.TryGetField(column, out _))
            {
                continue;
            }
            string suggestion = NameSuggester.DidYouMean(column, record.FieldNames);
            if (defensive)
            {
                warnings.Add($"Mapping key '{key}' reads the column '{column}' in its scriptblock, which the input does not have{where}; " +
                    $"the scriptblock checks for it or has a fallback, so it is converted with that.{suggestion}");
                continue;
            }
            throw new MappingException(key,
                $"Mapping key '{key}' reads the column '{column}'{(computed ? " in its scriptblock" : string.Empty)}, which the input does not have{where}." +
                suggestion +
                (computed ? " Correct the column name in the scriptblock, or read it defensively ($_.Name ?? 'fallback')." : " Correct the column name in the mapping, or use a scriptblock for a computed value."));
        }
        foreach (string column in mapping.CustomNamespace?.Columns ?? [])
        {
            if (!record.TryGetField(column, out _))
            {
                throw new MappingException("-NamespaceColumn", $"-NamespaceColumn names the column '{column}', which the input does not have{where}." +
                    NameSuggester.DidYouMean(column, record.FieldNames) + " Correct the column name.");
            }
        }
        return warnings;
    }

    private static List<string> Warnings(List<MappedAttribute> core, List<MappedExtension> extensions, CustomNamespaceOptions? customNamespace)
    {
        var warnings = new List<string>();
        if (!core.Any(a => a.Attribute.Name == "active"))
        {
            warnings.Add("The mapping does not map 'active': Entra then treats every worker it sends as disabled (blocked from " +
                "signing in). Map it from the worker's status, such as active = { $_.WorkerStatus -eq 'Active' }.");
        }
        IEnumerable<string> customUrns = extensions.Where(e => e.IsCustom).Select(e => e.Urn);
        foreach (string urn in customNamespace is null ? customUrns : customUrns.Append(customNamespace.Urn).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            foreach (string known in new[] { ScimSchemas.EnterpriseUserUrn, ScimSchemas.CoreUserUrn })
            {
                if (NameSuggester.Distance(urn.ToLowerInvariant(), known.ToLowerInvariant()) is > 0 and <= MaxUrnTypoDistance)
                {
                    warnings.Add($"The extension '{urn}' is almost '{known}' but not quite, so its attributes go to a custom extension " +
                        $"that Entra reads as custom attributes, not as the standard ones. If you meant the standard schema, write '{known}'.");
                }
            }
        }
        return warnings;
    }

    private static MappedAttribute CompileAttribute(ScimAttribute attribute, MappingValue value, string key)
    {
        if (attribute.MultiValued)
        {
            if (value is ComputedMappingValue computed && attribute.IsComplex)
            {
                return new MappedAttribute { Key = key, Attribute = attribute, Getter = new ComputedGetter(computed.Source, computed.Columns, computed.DefensiveColumns) };
            }
            if (value is not ArrayMappingValue array)
            {
                string example = attribute.IsComplex ? $"@( @{{ {string.Join("; ", attribute.SubAttributes.Take(2).Select(s => s.Name + " = ..."))} }} )" : "@( ... )";
                throw new MappingException(key, $"Mapping key '{key}' is multi-valued: give it as an array, such as {key} = {example}.");
            }
            var items = new List<MappedAttribute>();
            for (int i = 0; i < array.Items.Count; i++)
            {
                string itemKey = $"{key}[{i}]";
                var itemAttribute = new ScimAttribute(attribute.Name, attribute.Type, false, [.. attribute.SubAttributes]);
                items.Add(CompileSingle(itemAttribute, array.Items[i], itemKey));
            }
            return new MappedAttribute { Key = key, Attribute = attribute, Items = items };
        }
        if (value is ArrayMappingValue)
        {
            throw new MappingException(key, $"Mapping key '{key}' takes a single value, not an array: give a column name, a scriptblock or (for complex attributes) a hashtable.");
        }
        return CompileSingle(attribute, value, key);
    }

    private static MappedAttribute CompileSingle(ScimAttribute attribute, MappingValue value, string key)
    {
        if (attribute.IsComplex)
        {
            // A scriptblock may compute the whole complex value as a hashtable; its keys are checked when it runs.
            if (value is ComputedMappingValue computed)
            {
                return new MappedAttribute { Key = key, Attribute = attribute, Getter = new ComputedGetter(computed.Source, computed.Columns, computed.DefensiveColumns) };
            }
            if (value is not ComplexMappingValue members)
            {
                throw new MappingException(key, $"Mapping key '{key}' is a complex attribute: give a hashtable of its sub-attributes " +
                    $"({string.Join(", ", attribute.SubAttributes.Select(s => s.Name))}) or a scriptblock that returns one, such as {key.Split('[')[0]} = @{{ {attribute.SubAttributes[0].Name} = 'Column' }}.");
            }
            return new MappedAttribute { Key = key, Attribute = attribute, Members = CompileMembers(members, attribute.SubAttributes, key + ".") };
        }
        return value switch
        {
            ColumnMappingValue column => new MappedAttribute { Key = key, Attribute = attribute, Getter = new ColumnGetter(column.Column) },
            ComputedMappingValue computed => new MappedAttribute { Key = key, Attribute = attribute, Getter = new ComputedGetter(computed.Source, computed.Columns, computed.DefensiveColumns) },
            _ => throw new MappingException(key, $"Mapping key '{key}' is a simple attribute ({attribute.Type.ToString().ToLowerInvariant()}): give a column name or a scriptblock, not a hashtable or an array."),
        };
    }

    private static List<MappedAttribute> CompileMembers(ComplexMappingValue members, IReadOnlyList<ScimAttribute> allowed, string prefix)
    {
        CheckUniqueKeys(members.Members, prefix);
        var result = new List<MappedAttribute>();
        var names = allowed.Select(a => a.Name).ToList();
        foreach ((string name, MappingValue value) in members.Members)
        {
            int index = names.FindIndex(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                throw new MappingException(prefix + name, UnknownAttributeMessage(prefix + name, name, names, null));
            }
            result.Add(CompileAttribute(allowed[index], value, prefix + allowed[index].Name));
        }
        result.Sort((a, b) => names.IndexOf(a.Attribute.Name).CompareTo(names.IndexOf(b.Attribute.Name)));
        return result;
    }

    private static MappedAttribute CompileCustom(string name, MappingValue value, string key) => value switch
    {
        ColumnMappingValue column => new MappedAttribute { Key = key, Attribute = new ScimAttribute(name, ScimAttributeType.Any), Getter = new ColumnGetter(column.Column) },
        ComputedMappingValue computed => new MappedAttribute { Key = key, Attribute = new ScimAttribute(name, ScimAttributeType.Any), Getter = new ComputedGetter(computed.Source, computed.Columns, computed.DefensiveColumns) },
        ComplexMappingValue members => new MappedAttribute
        {
            Key = key,
            Attribute = new ScimAttribute(name, ScimAttributeType.Complex),
            Members = members.Members.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => CompileCustom(m.Key, m.Value, key + "." + m.Key)).ToList(),
        },
        ArrayMappingValue array => new MappedAttribute
        {
            Key = key,
            Attribute = new ScimAttribute(name, ScimAttributeType.Any, multiValued: true),
            Items = array.Items.Select((item, i) => CompileCustom(name, item, $"{key}[{i}]")).ToList(),
        },
        _ => throw new MappingException(key, $"Mapping key '{key}' has a value of an unknown kind."),
    };

    private static void CheckUniqueKeys(IEnumerable<KeyValuePair<string, MappingValue>> members, string prefix)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, MappingValue> member in members)
        {
            if (string.IsNullOrWhiteSpace(member.Key))
            {
                throw new MappingException(prefix, $"The mapping has an empty key{(prefix.Length > 0 ? " under '" + prefix.TrimEnd('.') + "'" : string.Empty)}.");
            }
            if (!seen.Add(member.Key))
            {
                throw new MappingException(prefix + member.Key, $"Mapping key '{prefix}{member.Key}' is given twice (keys are matched without regard to case). Keep one.");
            }
        }
    }

    private static string UnknownAttributeMessage(string key, string name, IEnumerable<string> valid, string? extra) =>
        $"Mapping key '{key}' is not an attribute of the SCIM schema.{NameSuggester.DidYouMean(name, valid)}{extra} " +
        $"Valid names here: {string.Join(", ", valid)}. Custom attributes go under a custom extension key such as 'urn:ietf:params:scim:schemas:extension:csv:1.0:User'.";
}
