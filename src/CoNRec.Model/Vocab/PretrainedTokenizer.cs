using System.Text.RegularExpressions;
using CoNRec.Core.Data;
using Microsoft.ML.Tokenizers;

namespace CoNRec.Model.Vocab;

/// <summary>
/// A pretrained backbone's byte-level BPE tokenizer (Qwen2/Qwen3 and GPT-2 style), read from a Hugging Face
/// folder: <c>tokenizer.json</c>, or <c>vocab.json</c> + <c>merges.txt</c> (with added tokens from
/// <c>tokenizer_config.json</c> if present). Encoding and decoding run in Microsoft.ML.Tokenizers. Its ids are the
/// backbone's, so <see cref="Vocabulary.Create(IReadOnlyList{int}, PretrainedTokenizer)"/> keeps them and appends
/// our reserved and SID tokens after <see cref="Tokens"/>, as Hugging Face's <c>add_tokens</c> would.
/// </summary>
public sealed class PretrainedTokenizer : ITitleTokenizer
{
    /// <summary>Qwen2's pre-tokenizer split, used when the folder does not state one.</summary>
    public const string QwenPattern =
        @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    readonly BpeTokenizer _bpe;
    readonly string[] _tokens;

    PretrainedTokenizer(string folder, BpeTokenizer bpe, string[] tokens)
    {
        Folder = folder;
        _bpe = bpe;
        _tokens = tokens;
    }

    public string Kind => "pretrained";
    public string Folder { get; }

    /// <summary>Every base id's text (vocabulary and the folder's added tokens); unassigned ids read <c>&lt;|unused_N|&gt;</c>.</summary>
    public IReadOnlyList<string> Tokens => _tokens;

    public int[] Encode(string title) => [.. _bpe.EncodeToIds(title)];

    public string Decode(IEnumerable<int> ids)
    {
        var list = ids.ToList();
        if (list.Contains(ITitleTokenizer.Unknown)) throw new ArgumentException("a byte-level tokenizer has no unknown token", nameof(ids));
        foreach (var id in list)
            if ((uint)id >= (uint)_tokens.Length) throw new ArgumentOutOfRangeException(nameof(ids), id, $"the pretrained tokenizer has {_tokens.Length} ids");
        return _bpe.Decode(list);
    }

    /// <exception cref="DataFileException">The folder holds no tokenizer files, or they are malformed.</exception>
    public static PretrainedTokenizer Load(string folder)
    {
        var tokenizerJson = Path.Combine(folder, "tokenizer.json");
        var vocabJson = Path.Combine(folder, "vocab.json");
        var mergesTxt = Path.Combine(folder, "merges.txt");
        HuggingFaceBpeFiles files;
        if (File.Exists(tokenizerJson)) files = HuggingFaceBpeFiles.ReadTokenizerJson(tokenizerJson);
        else if (File.Exists(vocabJson) && File.Exists(mergesTxt))
            files = HuggingFaceBpeFiles.ReadVocabAndMerges(vocabJson, mergesTxt, Path.Combine(folder, "tokenizer_config.json"));
        else throw new DataFileException(folder, null, "no tokenizer.json, nor vocab.json with merges.txt, in this folder");

        var tokens = TokenTable(files, folder);
        var added = files.AddedTokens.Count == 0 ? null : files.AddedTokens;
        var options = new BpeOptions(files.Vocabulary)
        {
            Merges = files.Merges,
            ByteLevel = true,
            PreTokenizer = new RegexPreTokenizer(new Regex(files.Pattern ?? QwenPattern, RegexOptions.Compiled), added),
            SpecialTokens = added,
        };
        try
        {
            return new PretrainedTokenizer(folder, BpeTokenizer.Create(options), tokens);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException)
        {
            throw new DataFileException(folder, null, $"the tokenizer files do not form a BPE tokenizer ({e.Message})", e);
        }
    }

    static string[] TokenTable(HuggingFaceBpeFiles files, string folder)
    {
        var size = 0;
        foreach (var (_, id) in files.Vocabulary) size = Math.Max(size, id + 1);
        foreach (var (_, id) in files.AddedTokens) size = Math.Max(size, id + 1);
        var tokens = new string?[size];
        foreach (var (text, id) in files.Vocabulary.Concat(files.AddedTokens))
        {
            if (id < 0) throw new DataFileException(folder, null, $"token '{text}' has a negative id {id}");
            if (tokens[id] is { } other && other != text)
                throw new DataFileException(folder, null, $"id {id} is given to both '{other}' and '{text}'");
            tokens[id] = text;
        }
        var table = new string[size];
        for (var i = 0; i < size; i++) table[i] = tokens[i] ?? $"<|unused_{i}|>";
        return table;
    }
}
