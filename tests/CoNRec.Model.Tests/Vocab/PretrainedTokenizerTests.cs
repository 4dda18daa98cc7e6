using System.Text.Json;
using CoNRec.Core.Data;
using CoNRec.Model.Vocab;

namespace CoNRec.Model.Tests.Vocab;

public sealed class PretrainedTokenizerTests : IDisposable
{
    // A byte-level BPE in GPT-2 / Qwen spelling: 'Ġ' is the space byte.
    static readonly string[] BaseTokens =
        ["h", "e", "l", "o", "w", "r", "d", "Ġ", "he", "ll", "hell", "hello", "Ġw", "or", "Ġwor", "Ġworl", "Ġworld"];
    static readonly string[] MergeLines = ["h e", "l l", "he ll", "hell o", "Ġ w", "o r", "Ġw or", "Ġwor l", "Ġworl d"];
    static readonly int[] Levels = [4, 4, 4, 2];

    readonly string _dir = Directory.CreateTempSubdirectory("conrec-pretrained-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    string WriteVocabAndMerges()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_dir, "files")).FullName;
        File.WriteAllText(Path.Combine(folder, "vocab.json"), JsonSerializer.Serialize(BaseTokens.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => p.i)));
        File.WriteAllLines(Path.Combine(folder, "merges.txt"), ["#version: 0.2", .. MergeLines]);
        return folder;
    }

    string WriteTokenizerJson()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_dir, "json")).FullName;
        var json = new
        {
            added_tokens = new[] { new { id = BaseTokens.Length, content = "<|endoftext|>", special = true } },
            model = new
            {
                type = "BPE",
                vocab = BaseTokens.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => p.i),
                merges = MergeLines.Select(m => m.Split(' ')).ToArray(),
            },
        };
        File.WriteAllText(Path.Combine(folder, "tokenizer.json"), JsonSerializer.Serialize(json));
        return folder;
    }

    [Fact]
    public void Vocab_and_merges_files_encode_and_decode_with_the_base_ids()
    {
        var tokenizer = PretrainedTokenizer.Load(WriteVocabAndMerges());

        var ids = tokenizer.Encode("hello world");

        Assert.Equal([11, 16], ids);
        Assert.Equal("hello world", tokenizer.Decode(ids));
        Assert.Equal(BaseTokens, tokenizer.Tokens);
    }

    [Fact]
    public void A_tokenizer_json_with_added_tokens_reads_the_same_model()
    {
        var tokenizer = PretrainedTokenizer.Load(WriteTokenizerJson());

        Assert.Equal([11, 16], tokenizer.Encode("hello world"));
        Assert.Equal(BaseTokens.Length + 1, tokenizer.Tokens.Count);
        Assert.Equal("<|endoftext|>", tokenizer.Tokens[^1]);
    }

    [Fact]
    public void Our_reserved_and_sid_tokens_are_added_after_the_base_vocabulary()
    {
        var tokenizer = PretrainedTokenizer.Load(WriteTokenizerJson());

        var vocabulary = Vocabulary.Create(Levels, tokenizer);

        var baseCount = BaseTokens.Length + 1;
        Assert.Equal(baseCount, vocabulary.PadId);
        Assert.Equal(baseCount, vocabulary.ReservedFirstId);
        Assert.Equal(baseCount + ReservedTokens.All.Count, vocabulary.Sid.FirstTokenId);
        Assert.Equal("<a_0>", vocabulary.Text(vocabulary.Sid.FirstTokenId));
        Assert.Equal(baseCount + ReservedTokens.All.Count + 14, vocabulary.Size);
        Assert.Equal([11, 16], vocabulary.EncodeTitle("hello world"));
        Assert.Equal("hello world", vocabulary.DecodeTitle([vocabulary.BosId, 11, 16, vocabulary.EosId]));
    }

    [Fact]
    public void A_pretrained_vocabulary_loads_back_only_with_its_tokenizer_folder()
    {
        var folder = WriteVocabAndMerges();
        var vocabulary = Vocabulary.Create(Levels, PretrainedTokenizer.Load(folder));
        var path = Path.Combine(_dir, Vocabulary.FileName);
        vocabulary.Save(path);

        var loaded = Vocabulary.Load(path, folder);
        var missing = Assert.Throws<DataFileException>(() => Vocabulary.Load(path));
        var other = Assert.Throws<DataFileException>(() => Vocabulary.Load(path, WriteTokenizerJson()));

        Assert.Equal(vocabulary.Fingerprint, loaded.Fingerprint);
        Assert.Contains("folder", missing.Message, StringComparison.Ordinal);
        Assert.Contains("differs", other.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_without_tokenizer_files_is_named_in_the_error()
    {
        var error = Assert.Throws<DataFileException>(() => PretrainedTokenizer.Load(_dir));

        Assert.Equal(_dir, error.FilePath);
    }

    [Fact]
    public void A_malformed_merge_line_is_reported_with_its_line()
    {
        var folder = WriteVocabAndMerges();
        File.WriteAllLines(Path.Combine(folder, "merges.txt"), ["#version: 0.2", "h e", "broken"]);

        var error = Assert.Throws<DataFileException>(() => PretrainedTokenizer.Load(folder));

        Assert.Equal(3, error.Line);
    }
}
