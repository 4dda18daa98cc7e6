using CoNRec.Core.Protocol;

namespace CoNRec.Cluster.Learner.DataParallel;

/// <summary>
/// How data-parallel learners learn where each other's gradients are: only the references travel (Akka between
/// nodes: <see cref="GradientPeer"/>), the files stay on the data plane.
/// </summary>
public interface IGradientRendezvous
{
    /// <summary>
    /// Announces this learner's gradient for one update and blocks until every rank's announcement of the same
    /// update is known; returns them indexed by rank (this learner's included).
    /// </summary>
    /// <exception cref="TimeoutException">A peer did not announce within <paramref name="timeout"/>.</exception>
    IReadOnlyList<GradientPublished> Exchange(GradientPublished mine, TimeSpan timeout, CancellationToken cancellationToken);
}
