namespace CoNRec.Cluster.Hosting;

/// <summary>ActorRegistry key of the coordinator singleton's proxy (what workers talk to).</summary>
public sealed class CoordinatorKey;

/// <summary>ActorRegistry key of this node's learner.</summary>
public sealed class LearnerKey;
