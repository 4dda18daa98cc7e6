using MessagePack;
using MessagePack.Resolvers;

namespace CoNRec.Cluster.Serialization;

/// <summary>
/// The MessagePack options every <see cref="Core.Protocol.IConrecMessage"/> is written and read with.
/// Core has no packages, so its records carry no MessagePack attributes: the contractless resolver writes each
/// record as a map keyed by property NAME and reads it back through the record's constructor (parameters
/// matched by name). That makes the format append-only: a reader skips keys it does not know, and a property
/// missing from an older writer arrives as its default (0, null, an empty key). Renaming a property or
/// changing its type breaks the wire; add a new property instead.
/// </summary>
public static class ConrecMessagePack
{
    /// <summary>
    /// No LZ4: float log-probabilities barely compress. Measured (MessageSizeTests): a 64 x 8 x 4 RolloutDone
    /// is 18.3 KB plain and 17.8 KB with LZ4, a one-group LearnStep 27.0 KB and 24.6 KB; only a 64-anchor
    /// RolloutLease halves (3.8 KB to 1.9 KB, its repeated keys), and it is small either way.
    /// Untrusted-data mode bounds nesting depth and hashes dictionary keys collision-resistantly, since
    /// the bytes come off the network.
    /// </summary>
    public static readonly MessagePackSerializerOptions Options = MessagePackSerializerOptions.Standard
        .WithResolver(ContractlessStandardResolver.Instance)
        .WithSecurity(MessagePackSecurity.UntrustedData)
        .WithCompression(MessagePackCompression.None);
}
