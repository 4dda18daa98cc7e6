using System.Text;
using System.Text.Json;
using CoNRec.Core.Data;
using CoNRec.Model.Policy;
using CoNRec.Core.IO;

namespace CoNRec.Model.Vocab;

/// <summary>
/// vocab.json: <c>{"format": "conrec-vocabulary", "version": 1, "title_tokenizer": "bpe" | "pretrained",
/// "sid_level_sizes": [...], "fingerprint": "...", "tokens": [...], "bpe_merges": [["a", "b"], ...]}</c>.
/// Loading rebuilds the vocabulary from its parts and checks that the tokens and fingerprint come out the same.
/// </summary>
public sealed partial class Vocabulary
{
    public const string FileName = "vocab.json";
    const string Format = "conrec-vocabulary";
    const int Version = 1;

    /// <summary>Writes vocab.json atomically (a file path, or a folder to write vocab.json into).</summary>
    public void Save(string path)
    {
        if (Directory.Exists(path)) path = Path.Combine(path, FileName);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = true,
            // Tokens stay readable ("<a_1>", not "\u003Ca_1\u003E"); the file is data, never embedded in HTML.
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteNumber("version", Version);
            w.WriteString("title_tokenizer", Titles.Kind);
            w.WriteStartArray("sid_level_sizes");
            foreach (var size in Sid.LevelSizes) w.WriteNumberValue(size);
            w.WriteEndArray();
            w.WriteString("fingerprint", Fingerprint);
            w.WriteStartArray("tokens");
            foreach (var token in _tokens) w.WriteStringValue(token);
            w.WriteEndArray();
            if (Titles is BpeTitleTokenizer bpe)
            {
                w.WriteStartArray("bpe_merges");
                foreach (var (left, right) in bpe.Merges)
                {
                    w.WriteStartArray();
                    w.WriteStringValue(left);
                    w.WriteStringValue(right);
                    w.WriteEndArray();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        AtomicText.Write(path, Encoding.UTF8.GetString(buffer.ToArray()));
    }

    /// <summary>Reads vocab.json (a file path, or a folder holding vocab.json).</summary>
    /// <param name="pretrainedTokenizerFolder">Required when the vocabulary was built on a pretrained tokenizer.</param>
    /// <exception cref="DataFileException">The file is missing, malformed, or does not match its own fingerprint or tokenizer.</exception>
    public static Vocabulary Load(string path, string? pretrainedTokenizerFolder = null)
    {
        if (Directory.Exists(path)) path = Path.Combine(path, FileName);
        if (!File.Exists(path)) throw new DataFileException(path, null, "no such vocabulary file");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            throw new DataFileException(path, (int)(e.LineNumber ?? 0) + 1, $"malformed JSON ({e.Message})", e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Str(path, root, "format") != Format)
                throw new DataFileException(path, null, $"not a vocabulary file (\"format\" must be \"{Format}\")");
            if (Property(path, root, "version", JsonValueKind.Number).GetInt32() != Version)
                throw new DataFileException(path, null, $"vocabulary version {root.GetProperty("version")}, this build reads {Version}");
            var levels = Property(path, root, "sid_level_sizes", JsonValueKind.Array).EnumerateArray().Select(e => Int(path, e, "sid_level_sizes")).ToArray();
            var tokens = Property(path, root, "tokens", JsonValueKind.Array).EnumerateArray().Select(e => StrValue(path, e, "tokens")).ToArray();
            var kind = Str(path, root, "title_tokenizer");
            Vocabulary rebuilt;
            try
            {
                rebuilt = kind switch
                {
                    "bpe" => Create(levels, new BpeTitleTokenizer(TitlePieces(path, tokens, levels), Merges(path, root))),
                    "pretrained" => Create(levels, PretrainedTokenizer.Load(pretrainedTokenizerFolder
                        ?? throw new DataFileException(path, null, "this vocabulary was built on a pretrained tokenizer: give its folder"))),
                    _ => throw new DataFileException(path, null, $"title_tokenizer '{kind}' is neither bpe nor pretrained"),
                };
            }
            catch (ArgumentException e)
            {
                throw new DataFileException(path, null, e.Message, e);
            }
            if (!rebuilt._tokens.AsSpan().SequenceEqual(tokens))
                throw new DataFileException(path, null, kind == "pretrained"
                    ? $"the tokenizer in {pretrainedTokenizerFolder} differs from the one this vocabulary was built with"
                    : "the tokens do not follow the vocabulary layout (reserved tokens, SID block, title pieces)");
            if (Str(path, root, "fingerprint") != rebuilt.Fingerprint)
                throw new DataFileException(path, null, $"the fingerprint does not match the tokens (computed {rebuilt.Fingerprint})");
            return rebuilt;
        }
    }

    static string[] TitlePieces(string path, string[] tokens, int[] levels)
    {
        var first = ReservedTokens.All.Count + levels.Sum();
        if (tokens.Length < first) throw new DataFileException(path, null, $"{tokens.Length} tokens cannot hold the reserved tokens and SID block ({first})");
        return tokens[first..];
    }

    static (string, string)[] Merges(string path, JsonElement root) =>
        [.. Property(path, root, "bpe_merges", JsonValueKind.Array).EnumerateArray().Select(m =>
            m.ValueKind == JsonValueKind.Array && m.GetArrayLength() == 2
                ? (StrValue(path, m[0], "bpe_merges"), StrValue(path, m[1], "bpe_merges"))
                : throw new DataFileException(path, null, "every bpe_merges entry is a pair [left, right]"))];

    static JsonElement Property(string path, JsonElement root, string name, JsonValueKind kind) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == kind
            ? value
            : throw new DataFileException(path, null, $"\"{name}\" is missing or not a JSON {kind.ToString().ToLowerInvariant()}");

    static string Str(string path, JsonElement root, string name) => Property(path, root, name, JsonValueKind.String).GetString()!;

    static string StrValue(string path, JsonElement e, string what) =>
        e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new DataFileException(path, null, $"{what} holds a non-string entry");

    static int Int(string path, JsonElement e, string what) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var v) ? v : throw new DataFileException(path, null, $"{what} holds a non-integer entry");
}
