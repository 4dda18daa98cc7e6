using Akka.Actor;
using CoNRec.Cluster.Observability;
using CoNRec.Cluster.Roles;
using CoNRec.Core.Protocol;
using Serilog;

namespace CoNRec.Cluster.Learner.DataParallel;

/// <summary>
/// One per data-parallel learner, at /user/gradient-peer on its node: tells the other learners' peers where this
/// learner's gradient of each update is (<see cref="GradientPublished"/>: a reference, never the gradient), collects
/// theirs, and answers the learner's <see cref="Announce"/> once every rank's reference of that update is known.
/// Announcements may arrive before the learner's own (a faster peer) and wait on a board per update. Updates are
/// taken in order, so one at or before the last completed one of its run is a late duplicate and is dropped, as is
/// one naming another world or an impossible rank.
/// </summary>
public sealed class GradientPeer : ReceiveActor
{
    public const string ActorName = "gradient-peer";

    readonly int _rank;
    readonly IReadOnlyList<ActorPath> _peers;
    readonly ILogger _log;
    readonly Dictionary<UpdateKey, Board> _boards = [];
    readonly Dictionary<string, (long Step, int Update)> _completed = new(StringComparer.Ordinal);

    /// <param name="peers">Every rank's peer, indexed by rank (this one's own path included, and never sent to).</param>
    public GradientPeer(int rank, IReadOnlyList<ActorPath> peers, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(peers);
        _ = new DataParallelOptions(rank, peers.Count).Validate();
        (_rank, _peers) = (rank, peers);
        _log = logger.ForContext(LogProperties.Role, RoleNames.Learner);
        Receive<Announce>(OnAnnounce);
        Receive<GradientPublished>(OnPublished);
    }

    public static Props Props(int rank, IReadOnlyList<ActorPath> peers, ILogger logger) =>
        Akka.Actor.Props.Create(() => new GradientPeer(rank, peers, logger));

    /// <summary>Where the peer of the learner on the node at <paramref name="address"/> lives.</summary>
    public static ActorPath PathOn(Address address) => new RootActorPath(address) / "user" / ActorName;

    void OnAnnounce(Announce announce)
    {
        var mine = announce.Mine;
        if (mine.Rank != _rank || mine.World != _peers.Count)
        {
            Sender.Tell(new Status.Failure(new ArgumentException($"this peer is rank {_rank} of {_peers.Count}, asked to announce rank {mine.Rank} of {mine.World}")));
            return;
        }
        for (var r = 0; r < _peers.Count; r++)
            if (r != _rank) Context.ActorSelection(_peers[r]).Tell(mine, Self);
        var board = BoardOf(mine);
        board.Entries[_rank] = mine;
        board.ReplyTo = Sender;
        TryComplete(Key(mine), board);
    }

    void OnPublished(GradientPublished published)
    {
        if (published.World != _peers.Count || published.Rank < 0 || published.Rank >= _peers.Count || published.Rank == _rank)
        {
            LogFor(published).Warning("Gradient peer {Rank} dropped an announcement of rank {From} of {World}", _rank, published.Rank, published.World);
            return;
        }
        if (IsDone(published))
        {
            LogFor(published).Debug("Gradient peer {Rank} dropped a late announcement of update {Update}", _rank, published.Update);
            return;
        }
        var board = BoardOf(published);
        if (board.Entries[published.Rank] is { } known && known != published)
            LogFor(published).Warning("Gradient peer {Rank}: rank {From} announced update {Update} twice, differently; the first stands",
                _rank, published.Rank, published.Update);
        else board.Entries[published.Rank] = published;
        TryComplete(Key(published), board);
    }

    void TryComplete(UpdateKey key, Board board)
    {
        if (board.ReplyTo is null || board.Entries.Any(e => e is null)) return;
        board.ReplyTo.Tell(new GradientsKnown([.. board.Entries.Select(e => e!)]));
        _boards.Remove(key);
        _completed[key.RunId] = (key.Step, key.Update);
    }

    bool IsDone(GradientPublished p) =>
        _completed.TryGetValue(p.RunId, out var last) && (p.Step < last.Step || (p.Step == last.Step && p.Update <= last.Update));

    Board BoardOf(GradientPublished p)
    {
        var key = Key(p);
        if (!_boards.TryGetValue(key, out var board)) _boards[key] = board = new Board(new GradientPublished?[_peers.Count]);
        return board;
    }

    ILogger LogFor(GradientPublished p) => _log.ForContext(LogProperties.RunId, p.RunId).ForContext(LogProperties.Step, p.Step);

    static UpdateKey Key(GradientPublished p) => new(p.RunId, p.Step, p.Update);

    readonly record struct UpdateKey(string RunId, long Step, int Update);

    sealed class Board(GradientPublished?[] entries)
    {
        public GradientPublished?[] Entries { get; } = entries;
        public IActorRef? ReplyTo { get; set; }
    }

    /// <summary>From the learner on this node: its gradient of one update is published; answer with every rank's.</summary>
    public sealed record Announce(GradientPublished Mine) : INoSerializationVerificationNeeded;

    /// <summary>Every rank's reference of one update, indexed by rank.</summary>
    public sealed record GradientsKnown(IReadOnlyList<GradientPublished> All) : INoSerializationVerificationNeeded;
}
