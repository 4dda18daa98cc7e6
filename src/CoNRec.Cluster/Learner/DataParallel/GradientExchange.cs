using System.Runtime.ExceptionServices;
using CoNRec.Cluster.DataPlane;
using CoNRec.Core.Protocol;
using static TorchSharp.torch;

namespace CoNRec.Cluster.Learner.DataParallel;

/// <summary>
/// Turns every rank's announced gradient of one update into their sum. Each peer's file is fetched by its reference
/// and verified against its sha256 (<see cref="ArtifactFetcher"/>), then its header must name the announced run,
/// step, update and rank, and its tensors the trainable parameters with their shapes. Sums go in rank order, each
/// parameter starting from the lowest rank that has it, so every learner adds the same fp32 numbers in the same order
/// and gets the same bytes. This learner's own share is taken from memory: the bytes it wrote.
/// </summary>
public sealed class GradientExchange
{
    readonly ArtifactFetcher _fetcher;
    readonly IReadOnlyDictionary<string, long[]> _shapes;

    /// <param name="shapes">The trainable parameters by name, with their shapes: all a gradient file may hold.</param>
    public GradientExchange(ArtifactFetcher fetcher, IReadOnlyDictionary<string, long[]> shapes)
    {
        ArgumentNullException.ThrowIfNull(fetcher);
        ArgumentNullException.ThrowIfNull(shapes);
        (_fetcher, _shapes) = (fetcher, shapes);
    }

    /// <param name="mine">This learner's header (the update being summed).</param>
    /// <param name="own">This learner's gradients (fp32, CPU), as written to its file; not disposed here.</param>
    /// <param name="published">Every rank's announcement, indexed by rank.</param>
    /// <exception cref="InvalidDataException">An announcement or a file belongs to another update or rank, a file's
    /// bytes differ from its sha256 (names the URI), or its tensors do not fit the parameters.</exception>
    public SummedGradient Sum(GradientHeader mine, IReadOnlyDictionary<string, Tensor> own, IReadOnlyList<GradientPublished> published,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mine);
        ArgumentNullException.ThrowIfNull(own);
        ArgumentNullException.ThrowIfNull(published);
        CheckAnnouncements(mine, published);
        var fetches = new Task<(GradientHeader, Dictionary<string, Tensor>)>?[mine.World];
        for (var r = 0; r < mine.World; r++)
            if (r != mine.Rank) fetches[r] = FetchAsync(published[r], cancellationToken);
        var shares = new (GradientHeader Header, IReadOnlyDictionary<string, Tensor> Gradients)[mine.World];
        try
        {
            Task.WaitAll([.. fetches.OfType<Task>()], cancellationToken);
            for (var r = 0; r < mine.World; r++) shares[r] = r == mine.Rank ? (mine, own) : fetches[r]!.Result;
            return new SummedGradient(SumInRankOrder(shares), ShareMetrics.Combine([.. shares.Select(s => s.Header.Metrics)]));
        }
        catch (AggregateException e)
        {
            // The first refusal, as itself: its message names the URI.
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
        finally
        {
            foreach (var task in fetches)
                if (task is { IsCompletedSuccessfully: true })
                    foreach (var t in task.Result.Item2.Values) t.Dispose();
        }
    }

    Dictionary<string, Tensor> SumInRankOrder((GradientHeader Header, IReadOnlyDictionary<string, Tensor> Gradients)[] shares)
    {
        var sums = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        using var noGrad = no_grad();
        foreach (var name in _shapes.Keys)
            foreach (var (_, gradients) in shares)
            {
                if (!gradients.TryGetValue(name, out var g)) continue;
                if (sums.TryGetValue(name, out var sum)) sum.add_(g);
                else sums[name] = g.detach().to(ScalarType.Float32, CPU, copy: true);
            }
        return sums;
    }

    static void CheckAnnouncements(GradientHeader mine, IReadOnlyList<GradientPublished> published)
    {
        if (published.Count != mine.World)
            throw new InvalidDataException($"{mine.Describe()}: {published.Count} gradients announced for {mine.World} learners");
        for (var r = 0; r < published.Count; r++)
        {
            var p = published[r];
            var announced = new GradientHeader(p.RunId, p.Step, p.Update, p.Rank, p.World, ShareMetrics.Empty);
            if (p.Rank != r || !announced.SameUpdate(mine))
                throw new InvalidDataException($"the gradient announced as rank {r}'s is of {announced.Describe()} at {p.Gradient.Uri}; this learner sums {mine.Describe()}");
        }
    }

    async Task<(GradientHeader, Dictionary<string, Tensor>)> FetchAsync(GradientPublished announced, CancellationToken cancellationToken)
    {
        var uri = announced.Gradient.Uri;
        string path;
        try
        {
            path = await _fetcher.FetchFileAsync(announced.Gradient, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"the gradient of rank {announced.Rank} at {uri} is refused: {e.Message}", e);
        }
        var (header, gradients) = GradientFile.Read(path, uri);
        try
        {
            var expected = new GradientHeader(announced.RunId, announced.Step, announced.Update, announced.Rank, announced.World, ShareMetrics.Empty);
            if (!header.SameUpdate(expected) || header.Rank != announced.Rank)
                throw new InvalidDataException($"{uri} holds the gradient of {header.Describe()}, announced as {expected.Describe()}: refused");
            foreach (var (name, g) in gradients)
            {
                if (!_shapes.TryGetValue(name, out var shape))
                    throw new InvalidDataException($"{uri}: gradient '{name}' names no trainable parameter");
                if (!g.shape.SequenceEqual(shape))
                    throw new InvalidDataException($"{uri}: gradient '{name}' has shape [{string.Join(", ", g.shape)}], the parameter [{string.Join(", ", shape)}]");
            }
            return (header, gradients);
        }
        catch
        {
            foreach (var t in gradients.Values) t.Dispose();
            throw;
        }
    }
}
