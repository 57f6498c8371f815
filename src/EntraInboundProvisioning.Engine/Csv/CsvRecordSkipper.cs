namespace EntraInboundProvisioning.Engine.Csv;

/// <summary>
/// Moves through input without keeping it, for the records the CSV reader cannot hold: it counts lines as the CSV
/// reader does (CR, LF and CR LF each end one) and follows RFC 4180 quoting to find where a record ends.
/// </summary>
internal static class CsvRecordSkipper
{
    private const int Quote = '"';
    private const int Cr = '\r';
    private const int Lf = '\n';

    /// <summary>Skips <paramref name="count"/> lines; false when the input ends first.</summary>
    public static bool SkipLines(Utf8SourceStream input, long count)
    {
        for (long skipped = 0; skipped < count;)
        {
            int b = input.ReadByte();
            if (b < 0)
            {
                return false;
            }
            if (b == Lf || b == Cr)
            {
                skipped++;
                SkipLfAfterCr(input, b);
            }
        }
        return true;
    }

    /// <summary>Skips one record from the start of a line to the line break that ends it outside quotes.</summary>
    public static SkippedRecord SkipRecord(Utf8SourceStream input, char delimiter)
    {
        long lines = 1;
        int fields = 1;
        bool wellFormed = true;
        var state = State.FieldStart;
        while (true)
        {
            int b = input.ReadByte();
            if (b < 0)
            {
                return new SkippedRecord(lines, fields, state != State.Quoted, wellFormed);
            }
            switch (state)
            {
                case State.Quoted:
                    if (b == Quote)
                    {
                        state = State.QuoteInQuoted;
                    }
                    else if (b == Lf || b == Cr)
                    {
                        lines++;
                        SkipLfAfterCr(input, b);
                    }
                    continue;
                case State.QuoteInQuoted when b == Quote:
                    state = State.Quoted;
                    continue;
                case State.FieldStart when b == Quote:
                    state = State.Quoted;
                    continue;
            }
            if (b == Lf || b == Cr)
            {
                SkipLfAfterCr(input, b);
                return new SkippedRecord(lines, fields, true, wellFormed);
            }
            if (b == delimiter)
            {
                fields++;
                state = State.FieldStart;
            }
            else if (state == State.QuoteInQuoted)
            {
                wellFormed = false;
                state = State.Unquoted;
            }
            else if (state == State.FieldStart)
            {
                state = State.Unquoted;
            }
        }
    }

    private static void SkipLfAfterCr(Utf8SourceStream input, int b)
    {
        if (b == Cr && input.PeekByte() == Lf)
        {
            input.ReadByte();
        }
    }

    private enum State
    {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
}
