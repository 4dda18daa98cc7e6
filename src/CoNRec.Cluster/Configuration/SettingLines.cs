using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CoNRec.Cluster.Configuration;

/// <summary>
/// The 1-based line of each setting in a config file ("grpo.clipLow", "curriculum.stages[1].beta"), so that a
/// validation message, which starts with the setting it is about, can point at its line.
/// </summary>
internal sealed partial class SettingLines
{
    readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    public void Add(string path, int line) => _lines.TryAdd(path, line);

    public int? Of(string path) => _lines.TryGetValue(path, out var line) ? line : null;

    /// <summary>The line of the setting a message starts with, or of its nearest section the file has; null if none.</summary>
    public int? OfMessage(string message)
    {
        var match = LeadingSetting().Match(message);
        for (var path = match.Success ? match.Value : ""; path.Length > 0; path = Parent(path))
            if (Of(path) is { } line) return line;
        return null;
    }

    static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut < 0 ? "" : path[..cut];
    }

    /// <summary>The lines of a JSON document's settings (comments and trailing commas allowed).</summary>
    public static SettingLines OfJson(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var newlines = new List<long>();
        for (var i = 0; i < bytes.Length; i++)
            if (bytes[i] == (byte)'\n') newlines.Add(i);
        int LineAt(long offset)
        {
            var found = newlines.BinarySearch(offset);
            return (found < 0 ? ~found : found) + 1;
        }

        var lines = new SettingLines();
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var containers = new Stack<(string Path, bool IsArray, int Count)>();
        var pending = "";
        string ValuePath(int line)
        {
            if (containers.Count == 0 || !containers.Peek().IsArray) return pending;
            var (path, _, count) = containers.Pop();
            containers.Push((path, true, count + 1));
            var item = $"{path}[{count}]";
            lines.Add(item, line);
            return item;
        }

        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    var name = reader.GetString()!;
                    var parent = containers.Count == 0 ? "" : containers.Peek().Path;
                    pending = parent.Length == 0 ? name : $"{parent}.{name}";
                    lines.Add(pending, LineAt(reader.TokenStartIndex));
                    break;
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    containers.Push((ValuePath(LineAt(reader.TokenStartIndex)), reader.TokenType == JsonTokenType.StartArray, 0));
                    break;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    containers.Pop();
                    break;
                default:
                    ValuePath(LineAt(reader.TokenStartIndex));
                    break;
            }
        }
        return lines;
    }

    [GeneratedRegex(@"^[A-Za-z]\w*(?:\.[A-Za-z]\w*|\[\d+\])*")]
    private static partial Regex LeadingSetting();
}
