using System.Diagnostics;
using CoNRec.Cluster.Coordinator;
using CoNRec.Cluster.Roles;
using CoNRec.Core.Coordination;
using CoNRec.Core.Curriculum;
using CoNRec.Core.Grpo;
using CoNRec.Core.Rewards;
using CoNRec.Model.Grpo;
using CoNRec.Model.Policy;
using CoNRec.Model.Training;

namespace CoNRec.Cluster.Benchmarks;

/// <summary>
/// The plan's steps called directly on one thread: the learner's models loaded as the learner role loads them,
/// and per step the three phases of <see cref="GrpoStep"/> in order. The rollout is generated group by group with
/// the coordinator's anchors and seeds (one batch with one seed would sample other completions and pad the prompts
/// differently), so the work is the actor path's, without messages, leases, weight publishing or the run store.
/// </summary>
public static class DirectPath
{
    public static PathTiming Run(GrpoData data, CoordinatorPlan plan, GrpoOptions grpo, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(plan);
        var wall = Stopwatch.GetTimestamp();
        var stage = plan.Curriculum.Stages[0];
        var context = stage.Context.ToContextKind();
        var options = grpo with { Beta = stage.Beta };
        var anchors = new SamplerAnchors(data, plan.Curriculum, (int)plan.Seed);
        var steps = stage.SampleBudget / plan.SamplesPerStep;

        using var policy = PolicyCheckpoint.LoadPretrained(data.PolicyFolder);
        using var reference = ReferencePolicy.Freeze(PolicyCheckpoint.LoadPretrained(data.PolicyFolder));
        using var optimizer = new AdamW(policy.named_parameters().Select(p => (p.name, p.parameter)), weightDecay: BenchmarkPlan.WeightDecay);
        var learner = new LearnerPhase(policy, reference, data.Trie, optimizer, data.Vocabulary.PadId);

        List<double> stepSeconds = [];
        double gen = 0, reward = 0, update = 0;
        Dictionary<string, double> last = [];
        for (var step = 1L; step <= steps; step++)
        {
            ct.ThrowIfCancellationRequested();
            var start = Stopwatch.GetTimestamp();
            var groups = new Core.Protocol.AnchorRef[plan.GroupsPerStep][];
            var batches = new RolloutBatch[plan.GroupsPerStep];
            for (var g = 0; g < groups.Length; g++)
            {
                groups[g] = anchors.Take(0, ((step - 1) * plan.GroupsPerStep + g) * plan.AnchorsPerGroup, plan.AnchorsPerGroup);
                batches[g] = RolloutPhase.Generate(policy, data.Trie, data.Prompts(groups[g], context), plan.GroupSize, plan.Temperature,
                    BenchmarkPlan.SampleSeed(plan, step, g));
            }
            var generated = Stopwatch.GetTimestamp();
            var refs = groups.SelectMany(a => a).ToArray();
            RewardAnchor[] rewardAnchors = [.. refs.Select(GrpoData.RewardAnchorOf)];
            var rollout = Concatenate(batches);
            var rewards = RewardPhase.Score(data.Scorer, rewardAnchors, rollout);
            var weights = RewardPhase.Weights(data.Weighting, rewardAnchors, rollout) ?? Ones(rollout.Rows);
            var scored = Stopwatch.GetTimestamp();
            var learned = learner.Learn(data.Prompts(refs, context), rollout, rewards, weights, options, plan.Schedule.At(step), ct);
            var end = Stopwatch.GetTimestamp();

            last = learned.Metrics();
            // The first step of a run is left out of the figures in both paths (it starts the workers in the other).
            if (step == 1) continue;
            stepSeconds.Add(Stopwatch.GetElapsedTime(start, end).TotalSeconds);
            gen += Stopwatch.GetElapsedTime(start, generated).TotalSeconds;
            reward += Stopwatch.GetElapsedTime(generated, scored).TotalSeconds;
            update += Stopwatch.GetElapsedTime(scored, end).TotalSeconds;
        }
        return new PathTiming("direct", [.. stepSeconds], gen, reward, update, Stopwatch.GetElapsedTime(wall).TotalSeconds, last);
    }

    // The reward worker sends weight 1 for every row when there is no weighting; the learner reads them as given.
    static float[] Ones(int rows)
    {
        var ones = new float[rows];
        Array.Fill(ones, 1f);
        return ones;
    }

    static RolloutBatch Concatenate(RolloutBatch[] groups)
    {
        var first = groups[0];
        return new RolloutBatch(groups.Sum(b => b.Prompts), first.GroupSize, first.Depth, first.Temperature,
            [.. groups.SelectMany(b => b.Tokens)], [.. groups.SelectMany(b => b.OldLogProbs)], [.. groups.SelectMany(b => b.Items)]).Validate();
    }
}
