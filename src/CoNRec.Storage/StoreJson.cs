using System.Text.Json;
using System.Text.Json.Serialization;

namespace CoNRec.Storage;

/// <summary>Metrics and role lists as JSON text. NaN and infinities survive (as "NaN", "Infinity"): a step whose KL blew up is worth keeping.</summary>
static class StoreJson
{
    static readonly JsonSerializerOptions Options = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static string Metrics(IReadOnlyDictionary<string, double> metrics) => JsonSerializer.Serialize(metrics, Options);

    public static IReadOnlyDictionary<string, double> Metrics(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, double>>(json, Options) ?? [];

    public static string Roles(IReadOnlyList<string> roles) => JsonSerializer.Serialize(roles, Options);

    public static IReadOnlyList<string> Roles(string json) => JsonSerializer.Deserialize<string[]>(json, Options) ?? [];
}
