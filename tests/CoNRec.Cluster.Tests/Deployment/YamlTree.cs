using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace CoNRec.Cluster.Tests.Deployment;

/// <summary>
/// A parsed YAML value for reading deployment files in tests: maps, lists and scalars (always strings), with Compose's
/// anchors and merge keys resolved. A missing key reads as an empty node, so a chain of lookups fails on its assertion.
/// </summary>
internal sealed record YamlTree(object? Value)
{
    static readonly IDeserializer Deserializer = new DeserializerBuilder().Build();

    /// <summary>Every document of a (multi-document) YAML file.</summary>
    public static IReadOnlyList<YamlTree> LoadAll(string text)
    {
        var parser = new MergingParser(new Parser(new StringReader(text)));
        parser.Consume<StreamStart>();
        var documents = new List<YamlTree>();
        while (parser.Accept<DocumentStart>(out _))
        {
            var document = Deserializer.Deserialize<object?>(parser);
            if (document is not null) documents.Add(new YamlTree(document));
        }
        return documents;
    }

    public static YamlTree Load(string text) => Assert.Single(LoadAll(text));

    public YamlTree this[string key] =>
        Value is IDictionary<object, object?> map && map.TryGetValue(key, out var value) ? new YamlTree(value) : new YamlTree((object?)null);

    public bool IsMissing => Value is null;

    public string? Text => Value as string;

    public IReadOnlyList<YamlTree> Items => Value is IList<object?> list ? [.. list.Select(v => new YamlTree(v))] : [];

    public IReadOnlyDictionary<string, YamlTree> Entries => Value is IDictionary<object, object?> map
        ? map.ToDictionary(e => (string)e.Key, e => new YamlTree(e.Value))
        : new Dictionary<string, YamlTree>();

    /// <summary>The map's entries as text (a Compose environment map, a ConfigMap's data, labels).</summary>
    public IReadOnlyDictionary<string, string> Strings => Entries.ToDictionary(e => e.Key, e => e.Value.Text ?? "");
}
