using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using CoNRec.Cluster.Observability;
using CoNRec.Core.Configuration;

namespace CoNRec.Cluster.Configuration;

/// <summary>
/// The JSON model of <see cref="RunConfig"/>: the project's settings-file conventions (<see cref="SettingsFile.Json"/>:
/// camelCase, comments, unknown names refused) plus duplicate names refused, computed properties left out (a value
/// for one must not be silently ignored), the update and scoring records written flat into their sections, and the
/// Seq API key written only when set (validation refuses it anyway).
/// </summary>
internal static class RunConfigJson
{
    public static JsonSerializerOptions Options { get; } = Create(yaml: false);

    /// <summary>For JSON converted from YAML, where an unquoted 2024 or true may be meant as text.</summary>
    public static JsonSerializerOptions YamlOptions { get; } = Create(yaml: true);

    public static string Serialize(RunConfig config) => JsonSerializer.Serialize(config, Options);

    public static JsonNode SerializeToNode(RunConfig config) =>
        JsonSerializer.SerializeToNode(config, Options) ?? throw new InvalidOperationException("a run config serialised to null");

    static JsonSerializerOptions Create(bool yaml)
    {
        var options = new JsonSerializerOptions(SettingsFile.Json)
        {
            AllowDuplicateProperties = false,
            WriteIndented = true,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver
            {
                Modifiers =
                {
                    DropComputedProperties,
                    FlattenedSettings.Into<GrpoSection>(nameof(GrpoSection.Update), GrpoSection.ExcludedUpdateSettings),
                    FlattenedSettings.Into<RewardSection>(nameof(RewardSection.Scoring), []),
                    WriteSeqApiKeyOnlyWhenSet,
                },
            },
        };
        if (yaml) options.Converters.Add(new ScalarAsStringConverter());
        options.MakeReadOnly();
        return options;
    }

    static void DropComputedProperties(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object) return;
        for (var i = info.Properties.Count - 1; i >= 0; i--)
            if (info.Properties[i].Set is null && info.Properties[i].AssociatedParameter is null)
                info.Properties.RemoveAt(i);
    }

    static void WriteSeqApiKeyOnlyWhenSet(JsonTypeInfo info)
    {
        if (info.Type != typeof(LoggingOptions)) return;
        foreach (var property in info.Properties)
            if (property.Name == "seqApiKey") property.ShouldSerialize = (_, value) => value is not null;
    }

    /// <summary>Reads a number or a boolean where text is expected, as its literal text.</summary>
    sealed class ScalarAsStringConverter : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
            JsonTokenType.True => "true",
            JsonTokenType.False => "false",
            _ => throw new JsonException(),
        };

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }
}
