using System.Text;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CoNRec.Cluster.Configuration;

/// <summary>
/// A YAML document as JSON text, so that YAML and JSON files share one deserializer, one validator and one set of
/// messages. Every mapping entry and sequence item starts its own JSON line, and <see cref="YamlLineOf"/> maps a
/// JSON line back to the YAML line it came from; <see cref="Lines"/> gives each setting's YAML line.
/// </summary>
internal sealed class YamlToJson
{
    readonly StringBuilder _json = new();
    readonly List<int> _yamlLines = [];
    readonly SettingLines _lines = new();

    YamlToJson() { }

    public string Json => _json.ToString();

    public SettingLines Lines => _lines;

    /// <summary>The 1-based YAML line of a 1-based JSON line.</summary>
    public int? YamlLineOf(long jsonLine) => jsonLine >= 1 && jsonLine <= _yamlLines.Count ? _yamlLines[(int)jsonLine - 1] : null;

    /// <exception cref="YamlException">The text is not YAML, or not a mapping, or a mapping repeats a key.</exception>
    public static YamlToJson Convert(string yaml)
    {
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(yaml));
        try
        {
            stream.Load(parser);
        }
        catch (InvalidOperationException e)
        {
            // The scanner fails this way on some unterminated flow collections; the last event read marks the place.
            var at = parser.Current?.End ?? Mark.Empty;
            throw new YamlException(at, at, "the YAML is not well formed (an unclosed [ or { ?)", e);
        }
        if (stream.Documents.Count == 0) throw new YamlException("the file is empty: expected a mapping of run settings");
        if (stream.Documents.Count > 1) throw new YamlException(stream.Documents[1].RootNode.Start, stream.Documents[1].RootNode.End, "expected one YAML document, found several");
        var root = stream.Documents[0].RootNode;
        if (root is not YamlMappingNode)
            throw new YamlException(root.Start, root.End, "expected a mapping of run settings (name: value lines)");
        var converter = new YamlToJson();
        converter._yamlLines.Add(Line(root));
        converter.Write(root, "", 0);
        return converter;
    }

    void Write(YamlNode node, string path, int indent)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                WriteMapping(mapping, path, indent);
                break;
            case YamlSequenceNode sequence:
                WriteSequence(sequence, path, indent);
                break;
            case YamlScalarNode scalar:
                _json.Append(Literal(scalar));
                break;
            default:
                throw new YamlException(node.Start, node.End, $"unsupported YAML node {node.NodeType}");
        }
    }

    void WriteMapping(YamlMappingNode mapping, string path, int indent)
    {
        _json.Append('{');
        var first = true;
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
                throw new YamlException(keyNode.Start, keyNode.End, "a setting's name must be plain text");
            if (!first) _json.Append(',');
            first = false;
            NewLine(Line(keyNode), indent + 2);
            var child = path.Length == 0 ? key : $"{path}.{key}";
            _lines.Add(child, Line(keyNode));
            _json.Append(JsonSerializer.Serialize(key)).Append(": ");
            Write(value, child, indent + 2);
        }
        if (!first) NewLine(_yamlLines[^1], indent);
        _json.Append('}');
    }

    void WriteSequence(YamlSequenceNode sequence, string path, int indent)
    {
        _json.Append('[');
        var index = 0;
        foreach (var item in sequence.Children)
        {
            if (index > 0) _json.Append(',');
            NewLine(Line(item), indent + 2);
            var child = $"{path}[{index++}]";
            _lines.Add(child, Line(item));
            Write(item, child, indent + 2);
        }
        if (index > 0) NewLine(_yamlLines[^1], indent);
        _json.Append(']');
    }

    void NewLine(int yamlLine, int indent)
    {
        _json.Append('\n').Append(' ', indent);
        _yamlLines.Add(yamlLine);
    }

    static string Literal(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        var text = scalar.Style == ScalarStyle.Plain && !IsStringTag(scalar) ? YamlScalars.JsonLiteral(value) : null;
        return text ?? JsonSerializer.Serialize(value);
    }

    static bool IsStringTag(YamlScalarNode scalar) =>
        !scalar.Tag.IsEmpty && scalar.Tag.Value is "tag:yaml.org,2002:str" or "!!str";

    static int Line(YamlNode node) => (int)Math.Max(1, node.Start.Line);
}
