using System.Globalization;
using CoNRec.Cluster.DataPlane;
using CoNRec.Cluster.Roles;
using CoNRec.Core.Grpo;
using CoNRec.Core.Protocol;
using CoNRec.Model.Grpo;
using CoNRec.Model.Policy;
using CoNRec.Model.Training;
using static TorchSharp.torch;

namespace CoNRec.Cluster.Learner.DataParallel;

/// <summary>
/// One of World learners taking the same GRPO step together. Every learner is given the whole step; it learns its
/// rank's share of the groups (<see cref="ShareLayout"/>). Per optimizer update it backpropagates its rows of the
/// minibatch, scaled to their part of the minibatch's loss, writes that gradient as a file on the data plane,
/// announces the reference (<see cref="IGradientRendezvous"/>), sums every rank's in rank order
/// (<see cref="GradientExchange"/>) and takes the single learner's clip + AdamW step on the sum. Learners that
/// start from the same weights and optimizer state therefore hold the same bytes after every update. Lives on
/// the thread that owns the models; blocks there while peers catch up.
/// </summary>
public sealed class DataParallelLearner
{
    readonly GrpoData _data;
    readonly LearnerOptions _options;
    readonly DataParallelOptions _rank;
    readonly ArtifactPublisher _publisher;
    readonly ArtifactFetcher _fetcher;
    readonly IGradientRendezvous _rendezvous;
    readonly GradientExchange _exchange;
    readonly List<string> _ownFiles = [];
    IReadOnlyList<GradientPublished> _lastPeers = [];

    /// <param name="phase">The policy, reference and AdamW, loaded as the single learner loads them; not owned.</param>
    /// <param name="publisher">Names this learner's gradient files (under <c>{RunFolder}/gradients/rank-{r}</c>; with HTTP the run folder must be under the served root).</param>
    /// <param name="fetcher">Fetches and verifies the peers' gradient files.</param>
    public DataParallelLearner(LearnerPhase phase, GrpoData data, LearnerOptions options, DataParallelOptions rank,
        ArtifactPublisher publisher, ArtifactFetcher fetcher, IGradientRendezvous rendezvous)
    {
        ArgumentNullException.ThrowIfNull(phase);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(publisher);
        ArgumentNullException.ThrowIfNull(fetcher);
        ArgumentNullException.ThrowIfNull(rendezvous);
        (Phase, _data, _options, _rank, _publisher, _fetcher, _rendezvous) = (phase, data, options.Validate(), rank.Validate(), publisher, fetcher, rendezvous);
        _exchange = new GradientExchange(fetcher, phase.Optimizer.Parameters.ToDictionary(p => p.Name, p => p.Parameter.shape, StringComparer.Ordinal));
        GradientFolder = Path.Combine(options.RunFolder, "gradients", string.Create(CultureInfo.InvariantCulture, $"rank-{rank.Rank}"));
    }

    public LearnerPhase Phase { get; }

    public string GradientFolder { get; }

    /// <summary>The policy, a frozen reference and AdamW from the warm-up folder, as <see cref="LearnerEngine"/> loads them; the caller owns them.</summary>
    public static LearnerPhase LoadPhase(GrpoData data, LearnerOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        return LearnerEngine.LoadPhase(data, options);
    }

    /// <summary>Takes this learner's part of the step; returns the whole step's metrics (the same on every rank).</summary>
    public LearnResult Learn(LearnStep step, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (step.Groups.Length == 0) throw new ArgumentException($"step {step.Step} has no groups", nameof(step));
        var options = _options.Grpo with { Beta = step.Beta };
        var layout = ShareLayout.Of(step.Groups, _rank);
        if (layout.TotalRows < options.MiniBatches)
            throw new ArgumentException($"grpo.miniBatches is {options.MiniBatches} but step {step.Step} has only {layout.TotalRows} rows", nameof(step));
        var depth = step.Groups[0].Depth;
        var (_, stats) = GroupAdvantages.Compute([.. step.Groups.SelectMany(g => g.Rewards)], step.GroupSize, options.AdvantageEstimator, options.AdvantageEpsilon);

        using var share = layout.Rows == 0 ? null : Share(step, layout, options);
        var updates = new List<(ShareMetrics Metrics, double Norm)>();
        for (var epoch = 0; epoch < options.Epochs; epoch++)
            for (var mb = 0; mb < options.MiniBatches; mb++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                Phase.Optimizer.ZeroGrad();
                var (rows, scale) = layout.MiniBatch(mb, options.MiniBatches);
                var metrics = rows.Length == 0 ? ShareMetrics.Empty : ShareMetrics.Of(share!.Backward(rows, scale), scale, (long)rows.Length * depth);
                var header = new GradientHeader(step.RunId, step.Step, epoch * options.MiniBatches + mb, _rank.Rank, _rank.World, metrics);
                using var summed = Exchange(header, cancellationToken);
                SetGradients(summed.Gradients);
                var norm = GrpoUpdate.ClipAndStep(Phase.Optimizer, options.GradientClip, step.LearningRate);
                updates.Add((summed.Metrics, norm));
            }
        return LearnResult.From(Average(updates), stats, (long)layout.TotalRows * depth);
    }

