using CoNRec.Core.Data;
using CoNRec.Model.Vocab;

namespace CoNRec.Model.Tests.Vocab;

public sealed class VocabularyTests : IDisposable
{
    static readonly int[] Levels = [4, 4, 4, 2];
    readonly string _dir = Directory.CreateTempSubdirectory("conrec-vocab-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static Vocabulary Build(params string[] titles) => Vocabulary.Create(Levels, BpeTitleTokenizer.Train(titles));

    [Fact]
    public void Specials_come_first_then_the_task_markers()
    {
        var vocabulary = Build("red wool socks");

        Assert.Equal([0, 1, 2, 3, 4], new[] { vocabulary.PadId, vocabulary.BosId, vocabulary.EosId, vocabulary.UnkId, vocabulary.SepId });
        Assert.Equal(ReservedTokens.All, vocabulary.Tokens.Take(ReservedTokens.All.Count));
        Assert.Equal("<choice_3>", vocabulary.Text(vocabulary.ChoiceId(3)));
        Assert.Equal(ReservedTokens.Answer, vocabulary.Text(vocabulary.AnswerId));
    }

    [Fact]
    public void Sid_tokens_sit_at_the_layout_ids_and_titles_follow_them()
    {
        var vocabulary = Build("red wool socks");
        var sid = vocabulary.Sid;

        Assert.Equal(ReservedTokens.All.Count, sid.FirstTokenId);
        for (var level = 0; level < Levels.Length; level++)
            for (var code = 0; code < Levels[level]; code++)
            {
                Assert.Equal(SidTokenLayout.TokenText(level, code), vocabulary.Text(sid.TokenId(level, code)));
                Assert.Equal(sid.TokenId(level, code), vocabulary.Id(SidTokenLayout.TokenText(level, code)));
            }
        Assert.Equal(sid.FirstTokenId + sid.TokenCount, vocabulary.TitleFirstId);
        Assert.Equal(vocabulary.TitleFirstId + vocabulary.TitleCount, vocabulary.Size);
    }

    [Fact]
    public void Titles_encode_to_vocabulary_ids_with_unk_for_unseen_characters()
    {
        var vocabulary = Build("red wool socks", "red hat");

        var ids = vocabulary.EncodeTitle("Red hat!");

        Assert.All(ids[..^1], id => Assert.True(vocabulary.IsTitleToken(id)));
        Assert.Equal(vocabulary.UnkId, ids[^1]);
        Assert.Equal("red hat <unk>", vocabulary.DecodeTitle([vocabulary.BosId, .. ids, vocabulary.EosId]));
    }

    [Fact]
    public void A_saved_vocabulary_loads_back_identical()
    {
        var vocabulary = Build("red wool socks", "blue wool hat", "wool scarf");
        var path = Path.Combine(_dir, Vocabulary.FileName);

        vocabulary.Save(path);
        var loaded = Vocabulary.Load(_dir);

        Assert.Equal(vocabulary.Tokens, loaded.Tokens);
        Assert.Equal(vocabulary.Fingerprint, loaded.Fingerprint);
        Assert.Equal(vocabulary.EncodeTitle("blue wool socks"), loaded.EncodeTitle("blue wool socks"));
    }

    [Fact]
    public void Different_token_lists_have_different_fingerprints()
    {
        Assert.Equal(Build("red hat").Fingerprint, Build("red hat").Fingerprint);
        Assert.NotEqual(Build("red hat").Fingerprint, Build("blue hat").Fingerprint);
        Assert.Equal(64, Build("red hat").Fingerprint.Length);
    }

    [Fact]
    public void Malformed_json_is_reported_with_the_file_and_line()
    {
        var path = Path.Combine(_dir, Vocabulary.FileName);
        File.WriteAllText(path, "{\n  \"format\": \"conrec-vocabulary\",\n  \"tokens\": [\n");

        var error = Assert.Throws<DataFileException>(() => Vocabulary.Load(path));

        Assert.Equal(path, error.FilePath);
        Assert.StartsWith(path + ":", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Line);
    }

    [Fact]
    public void An_edited_token_list_is_refused()
    {
        var path = Path.Combine(_dir, Vocabulary.FileName);
        Build("red wool socks").Save(path);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"<a_1>\"", "\"<a_9>\"", StringComparison.Ordinal));

        var error = Assert.Throws<DataFileException>(() => Vocabulary.Load(path));

        Assert.Contains("layout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_field_is_named()
    {
        var path = Path.Combine(_dir, Vocabulary.FileName);
        File.WriteAllText(path, "{\"format\": \"conrec-vocabulary\", \"version\": 1}");

        var error = Assert.Throws<DataFileException>(() => Vocabulary.Load(path));

        Assert.Contains("sid_level_sizes", error.Message, StringComparison.Ordinal);
    }
}
