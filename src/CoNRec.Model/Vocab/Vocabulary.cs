using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace CoNRec.Model.Vocab;

/// <summary>
/// The model's token table. Built from scratch: <see cref="ReservedTokens.All"/> (ids 0..), then the SID block
/// (<see cref="Sid"/>), then the title tokens of a <see cref="BpeTitleTokenizer"/>. On a pretrained backbone: the
/// backbone's tokens keep their ids and the reserved tokens and SID block follow them. <see cref="Fingerprint"/>
/// identifies the token list so that a checkpoint can refuse a different vocabulary. Stored as vocab.json
/// (Vocabulary.Json.cs).
/// </summary>
public sealed partial class Vocabulary
{
    readonly string[] _tokens;
    readonly Dictionary<string, int> _ids;

    Vocabulary(string[] tokens, int reservedFirstId, SidTokenLayout sid, ITitleTokenizer titles, int titleFirstId)
    {
        _tokens = tokens;
        _ids = new Dictionary<string, int>(tokens.Length, StringComparer.Ordinal);
        bool Ours(int id) => id >= reservedFirstId && id < sid.FirstTokenId + sid.TokenCount;
        for (var i = 0; i < tokens.Length; i++)
        {
            if (_ids.TryAdd(tokens[i], i)) continue;
            // A pretrained base may spell one of our tokens as plain text; ours wins the text -> id lookup.
            var previous = _ids[tokens[i]];
            if (!Ours(i) || Ours(previous))
                throw new ArgumentException($"token '{tokens[i]}' appears twice in the vocabulary (ids {previous} and {i})");
            _ids[tokens[i]] = i;
        }
        ReservedFirstId = reservedFirstId;
        Sid = sid;
        Titles = titles;
        TitleFirstId = titleFirstId;
        Fingerprint = ComputeFingerprint(tokens);
        PadId = Id(ReservedTokens.Pad);
        BosId = Id(ReservedTokens.Bos);
        EosId = Id(ReservedTokens.Eos);
        UnkId = Id(ReservedTokens.Unk);
        SepId = Id(ReservedTokens.Sep);
        AnswerId = Id(ReservedTokens.Answer);
    }

    /// <summary>A vocabulary trained from scratch: reserved tokens, SIDs, then the BPE's title pieces.</summary>
    /// <param name="sidLevelSizes">Codes per SID level, suffix level last (e.g. [256, 256, 256, 4]).</param>
    public static Vocabulary Create(IReadOnlyList<int> sidLevelSizes, BpeTitleTokenizer titles)
    {
        var reserved = ReservedTokens.All;
        var sid = new SidTokenLayout(reserved.Count, sidLevelSizes);
        var tokens = new List<string>(reserved.Count + sid.TokenCount + titles.Tokens.Count);
        tokens.AddRange(reserved);
        AddSidTokens(tokens, sid);
        var titleFirstId = tokens.Count;
        tokens.AddRange(titles.Tokens);
        return new Vocabulary([.. tokens], 0, sid, titles, titleFirstId);
    }

    /// <summary>A vocabulary on a pretrained backbone: its tokens at their ids, then reserved tokens and SIDs.</summary>
    public static Vocabulary Create(IReadOnlyList<int> sidLevelSizes, PretrainedTokenizer titles)
    {
        var reserved = ReservedTokens.All;
        var baseCount = titles.Tokens.Count;
        var sid = new SidTokenLayout(baseCount + reserved.Count, sidLevelSizes);
        var tokens = new List<string>(baseCount + reserved.Count + sid.TokenCount);
        tokens.AddRange(titles.Tokens);
        tokens.AddRange(reserved);
        AddSidTokens(tokens, sid);
        return new Vocabulary([.. tokens], baseCount, sid, titles, 0);
    }

    public int Size => _tokens.Length;
    public IReadOnlyList<string> Tokens => _tokens;
    public SidTokenLayout Sid { get; }
    public ITitleTokenizer Titles { get; }

    /// <summary>Id of <see cref="ReservedTokens.All"/>[0]; the reserved tokens are contiguous.</summary>
    public int ReservedFirstId { get; }
    /// <summary>Title token t of <see cref="Titles"/> is vocabulary id <c>TitleFirstId + t</c>.</summary>
    public int TitleFirstId { get; }
    public int TitleCount => Titles.Tokens.Count;

    /// <summary>Lower-case hex SHA-256 of the token list (each token length-prefixed UTF-8, in id order).</summary>
    public string Fingerprint { get; }

    public int PadId { get; }
    public int BosId { get; }
    public int EosId { get; }
    public int UnkId { get; }
    public int SepId { get; }
    public int AnswerId { get; }

    /// <summary>The id of <see cref="ReservedTokens.Choice"/>(k), k in 1..4.</summary>
    public int ChoiceId(int k) => Id(ReservedTokens.Choice(k));

    public string Text(int id) =>
        (uint)id < (uint)_tokens.Length ? _tokens[id] : throw new ArgumentOutOfRangeException(nameof(id), id, $"the vocabulary has {_tokens.Length} tokens");

    public bool TryGetId(string token, out int id) => _ids.TryGetValue(token, out id);

    public int Id(string token) =>
        _ids.TryGetValue(token, out var id) ? id : throw new KeyNotFoundException($"'{token}' is not in the vocabulary");

    public bool IsTitleToken(int id) => id >= TitleFirstId && id < TitleFirstId + TitleCount;

    /// <summary>Vocabulary ids of a title; what the title tokenizer cannot represent becomes &lt;unk&gt;.</summary>
    public int[] EncodeTitle(string title)
    {
        var local = Titles.Encode(title);
        var ids = new int[local.Length];
        for (var i = 0; i < local.Length; i++) ids[i] = local[i] == ITitleTokenizer.Unknown ? UnkId : TitleFirstId + local[i];
        return ids;
    }

    /// <summary>The title text of vocabulary ids; &lt;unk&gt; reads as such, every other non-title id is skipped.</summary>
    public string DecodeTitle(IEnumerable<int> ids)
    {
        var local = new List<int>();
        foreach (var id in ids)
        {
            if (IsTitleToken(id)) local.Add(id - TitleFirstId);
            else if (id == UnkId) local.Add(ITitleTokenizer.Unknown);
        }
        return Titles.Decode(local);
    }

    /// <summary>All tokens of <paramref name="ids"/> as text, concatenated (for logs and tests).</summary>
    public string Render(IEnumerable<int> ids)
    {
        var text = new StringBuilder();
        foreach (var id in ids) text.Append(Text(id));
        return text.ToString();
    }

    static void AddSidTokens(List<string> tokens, SidTokenLayout sid)
    {
        for (var level = 0; level < sid.Levels; level++)
            for (var code = 0; code < sid.LevelSizes[level]; code++) tokens.Add(SidTokenLayout.TokenText(level, code));
    }

    static string ComputeFingerprint(string[] tokens)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[4];
        foreach (var token in tokens)
        {
            var bytes = Encoding.UTF8.GetBytes(token);
            BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
            hash.AppendData(length);
            hash.AppendData(bytes);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
