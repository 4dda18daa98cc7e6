using System.Globalization;
using System.Text.RegularExpressions;
using CoNRec.Cluster.Observability;
using CoNRec.Core.Curriculum;

namespace CoNRec.Cluster.Configuration;

public sealed partial record RunConfig
{
    /// <summary>
    /// Checks every section with its own Validate (messages in run-config terms, e.g. "warmupSft.batchSize"), then
    /// the rules that span sections.
    /// </summary>
    /// <exception cref="ArgumentException">A setting is out of range or two settings disagree; the message names them.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name) || !RunName().IsMatch(Name))
            throw new ArgumentException($"name must be letters, digits, '.', '_' or '-', starting with a letter or digit (got '{Name}')");
        Require(Data, "data").Validate();
        Require(Split, "split").Validate();
        SectionErrors.Rebase(Require(Sid, "sid").Validate, "sid", "sid");
        Require(Policy, "policy").Validate();
        Require(Tasks, "tasks").Validate();
        SectionErrors.Rebase(Require(AlignmentSft, "alignmentSft").Validate, "sft", "alignmentSft");
        SectionErrors.Rebase(Require(WarmupSft, "warmupSft").Validate, "sft", "warmupSft");
        Require(Grpo, "grpo").Validate();
        Require(Reward, "reward").Validate();
        Require(Curriculum, "curriculum").Validate();
        SectionErrors.Rebase(Require(Evaluation, "evaluation").Validate, "eval", "evaluation");
        Require(Store, "store").Validate();
        ValidateLogging(Require(Logging, "logging"));
        SectionErrors.Rebase(Require(Retention, "retention").Validate, "checkpoint", "retention",
            new Dictionary<string, string> { ["metricGoal"] = "goal" });
        Require(DataPlane, "dataPlane").Validate();
        Require(Cluster, "cluster").Validate();
        ValidateAcrossSections();
    }

    void ValidateAcrossSections()
    {
        var stages = Curriculum.Stages;
        for (var i = 0; i < stages.Count; i++)
        {
            if (Grpo.SamplesPerStep > stages[i].SampleBudget)
                throw new ArgumentException(Inv($"grpo.groupsPerStep x grpo.anchorsPerGroup = {Grpo.SamplesPerStep} samples per step must be <= curriculum.stages[{i}].sampleBudget ({stages[i].SampleBudget})"));
            if (stages[i].Context == StageContext.RecentNegatives && stages[i].RecentDays != Tasks.RecentDays)
                throw new ArgumentException(Inv($"curriculum.stages[{i}].recentDays ({stages[i].RecentDays}) must equal tasks.recentDays ({Tasks.RecentDays}): both say how far back a recent-negatives prompt looks"));
        }
        // The GRPO plan as the coordinator will check it (run id, seed, schedule over every stage).
        SectionErrors.Rebase(ToCoordinatorPlan().Validate, "coordinator", "grpo");
        if (Policy.PresetConfig() is { } shape)
        {
            // A prompt plus its answer: up to L codes, a collision suffix and <eos>.
            var longest = Tasks.MaxContextTokens + Sid.Levels + 2;
            if (longest > shape.MaxPositionEmbeddings)
                throw new ArgumentException(Inv($"tasks.maxContextTokens ({Tasks.MaxContextTokens}) + an answer of sid.levels + 2 tokens = {longest} must fit the {shape.MaxPositionEmbeddings} positions of policy.preset {Policy.EffectivePreset}"));
        }
        if (Retention.MetricName is { } metric && MetricCutoff().Match(metric) is { Success: true } cutoff
            && int.Parse(cutoff.Groups[1].Value, CultureInfo.InvariantCulture) != Evaluation.K)
            throw new ArgumentException(Inv($"retention.metricName '{metric}' is cut at a K other than evaluation.k ({Evaluation.K})"));
    }

    static void ValidateLogging(LoggingOptions logging)
    {
        if (logging.SeqApiKey is not null)
            throw new ArgumentException($"logging.seqApiKey must not be in a config file: set {LoggingOptions.SeqApiKeyVariable} or {LoggingOptions.SeqApiKeyFileVariable}");
        SectionErrors.Rebase(logging.Validate, "logging", "logging");
    }

    static T Require<T>(T? section, string name) where T : class =>
        section ?? throw new ArgumentException($"{name} must be an object of settings, not null");

    static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex RunName();

    [GeneratedRegex(@"@(\d+)$")]
    private static partial Regex MetricCutoff();
}
