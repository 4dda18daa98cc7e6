using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace CoNRec.Cluster.Configuration;

/// <summary>
/// Writes a JSON tree as block YAML that reads back to the same JSON: numbers, booleans and null plain; text
/// quoted when it would otherwise read as another type; lists of plain values on one line (<c>[512, 256, 128]</c>).
/// </summary>
internal static class JsonToYaml
{
    public static string Convert(JsonNode root)
    {
        using var text = new StringWriter();
        var emitter = new Emitter(text);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        Write(emitter, root);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    static void Write(IEmitter emitter, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, obj.Count == 0 ? MappingStyle.Flow : MappingStyle.Block));
                foreach (var (key, value) in obj)
                {
                    emitter.Emit(Text(key));
                    Write(emitter, value);
                }
                emitter.Emit(new MappingEnd());
                break;
            case JsonArray array:
                var flow = array.All(item => item is null or JsonValue);
                emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, flow ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var item in array) Write(emitter, item);
                emitter.Emit(new SequenceEnd());
                break;
            case null:
                emitter.Emit(Plain("null"));
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                emitter.Emit(Text(value.GetValue<string>()));
                break;
            default:
                emitter.Emit(Plain(node.ToJsonString()));
                break;
        }
    }

    static Scalar Plain(string literal) => new(AnchorName.Empty, TagName.Empty, literal, ScalarStyle.Plain, true, false);

    static Scalar Text(string text) =>
        new(AnchorName.Empty, TagName.Empty, text, YamlScalars.NeedsQuotes(text) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any, true, true);
}
