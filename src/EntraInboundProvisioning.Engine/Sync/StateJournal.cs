using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace EntraInboundProvisioning.Engine.Sync;

/// <summary>
/// The journal of a state kept elsewhere (a blob): one line of JSON per recorded request, holding the rows that the
/// request wrote (its workers or pending rows, the request and its run) as they are after the commit. Replaying a line
/// writes those rows again, so replaying twice, or over a database that already has them, changes nothing. A request
/// is journaled twice: as in flight (Unknown, its pending rows) before its body goes out, and when its answer settles
/// it; a refusal (Failed, NotSent) replays as the deletion of its pending rows (and, NotSent, of its request row).
/// Values keep SQLite's types: numbers, text, null, and blobs as {"b": base64}.
/// </summary>
public static class StateJournal
{
    private static readonly string[] Tables = ["workers", "pending", "requests", "runs"];

    /// <summary>The line for a request that <see cref="SyncRun"/> has just committed, ending in a line feed.</summary>
    public static string Capture(ProvisioningState state, RecordedRequest request)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("run", request.RunId);
            json.WriteNumber("request", request.Index);
            json.WriteString("status", request.Status);
            json.WriteStartArray("rows");
            string? table = request.Status switch { "Accepted" => "workers", "Unknown" => "pending", _ => null };
            if (table is not null)
            {
                using SqliteCommand rows = state.Command($"SELECT * FROM {table} WHERE external_id = $id");
                SqliteParameter id = rows.Parameters.Add("$id", SqliteType.Text);
                foreach (string externalId in request.ExternalIds)
                {
                    id.Value = externalId;
                    WriteRows(json, table, rows);
                }
            }
            using (SqliteCommand requestRow = state.Command("SELECT * FROM requests WHERE run_id = $run AND request_index = $index"))
            {
                requestRow.Parameters.AddWithValue("$run", request.RunId);
                requestRow.Parameters.AddWithValue("$index", request.Index);
                WriteRows(json, "requests", requestRow);
            }
            using (SqliteCommand runRow = state.Command("SELECT * FROM runs WHERE id = $run"))
            {
                runRow.Parameters.AddWithValue("$run", request.RunId);
                WriteRows(json, "runs", runRow);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>
    /// Writes the rows of every complete line of <paramref name="journal"/> in one transaction; returns the number of
    /// requests replayed (a request written ahead and then settled has two lines). A last line without its line feed
    /// (an append cut short) is ignored: its request was not journaled, as if the process had stopped before.
    /// </summary>
    public static int Replay(SqliteConnection connection, Stream journal, string location)
    {
        using var reader = new StreamReader(journal, new UTF8Encoding(false, true));
        string text = reader.ReadToEnd();
        int end = text.LastIndexOf('\n');
        if (end < 0)
        {
            return 0;
        }
        var replayed = new HashSet<(long Run, long Request)>();
        using SqliteTransaction transaction = connection.BeginTransaction();
        int lineNumber = 0;
        foreach (string line in text[..end].Split('\n'))
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }
            try
            {
                using JsonDocument entry = JsonDocument.Parse(line);
                BackOut(connection, transaction, entry.RootElement);
                foreach (JsonElement row in entry.RootElement.GetProperty("rows").EnumerateArray())
                {
                    WriteRow(connection, transaction, row);
                }
                replayed.Add((entry.RootElement.GetProperty("run").GetInt64(), entry.RootElement.GetProperty("request").GetInt64()));
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new InvalidDataException($"The journal of the state '{location}' ('{location}.journal') is damaged at line {lineNumber} ({ex.Message}). " +
                    "Copy that journal elsewhere and delete it to open the state without the requests it holds; those requests' workers are then sent again.", ex);
            }
        }
        transaction.Commit();
        return replayed.Count;
    }

    private static void BackOut(SqliteConnection connection, SqliteTransaction transaction, JsonElement entry)
    {
        string status = entry.GetProperty("status").GetString() ?? "";
        if (status is "Accepted" or "Unknown")
        {
            return;
        }
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = SyncRun.BackOutSql(status);
        command.Parameters.AddWithValue("$run", entry.GetProperty("run").GetInt64());
        command.Parameters.AddWithValue("$index", entry.GetProperty("request").GetInt64());
        command.ExecuteNonQuery();
    }

    private static void WriteRows(Utf8JsonWriter json, string table, SqliteCommand command)
    {
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            json.WriteStartObject();
            json.WriteString("table", table);
            json.WriteStartObject("values");
            for (int i = 0; i < reader.FieldCount; i++)
            {
                json.WritePropertyName(reader.GetName(i));
                switch (reader.IsDBNull(i) ? null : reader.GetValue(i))
                {
                    case null:
                        json.WriteNullValue();
                        break;
                    case long number:
                        json.WriteNumberValue(number);
                        break;
                    case double real:
                        json.WriteNumberValue(real);
                        break;
                    case byte[] bytes:
                        json.WriteStartObject();
                        json.WriteBase64String("b", bytes);
                        json.WriteEndObject();
                        break;
                    case var value:
                        json.WriteStringValue(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                        break;
                }
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
    }

    private static void WriteRow(SqliteConnection connection, SqliteTransaction transaction, JsonElement row)
    {
        string table = row.GetProperty("table").GetString() ?? "";
        if (!Tables.Contains(table))
        {
            throw new FormatException($"'{table}' is not a table a journal writes");
        }
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        var columns = new List<string>();
        foreach (JsonProperty column in row.GetProperty("values").EnumerateObject())
        {
            if (!column.Name.All(c => char.IsAsciiLetterLower(c) || c == '_'))
            {
                throw new FormatException($"'{column.Name}' is not a column name");
            }
            string parameter = "$p" + columns.Count;
            columns.Add(column.Name);
            command.Parameters.AddWithValue(parameter, column.Value.ValueKind switch
            {
                JsonValueKind.Null => DBNull.Value,
                JsonValueKind.Number when column.Value.TryGetInt64(out long number) => number,
                JsonValueKind.Number => column.Value.GetDouble(),
                JsonValueKind.String => column.Value.GetString()!,
                JsonValueKind.Object => column.Value.GetProperty("b").GetBytesFromBase64(),
                _ => throw new FormatException($"the value of {column.Name} is {column.Value.ValueKind}"),
            });
        }
        command.CommandText = $"INSERT OR REPLACE INTO {table}({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
        if (table == "workers")
        {
            // As when the request was accepted: a worker accepted is no longer in doubt.
            command.CommandText += "; DELETE FROM pending WHERE external_id = $p" + columns.IndexOf("external_id");
        }
        command.ExecuteNonQuery();
    }
}
