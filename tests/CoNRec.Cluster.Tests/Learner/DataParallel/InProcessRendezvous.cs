using CoNRec.Cluster.Learner.DataParallel;
using CoNRec.Core.Protocol;

namespace CoNRec.Cluster.Tests.Learner.DataParallel;

/// <summary>
/// Learners in one process meet here: each update's announcements fill a board, and every learner gets the whole
/// board once the last one arrives. <see cref="Rewrite"/> lets a test change what the others are told.
/// </summary>
internal sealed class InProcessRendezvous(int world) : IGradientRendezvous
{
    readonly Dictionary<(string, long, int), GradientPublished?[]> _boards = [];
    readonly object _gate = new();

    public Func<GradientPublished, GradientPublished> Rewrite { get; set; } = m => m;

    public IReadOnlyList<GradientPublished> Exchange(GradientPublished mine, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var key = (mine.RunId, mine.Step, mine.Update);
        var deadline = DateTime.UtcNow + timeout;
        lock (_gate)
        {
            if (!_boards.TryGetValue(key, out var board)) _boards[key] = board = new GradientPublished?[world];
            board[mine.Rank] = Rewrite(mine);
            Monitor.PulseAll(_gate);
            while (board.Any(b => b is null))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || !Monitor.Wait(_gate, left)) throw new TimeoutException($"update {mine.Update} of step {mine.Step}: a peer did not announce");
            }
            return [.. board.Select(b => b!)];
        }
    }
}
