namespace CoNRec.Core.Runs;

/// <summary>A worker process the cluster has seen.</summary>
/// <param name="NodeAddress">Its Akka address, e.g. "akka.tcp://conrec@10.0.0.5:4053".</param>
/// <param name="Roles">Its roles ("rollout", "reward", "learner", "coordinator").</param>
public sealed record WorkerRecord(string Id, string NodeAddress, IReadOnlyList<string> Roles, DateTimeOffset LastSeen);
