using System.Text.Json;
using CoNRec.Core.Data;

namespace CoNRec.Model.Vocab;

/// <summary>The parts of a Hugging Face BPE tokenizer that <see cref="PretrainedTokenizer"/> needs.</summary>
internal sealed record HuggingFaceBpeFiles(
    Dictionary<string, int> Vocabulary,
    List<string> Merges,
    Dictionary<string, int> AddedTokens,
    string? Pattern)
{
    /// <summary>tokenizer.json: model.vocab, model.merges ("a b" strings or [a, b] pairs), added_tokens, the split regex.</summary>
    public static HuggingFaceBpeFiles ReadTokenizerJson(string path)
    {
        using var document = Parse(path);
        var root = document.RootElement;
        if (!root.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.Object)
            throw new DataFileException(path, null, "no \"model\" object");
        if (model.TryGetProperty("type", out var type) && type.GetString() != "BPE")
            throw new DataFileException(path, null, $"model.type is '{type}', only BPE tokenizers are supported");
        if (!model.TryGetProperty("vocab", out var vocab)) throw new DataFileException(path, null, "no model.vocab");
        if (!model.TryGetProperty("merges", out var merges) || merges.ValueKind != JsonValueKind.Array)
            throw new DataFileException(path, null, "no model.merges array");
        var added = new Dictionary<string, int>(StringComparer.Ordinal);
        if (root.TryGetProperty("added_tokens", out var addedTokens) && addedTokens.ValueKind == JsonValueKind.Array)
            foreach (var token in addedTokens.EnumerateArray())
                added[Text(path, token, "content")] = Id(path, token.TryGetProperty("id", out var id) ? id : default, "added_tokens[].id");
        var pattern = root.TryGetProperty("pre_tokenizer", out var pre) ? FindRegex(pre) : null;
        return new HuggingFaceBpeFiles(ReadVocabulary(path, vocab), ReadMerges(path, merges), added, pattern);
    }

    /// <summary>vocab.json + merges.txt, and added tokens from tokenizer_config.json's added_tokens_decoder.</summary>
    public static HuggingFaceBpeFiles ReadVocabAndMerges(string vocabPath, string mergesPath, string configPath)
    {
        Dictionary<string, int> vocabulary;
        using (var document = Parse(vocabPath)) vocabulary = ReadVocabulary(vocabPath, document.RootElement);
        var merges = new List<string>();
        var lines = File.ReadAllLines(mergesPath);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0 || (i == 0 && line.StartsWith("#version", StringComparison.Ordinal))) continue;
            if (line.Split(' ').Length != 2) throw new DataFileException(mergesPath, i + 1, $"a merge is two tokens separated by one space (got '{line}')");
            merges.Add(line);
        }
        var added = new Dictionary<string, int>(StringComparer.Ordinal);
        if (File.Exists(configPath))
        {
            using var config = Parse(configPath);
            if (config.RootElement.TryGetProperty("added_tokens_decoder", out var decoder) && decoder.ValueKind == JsonValueKind.Object)
                foreach (var entry in decoder.EnumerateObject())
                {
                    if (!int.TryParse(entry.Name, System.Globalization.CultureInfo.InvariantCulture, out var id))
                        throw new DataFileException(configPath, null, $"added_tokens_decoder key '{entry.Name}' is not an id");
                    added[Text(configPath, entry.Value, "content")] = id;
                }
        }
        return new HuggingFaceBpeFiles(vocabulary, merges, added, null);
    }

    static JsonDocument Parse(string path)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            throw new DataFileException(path, (int)(e.LineNumber ?? 0) + 1, $"malformed JSON ({e.Message})", e);
        }
    }

    static Dictionary<string, int> ReadVocabulary(string path, JsonElement vocab)
    {
        if (vocab.ValueKind != JsonValueKind.Object) throw new DataFileException(path, null, "the vocabulary is not a JSON object of token -> id");
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in vocab.EnumerateObject()) result[entry.Name] = Id(path, entry.Value, $"vocabulary entry '{entry.Name}'");
        return result;
    }

    static List<string> ReadMerges(string path, JsonElement merges)
    {
        var result = new List<string>(merges.GetArrayLength());
        foreach (var merge in merges.EnumerateArray())
        {
            var text = merge.ValueKind switch
            {
                JsonValueKind.String => merge.GetString()!,
                JsonValueKind.Array when merge.GetArrayLength() == 2 => $"{merge[0].GetString()} {merge[1].GetString()}",
                _ => throw new DataFileException(path, null, $"model.merges entry {result.Count} is neither \"a b\" nor [a, b]"),
            };
            result.Add(text);
        }
        return result;
    }

    static string? FindRegex(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                if (element.TryGetProperty("Regex", out var regex) && regex.ValueKind == JsonValueKind.String) return regex.GetString();
                foreach (var property in element.EnumerateObject())
                    if (FindRegex(property.Value) is { } found) return found;
                return null;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                    if (FindRegex(item) is { } found) return found;
                return null;
            default:
                return null;
        }
    }

    static string Text(string path, JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new DataFileException(path, null, $"an added token has no string \"{property}\"");

    static int Id(string path, JsonElement element, string what) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var id) && id >= 0
            ? id
            : throw new DataFileException(path, null, $"{what} is not a non-negative integer id");
}
