using System.Text.Json;
using CoNRec.Core.Protocol;

namespace CoNRec.Cluster.Tests.Serialization;

/// <summary>The messages as the Core assembly defines them, and a structural view to compare them by.</summary>
static class MessageShapes
{
    static readonly JsonSerializerOptions Json = new() { IncludeFields = true };

    /// <summary>Every concrete type in CoNRec.Core that implements <see cref="IConrecMessage"/>.</summary>
    public static IReadOnlyList<Type> AllMessageTypes { get; } =
        [.. typeof(IConrecMessage).Assembly.GetTypes()
            .Where(t => typeof(IConrecMessage).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .OrderBy(t => t.FullName, StringComparer.Ordinal)];

    public static TheoryData<Type> MessageTypes => [.. AllMessageTypes];

    /// <summary>A populated instance of <paramref name="type"/>, the same every call.</summary>
    public static object Sample(Type type) => new SampleBuilder().Build(type);

    /// <summary>
    /// The type name and every public member as JSON: equal dumps mean equal messages, arrays and
    /// dictionaries compared by content (record equality compares arrays by reference).
    /// </summary>
    public static string Dump(object message) =>
        message.GetType().FullName + " " + JsonSerializer.Serialize(message, message.GetType(), Json);
}