    LearnerShare Share(LearnStep step, ShareLayout layout, GrpoOptions options)
    {
        var groups = step.Groups[layout.FirstGroup..(layout.FirstGroup + layout.Groups)];
        var anchors = groups.SelectMany(g => g.Anchors).ToArray();
        var prompts = _data.Prompts(anchors, GrpoData.ContextOf(step.Context));
        var batch = LearnerEngine.Concatenate(step with { Groups = groups }, anchors.Length, options.Temperature);
        return Phase.Share(prompts, batch, [.. groups.SelectMany(g => g.Rewards)], [.. groups.SelectMany(g => g.Weights)], options);
    }

    SummedGradient Exchange(GradientHeader header, CancellationToken cancellationToken)
    {
        var own = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, p) in Phase.Optimizer.Parameters)
            if (p.grad is { } grad) own[name] = grad.detach().to(ScalarType.Float32, CPU);
        var path = Path.Combine(GradientFolder, string.Create(CultureInfo.InvariantCulture, $"step-{header.Step}-update-{header.Update}.safetensors"));
        GradientFile.Write(path, header, own);
        var mine = new GradientPublished(header.RunId, header.Step, header.Update, header.Rank, header.World, _publisher.DescribeFile(path));
        var published = _rendezvous.Exchange(mine, _rank.ExchangeTimeout, cancellationToken);
        var summed = _exchange.Sum(header, own, published, cancellationToken);
        Retire(path, published);
        return summed;
    }

    /// <summary>
    /// Every rank announced this update, so every rank has finished fetching the previous ones: their files and the
    /// cached copies of the peers' can go. The newest stay until the next exchange.
    /// </summary>
    void Retire(string path, IReadOnlyList<GradientPublished> published)
    {
        foreach (var old in _ownFiles) File.Delete(old);
        _ownFiles.Clear();
        _ownFiles.Add(path);
        foreach (var peer in _lastPeers)
            if (peer.Rank != _rank.Rank) _fetcher.Forget(peer.Gradient);
        _lastPeers = published;
    }

    /// <summary>
    /// Puts the sum where the backward would have: into each parameter's gradient. A parameter no rank has a gradient
    /// for keeps what ZeroGrad left, as in the single learner.
    /// </summary>
    void SetGradients(IReadOnlyDictionary<string, Tensor> sums)
    {
        foreach (var (name, p) in Phase.Optimizer.Parameters)
        {
            if (!sums.TryGetValue(name, out var sum)) continue;
            if (p.grad is null)
            {
                // A rank with no rows has no gradient yet: d/dp sum(p * 0) creates one of zeros.
                using var scope = NewDisposeScope();
                (p * 0).sum().backward();
            }
            using var noGrad = no_grad();
            p.grad!.copy_(sum);
        }
    }

    static GrpoUpdateMetrics Average(List<(ShareMetrics Metrics, double Norm)> updates)
    {
        var n = updates.Count;
        var taken = updates.Where(u => double.IsFinite(u.Norm)).ToList();
        var withTokens = updates.Where(u => u.Metrics.Tokens > 0).Select(u => u.Metrics).ToList();
        double Mean(Func<ShareMetrics, double> of) => withTokens.Count == 0 ? double.NaN : withTokens.Sum(of) / withTokens.Count;
        return new GrpoUpdateMetrics(n, n - taken.Count, updates.Sum(u => u.Metrics.Loss) / n, updates.Sum(u => u.Metrics.PgLoss) / n,
            Mean(m => m.Kl), Mean(m => m.ClipFrac), Mean(m => m.RatioMean),
            withTokens.Count == 0 ? double.NaN : withTokens.Max(m => m.RatioMax), withTokens.Count == 0 ? null : Mean(m => m.Entropy),
            taken.Count > 0 ? taken.Sum(u => u.Norm) / taken.Count : double.NaN);
    }
}
