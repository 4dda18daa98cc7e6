using System.Globalization;
using CoNRec.Core.Curriculum;
using CoNRec.Core.Randomness;
using CoNRec.Core.Rewards;
using CoNRec.Model.Tasks;

namespace CoNRec.Model.Grpo;

/// <summary>
/// The prompts of one GRPO stage: the training anchors (<see cref="TaskBuilder.Anchors"/>) whose prompt, in the
/// stage's context, shows at least one item and whose reward has something to aim at (a non-empty GTS), visited in
/// a seeded order. The order is an endless sequence of epochs, each a fresh shuffle of the eligible anchors seeded
/// by (seed, epoch), so <see cref="Position"/> alone (a count of prompts handed out) fixes what comes next: saving it
/// and setting it back on a sampler built from the same data and seed resumes the sequence exactly.
/// </summary>
public sealed class GrpoSampler
{
    const int ShuffleStream = 0x6772706F;   // "grpo": keeps this stream apart from the seed's other uses

    readonly TaskBuilder _tasks;
    readonly TrainingAnchor[] _eligible;
    readonly int _seed;
    long _position;
    long _cachedEpoch = -1;
    int[] _order = [];

    /// <param name="rewards">Decides which anchors have reward targets (the run's reward context).</param>
    /// <exception cref="InvalidOperationException">No anchor qualifies.</exception>
    public GrpoSampler(TaskBuilder tasks, RewardContext rewards, ContextKind context, int seed, long position = 0)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(rewards);
        (_tasks, Context, _seed) = (tasks, context, seed);
        _eligible = Eligible(tasks, rewards, context);
        if (_eligible.Length == 0)
            throw new InvalidOperationException($"no training anchor has a {context} context with at least one item and a non-empty reward target set");
        Position = position;
    }

    /// <summary>A sampler for a curriculum stage; the stage's recent-days window must be the task builder's.</summary>
    public static GrpoSampler ForStage(TaskBuilder tasks, RewardContext rewards, CurriculumStage stage, int seed, long position = 0)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(stage);
        if (stage.Context == StageContext.RecentNegatives && stage.RecentDays != tasks.Options.RecentDays)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"curriculum.stages[{stage.Index}].recentDays is {stage.RecentDays} but tasks.recentDays is {tasks.Options.RecentDays}: the prompts are written with the latter"), nameof(stage));
        return new GrpoSampler(tasks, rewards, stage.Context.ToContextKind(), seed, position);
    }

    public ContextKind Context { get; }

    /// <summary>The qualifying anchors, in user order (before shuffling).</summary>
    public IReadOnlyList<TrainingAnchor> Anchors => _eligible;

    /// <summary>Prompts handed out so far; set it to resume.</summary>
    public long Position
    {
        get => _position;
        set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "the sampler position must be >= 0");
    }

    /// <summary>Epochs completed (a full pass over the eligible anchors).</summary>
    public long Epoch => _position / _eligible.Length;

    public static RewardAnchor RewardAnchorOf(TrainingAnchor anchor)
    {
        ArgumentNullException.ThrowIfNull(anchor);
        return new RewardAnchor(anchor.User, anchor.ContextEnd, anchor.Time);
    }

    /// <summary>The next <paramref name="count"/> prompts (crossing into the next epoch when needed); advances the position.</summary>
    public SampledPrompts Next(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var start = _position;
        var anchors = new TrainingAnchor[count];
        for (var k = 0; k < count; k++) anchors[k] = At(start + k);
        var prompts = new int[count][];
        Parallel.For(0, count, k => prompts[k] = _tasks.ContextPrompt(anchors[k], Context).InputIds);
        _position = start + count;
        return new SampledPrompts(start, anchors, Array.ConvertAll(anchors, RewardAnchorOf), prompts);
    }

    TrainingAnchor At(long position)
    {
        var epoch = position / _eligible.Length;
        if (epoch != _cachedEpoch)
        {
            _order = Shuffled(_eligible.Length, StableSeed.Random(_seed, ShuffleStream, checked((int)epoch)));
            _cachedEpoch = epoch;
        }
        return _eligible[_order[position % _eligible.Length]];
    }

    static int[] Shuffled(int count, Random random)
    {
        var order = new int[count];
        for (var i = 0; i < count; i++) order[i] = i;
        for (var i = count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    static TrainingAnchor[] Eligible(TaskBuilder tasks, RewardContext rewards, ContextKind context)
    {
        var all = tasks.Anchors();
        var keep = new bool[all.Count];
        Parallel.For(0, all.Count, k =>
            keep[k] = tasks.ContextPrompt(all[k], context).ContextItems > 0 && rewards.TargetsOf(RewardAnchorOf(all[k])).Gts.Length > 0);
        var eligible = new List<TrainingAnchor>();
        for (var k = 0; k < all.Count; k++)
            if (keep[k]) eligible.Add(all[k]);
        return [.. eligible];
    }
}
