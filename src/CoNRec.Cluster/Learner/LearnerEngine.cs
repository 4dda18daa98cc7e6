using System.Diagnostics;
using CoNRec.Cluster.DataPlane;
using CoNRec.Cluster.Learner.DataParallel;
using CoNRec.Cluster.Roles;
using CoNRec.Core.Protocol;
using CoNRec.Model.Grpo;
using CoNRec.Model.Policy;
using CoNRec.Model.Training;

namespace CoNRec.Cluster.Learner;

/// <summary>
/// The learner's models and what it does with them; lives on the learner's device thread. Holds the policy, the
/// frozen reference (both loaded from the warm-up folder) and AdamW; a step rebuilds the prompts from the anchors,
/// runs <see cref="LearnerPhase.Learn"/>, and publishes the result as the next policy version. A step it has
/// already learned is answered again, not learned twice (a coordinator re-sending after a lost reply). Policy
/// versions and checkpoints are named through the node's <see cref="ArtifactPublisher"/>: file:// URIs on a shared
/// directory, http:// URIs on the node's own server.
/// </summary>
public sealed class LearnerEngine : IDisposable
{
    readonly GrpoData _data;
    readonly LearnerOptions _options;
    readonly LearnerPhase _phase;
    readonly ArtifactPublisher _publisher;
    readonly DataParallelContext? _dataParallel;
    readonly DataParallelLearner? _shares;
    StepLearned? _last;
    double _lastLoss;

    LearnerEngine(GrpoData data, LearnerOptions options, LearnerPhase phase, ArtifactPublisher publisher, DataParallelContext? dataParallel)
    {
        (_data, _options, _phase, _publisher, _dataParallel) = (data, options, phase, publisher, dataParallel);
        if (dataParallel is { Rank.World: > 1 } dp)
            _shares = new DataParallelLearner(phase, data, options, dp.Rank, publisher, dp.Fetcher, dp.Rendezvous);
    }

    /// <summary>This learner's rank among data-parallel learners (0 alone): only rank 0 publishes policies and writes checkpoints.</summary>
    int Rank => _dataParallel?.Rank.Rank ?? 0;

    public long PolicyVersion { get; private set; }

    /// <param name="publisher">Names what the learner publishes; default: a shared directory.</param>
    /// <param name="dataParallel">This learner's place among data-parallel learners; null: it learns every step alone.</param>
    public static LearnerEngine Load(GrpoData data, LearnerOptions options, ArtifactPublisher? publisher = null, DataParallelContext? dataParallel = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        dataParallel?.Rank.Validate();
        var engine = new LearnerEngine(data, options, LoadPhase(data, options), publisher ?? ArtifactPublisher.SharedDirectory, dataParallel);
        try
        {
            if (options.Resume is { } resume) engine.Restore(resume);
            return engine;
        }
        catch
        {
            engine.Dispose();
            throw;
        }
    }

    /// <summary>The policy, a frozen reference (both from the warm-up folder) and AdamW over the policy's parameters.</summary>
    internal static LearnerPhase LoadPhase(GrpoData data, LearnerOptions options)
    {
        var policy = PolicyCheckpoint.LoadPretrained(data.PolicyFolder, c => c with { Device = options.Device });
        var reference = ReferencePolicy.Freeze(PolicyCheckpoint.LoadPretrained(data.PolicyFolder, c => c with { Device = options.Device }));
        var optimizer = new AdamW(policy.named_parameters().Select(p => (p.name, p.parameter)), weightDecay: options.WeightDecay);
        return new LearnerPhase(policy, reference, data.Trie, optimizer, data.Vocabulary.PadId);
    }

    /// <summary>
    /// Continues from the committed checkpoint: folders of later steps were written but never committed (the run
    /// stopped first), so they are removed (by rank 0, the one that writes them) and their steps redone; then the
    /// policy and AdamW state are restored from the committed step's folder, which every rank reads.
    /// </summary>
    void Restore(LearnerResume resume)
    {
        var root = _options.CheckpointRoot;
        if (Rank == 0)
            foreach (var folder in TrainingCheckpoint.List(root))
                if (StepOf(folder) > resume.Step) Directory.Delete(folder, recursive: true);
        var committed = TrainingCheckpoint.FolderFor(root, resume.Step);
        if (!Directory.Exists(committed)) throw new InvalidDataException($"{root}: no checkpoint to resume step {resume.Step} from ({committed} is missing)");
        var state = TrainingCheckpoint.Restore(committed, _phase.Optimizer, _data.Vocabulary.Fingerprint);
        if (state.Step != resume.Step)
            throw new InvalidDataException($"{committed}: holds step {state.Step}, the run store's is step {resume.Step}");
        PolicyVersion = resume.PolicyVersion;
        _lastLoss = state.LastLoss;
    }

