using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;
using MessagePack;

namespace CoNRec.Cluster.Serialization;

/// <summary>
/// Akka serializer for every <see cref="Core.Protocol.IConrecMessage"/> (bound in hocon/serialization.conf):
/// MessagePack maps keyed by property name (<see cref="ConrecMessagePack"/>), tagged with the short manifest
/// from <see cref="ConrecManifests"/> rather than a type name.
/// </summary>
public sealed class ConrecMessageSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>
    /// The serializer id on the wire, fixed for good (Akka.NET reserves 1-100 for its own serializers).
    /// Changing it makes a node unable to read what older nodes send.
    /// </summary>
    public const int SerializerId = 6521;

    /// <inheritdoc />
    public override int Identifier => SerializerId;

    /// <inheritdoc />
    public override string Manifest(object o) => EntryFor(o).Manifest;

    /// <inheritdoc />
    public override byte[] ToBinary(object obj) => EntryFor(obj).Serialize(obj, ConrecMessagePack.Options);

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, string manifest)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (!ConrecManifests.TryGet(manifest, out var entry))
            throw new SerializationException(
                $"Unknown CoNRec message manifest '{manifest}' ({bytes.Length} bytes): the sender runs a version with a message this node does not know.");
        try
        {
            return entry.Deserialize(bytes, ConrecMessagePack.Options)
                   ?? throw new SerializationException($"CoNRec message '{manifest}' ({entry.Type.Name}) decoded to null.");
        }
        catch (MessagePackSerializationException e)
        {
            throw new SerializationException(
                $"Cannot read CoNRec message '{manifest}' ({entry.Type.Name}, {bytes.Length} bytes): {e.Message}", e);
        }
    }

    static ManifestEntry EntryFor(object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return ConrecManifests.TryGet(message.GetType(), out var entry)
            ? entry
            : throw new SerializationException(
                $"{message.GetType().FullName} has no manifest: add it to {nameof(ConrecManifests)}.{nameof(ConrecManifests.Entries)}.");
    }
}
