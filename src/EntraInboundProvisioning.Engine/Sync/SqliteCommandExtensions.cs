using Microsoft.Data.Sqlite;

namespace EntraInboundProvisioning.Engine.Sync;

internal static class SqliteCommandExtensions
{
    public static int ExecuteNonQueryAndDispose(this SqliteCommand command)
    {
        using (command)
        {
            return command.ExecuteNonQuery();
        }
    }
}
