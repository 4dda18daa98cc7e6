using CoNRec.Core.Protocol;
using MessagePack;

namespace CoNRec.Cluster.Serialization;

/// <summary>One row of the manifest table: a message type, its wire name, and typed MessagePack calls for it.</summary>
public sealed class ManifestEntry
{
    readonly Func<object, MessagePackSerializerOptions, byte[]> _serialize;
    readonly Func<ReadOnlyMemory<byte>, MessagePackSerializerOptions, object?> _deserialize;

    ManifestEntry(
        string manifest,
        Type type,
        Func<object, MessagePackSerializerOptions, byte[]> serialize,
        Func<ReadOnlyMemory<byte>, MessagePackSerializerOptions, object?> deserialize)
    {
        Manifest = manifest;
        Type = type;
        _serialize = serialize;
        _deserialize = deserialize;
    }

    /// <summary>The short stable name sent with every message of this type.</summary>
    public string Manifest { get; }

    /// <summary>The message type this manifest reads into.</summary>
    public Type Type { get; }

    /// <summary>An entry for <typeparamref name="T"/>; generic calls avoid MessagePack's per-call type lookup.</summary>
    public static ManifestEntry Of<T>(string manifest) where T : IConrecMessage =>
        new(manifest,
            typeof(T),
            (message, options) => MessagePackSerializer.Serialize((T)message, options),
            (bytes, options) => MessagePackSerializer.Deserialize<T>(bytes, options));

    internal byte[] Serialize(object message, MessagePackSerializerOptions options) => _serialize(message, options);

    internal object? Deserialize(ReadOnlyMemory<byte> bytes, MessagePackSerializerOptions options) => _deserialize(bytes, options);
}
