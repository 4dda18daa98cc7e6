namespace CoNRec.Core.Protocol;

/// <summary>
/// Every message that crosses actors carries this marker; the cluster binds it to one MessagePack serializer.
/// Messages are small immutable records of ids, versions, token ids and scalars: weights, gradients and
/// checkpoints travel on the data plane and messages carry only an <see cref="ArtifactRef"/>. Prompts are not
/// sent either: every role rebuilds a prompt from its <see cref="AnchorRef"/> and the stage's context, from the
/// same dataset, so a lease stays a few kilobytes whatever the context length.
/// </summary>
public interface IConrecMessage;

/// <summary>A versioned artifact on the data plane (policy weights, adapter, checkpoint): where, and its sha256.</summary>
public sealed record ArtifactRef(string Uri, string Sha256, long Bytes);

/// <summary>
/// A training anchor by reference: user <see cref="User"/>'s context is their events
/// [<see cref="ContextStart"/>, <see cref="ContextEnd"/>) and the reward's future starts at <see cref="ContextEnd"/>,
/// at time <see cref="Time"/> (Unix seconds).
/// </summary>
public readonly record struct AnchorRef(int User, int ContextStart, int ContextEnd, long Time);

/// <summary>Where a message's work belongs: one group of one step of one run.</summary>
public readonly record struct WorkKey(string RunId, long Step, int Group);