    static long StepOf(string folder) =>
        long.Parse(Path.GetFileName(folder).AsSpan("step-".Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture);

    public StepLearned Learn(LearnStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (_last is { } last && last.RunId == step.RunId && last.Step == step.Step) return last;
        if (step.PolicyVersion != PolicyVersion)
            throw new InvalidOperationException($"step {step.Step} starts from policy {step.PolicyVersion}, the learner holds {PolicyVersion}");
        if (step.Groups.Length == 0) throw new ArgumentException($"step {step.Step} has no groups", nameof(step));

        var context = GrpoData.ContextOf(step.Context);
        var anchors = step.Groups.SelectMany(g => g.Anchors).ToArray();
        var prompts = _data.Prompts(anchors, context);
        var batch = Concatenate(step, anchors.Length, _options.Grpo.Temperature);
        var rewards = step.Groups.SelectMany(g => g.Rewards).ToArray();
        var weights = step.Groups.SelectMany(g => g.Weights).ToArray();

        var start = Stopwatch.GetTimestamp();
        var learned = _shares is not null
            ? _shares.Learn(step)
            : _phase.Learn(prompts, batch, rewards, weights, _options.Grpo with { Beta = step.Beta }, step.LearningRate);
        var updated = Stopwatch.GetTimestamp();
        // Every rank holds the same bytes: rank 0 alone writes them, and the coordinator takes its answer.
        var policy = Rank == 0 ? PolicyWeights.Publish(_phase.Policy, _options.RunFolder, PolicyVersion + 1, _publisher) : NotPublished;
        PolicyVersion++;
        _lastLoss = learned.Loss;

        long promptTokens = 0;
        foreach (var prompt in prompts) promptTokens += prompt.Length;
        var metrics = LearnMetrics.Of(learned, Stopwatch.GetElapsedTime(start, updated).TotalSeconds, Stopwatch.GetElapsedTime(updated).TotalSeconds,
            promptTokens * step.GroupSize + batch.CompletionTokens);
        _last = new StepLearned(step.RunId, step.Step, PolicyVersion, policy, metrics);
        return _last;
    }

    static readonly ArtifactRef NotPublished = new("", "", 0);

    /// <summary>Seals the trainable weights and AdamW's state as <c>checkpoints/step-N</c> (<see cref="TrainingCheckpoint"/>).</summary>
    public CheckpointWritten WriteCheckpoint(WriteCheckpoint request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_last is null || _last.Step != request.Step || _last.RunId != request.RunId)
            throw new InvalidOperationException($"checkpoint of step {request.Step} asked, the learner's last step is {_last?.Step.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}");
        // The run store decides which checkpoints to retire, so none is deleted here.
        TrainingCheckpoint.Save(_options.CheckpointRoot, _phase.Optimizer,
            new TrainerState(request.Step, _options.Seed, _lastLoss, _data.Vocabulary.Fingerprint), keep: int.MaxValue);
        var artifact = _publisher.DescribeFolder(TrainingCheckpoint.FolderFor(_options.CheckpointRoot, request.Step));
        return new CheckpointWritten(request.RunId, request.Step, PolicyVersion, artifact);
    }

    // The steps carry no temperature: the plan's, which the learner's options repeat (GrpoRun checks they agree).
    internal static RolloutBatch Concatenate(LearnStep step, int prompts, double temperature)
    {
        var depth = step.Groups[0].Depth;
        if (step.Groups.Any(g => g.Depth != depth)) throw new ArgumentException($"step {step.Step}: groups sampled SIDs of different depths", nameof(step));
        var batch = new RolloutBatch(prompts, step.GroupSize, depth, temperature,
            [.. step.Groups.SelectMany(g => g.Tokens)], [.. step.Groups.SelectMany(g => g.OldLogProbs)], [.. step.Groups.SelectMany(g => g.Items)]);
        return batch.Validate();
    }

    public void Dispose()
    {
        _phase.Optimizer.Dispose();
        _phase.Policy.Dispose();
        _phase.Reference.Dispose();
    }
}
