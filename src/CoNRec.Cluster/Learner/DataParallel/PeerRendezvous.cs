using System.Globalization;
using Akka.Actor;
using CoNRec.Core.Protocol;

namespace CoNRec.Cluster.Learner.DataParallel;

/// <summary>The learner's side of its <see cref="GradientPeer"/>: announce and wait, on the learner's own (device) thread.</summary>
public sealed class PeerRendezvous(IActorRef peer) : IGradientRendezvous
{
    public IReadOnlyList<GradientPublished> Exchange(GradientPublished mine, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mine);
        try
        {
            // The device thread blocks here by design: the step cannot go on without the peers' gradients.
            return peer.Ask<GradientPeer.GradientsKnown>(new GradientPeer.Announce(mine), timeout, cancellationToken).GetAwaiter().GetResult().All;
        }
        catch (AskTimeoutException e)
        {
            throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                $"rank {mine.Rank} of {mine.World}: not every learner announced its gradient of update {mine.Update} of step {mine.Step} within {timeout}"), e);
        }
    }
}
