using System.Text;
using EntraInboundProvisioning.Engine.Csv;

namespace EntraInboundProvisioning.Engine.Tests.Storage;

public class StreamSourceReaderTests
{
    [Fact]
    public void ReadsAStreamUnderItsDisplayNameAsAPathIsRead()
    {
        const string text = "WorkerID,Name\r\n1,Ann\r\n2,\"Bo\r\n3,Cy\r\n4,Di,extra\r\n";
        using var file = new TempFile(text);
        List<CsvReadResult> fromPath = [.. new HrCsvReader(file.Path).Read()];

        int opened = 0;
        const string name = "https://a.blob.core.windows.net/c/w.csv";
        var reader = new HrCsvReader(name, () =>
        {
            opened++;
            return new MemoryStream(Encoding.UTF8.GetBytes(text), writable: false);
        });
        List<CsvReadResult> fromStream = [.. reader.Read()];

        Assert.Equal(fromPath.Count, fromStream.Count);
        for (int i = 0; i < fromPath.Count; i++)
        {
            Assert.Equal(fromPath[i].Record?.LineNumber, fromStream[i].Record?.LineNumber);
            Assert.Equal(fromPath[i].Fault?.Message.Replace(file.Path, name), fromStream[i].Fault?.Message);
        }
        Assert.Equal(name, fromStream[0].Record!.SourceFile);
        // The unclosed quote on line 3 makes the reader read the source again from the start.
        Assert.Equal(2, opened);
        Assert.Equal(2, reader.RowsRejected);
    }
}
