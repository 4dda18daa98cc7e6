using CoNRec.Cluster.DataPlane;

namespace CoNRec.Cluster.Learner.DataParallel;

/// <summary>What a learner needs to learn as one of several: its rank, a fetcher for the peers' gradients, and the rendezvous that tells it where they are.</summary>
public sealed record DataParallelContext(DataParallelOptions Rank, ArtifactFetcher Fetcher, IGradientRendezvous Rendezvous);
