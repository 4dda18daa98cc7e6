using Akka.Actor;

namespace CoNRec.Cluster.Coordinator;

// The coordinator's messages to itself. They never leave the actor and may hold delegates or exceptions, so no
// serializer checks them.
public sealed partial class CoordinatorActor
{
    sealed class TickNow : INoSerializationVerificationNeeded
    {
        public static readonly TickNow Instance = new();
    }

    sealed class StoreDone : INoSerializationVerificationNeeded
    {
        public static readonly StoreDone Instance = new();
    }

    sealed class RetryStore : INoSerializationVerificationNeeded
    {
        public static readonly RetryStore Instance = new();
    }

    sealed record StoreFailed(Exception Error) : INoSerializationVerificationNeeded;

    sealed record IdentifyLearner(Address Address) : INoSerializationVerificationNeeded;

    /// <summary>Run-store work and what follows once it succeeded.</summary>
    sealed record StoreJob(string What, Func<CancellationToken, Task> Work, Action Then);
}
