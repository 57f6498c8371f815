using Microsoft.Data.Sqlite;

namespace EntraInboundProvisioning.Engine.Sync;

/// <summary>
/// Gives each staged user its depth in the run's management chain: 0 when its manager is not in the run, else one more
/// than its manager's, so that sending by depth sends every manager before the workers who report to them. The users
/// left without a depth hang in or under a cycle; each cycle is broken at its first worker (by externalId), which is
/// sent as if its manager were not in the run.
/// </summary>
internal static class ManagerOrder
{
    public static IReadOnlyList<string> Assign(ProvisioningState state)
    {
        state.Execute("""
            UPDATE stage.users SET depth = 0
            WHERE kind = 5 OR manager_id IS NULL OR manager_id = external_id
               OR NOT EXISTS (SELECT 1 FROM stage.users m WHERE m.external_id = stage.users.manager_id AND m.kind <> 5)
            """);
        var cycles = new List<string>();
        long depth = Propagate(state, 0);
        while (Unordered(state) is { Count: > 0 } left)
        {
            List<string> cycle = FindCycle(left);
            string root = cycle.Min(StringComparer.Ordinal)!;
            int at = cycle.IndexOf(root);
            List<string> fromRoot = [.. cycle.Skip(at), .. cycle.Take(at), root];
            cycles.Add(string.Join(" -> ", fromRoot));
            using (SqliteCommand command = state.Command("UPDATE stage.users SET depth = $depth WHERE external_id = $id"))
            {
                command.Parameters.AddWithValue("$depth", depth + 1);
                command.Parameters.AddWithValue("$id", root);
                command.ExecuteNonQuery();
            }
            depth = Propagate(state, depth + 1);
        }
        return cycles;
    }

    private static long Propagate(ProvisioningState state, long from)
    {
        long depth = from;
        using SqliteCommand command = state.Command("""
            UPDATE stage.users SET depth = $depth + 1
            WHERE depth IS NULL AND manager_id IN (SELECT external_id FROM stage.users WHERE depth = $depth AND kind <> 5)
            """);
        SqliteParameter parameter = command.Parameters.Add("$depth", SqliteType.Integer);
        while (true)
        {
            parameter.Value = depth;
            if (command.ExecuteNonQuery() == 0)
            {
                return Math.Max(depth, Convert.ToInt64(state.Scalar("SELECT COALESCE(MAX(depth), 0) FROM stage.users")));
            }
            depth++;
        }
    }

    private static Dictionary<string, string> Unordered(ProvisioningState state)
    {
        using SqliteCommand command = state.Command("SELECT external_id, manager_id FROM stage.users WHERE depth IS NULL");
        using SqliteDataReader reader = command.ExecuteReader();
        var left = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            left[reader.GetString(0)] = reader.GetString(1);
        }
        return left;
    }

    /// <summary>Follows managers from the first unordered user until one repeats: every unordered user leads into a cycle.</summary>
    internal static List<string> FindCycle(IReadOnlyDictionary<string, string> managerOf)
    {
        string start = managerOf.Keys.Min(StringComparer.Ordinal)!;
        var path = new List<string>();
        var at = new Dictionary<string, int>(StringComparer.Ordinal);
        string current = start;
        while (!at.ContainsKey(current))
        {
            at[current] = path.Count;
            path.Add(current);
            current = managerOf[current];
        }
        return path.GetRange(at[current], path.Count - at[current]);
    }
}
