using System.Globalization;
using System.Text;

namespace CoNRec.Model.Grpo;

/// <summary>Wall-clock seconds of each phase of one step, and of the whole step.</summary>
public sealed record GrpoTimings(double GenSeconds, double RewardSeconds, double UpdateSeconds, double StepSeconds);

/// <summary>
/// One step's outputs: the phases' plain-data results and their timings.
/// <see cref="Tokens"/> counts every row's prompt and completion tokens (what the step read and wrote), the
/// numerator of <see cref="TokensPerSecond"/>.
/// </summary>
public sealed record GrpoStepResult(RolloutBatch Rollout, float[] Rewards, float[]? Weights, LearnResult Learn, GrpoTimings Timings, long Tokens)
{
    public double TokensPerSecond => Timings.StepSeconds > 0 ? Tokens / Timings.StepSeconds : double.NaN;

    /// <summary>The learner's metrics, the timings and throughput, by their <see cref="GrpoMetricNames"/>.</summary>
    public Dictionary<string, double> Metrics()
    {
        var metrics = Learn.Metrics();
        metrics[GrpoMetricNames.TimingGen] = Timings.GenSeconds;
        metrics[GrpoMetricNames.TimingReward] = Timings.RewardSeconds;
        metrics[GrpoMetricNames.TimingUpdate] = Timings.UpdateSeconds;
        metrics[GrpoMetricNames.TimingStep] = Timings.StepSeconds;
        metrics[GrpoMetricNames.Tokens] = Tokens;
        metrics[GrpoMetricNames.TokensPerSecond] = TokensPerSecond;
        return metrics;
    }

    bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture,
            $"Rollout = {Rollout}, Rewards = {Rewards.Length}, Weights = {Weights?.Length ?? 0}, Learn = {Learn}, Timings = {Timings}, Tokens = {Tokens}");
        return true;
    }
}
