using CoNRec.Core.Runs;

namespace CoNRec.Cluster.Pipeline;

/// <summary>The stages of <c>conrec train</c>, in order; their index is the stage row's index in the run store.</summary>
public static class PipelineStages
{
    public const string Data = "data";
    public const string Sid = "sid";
    public const string AlignmentSft = "sft-align";
    public const string WarmupSft = "sft-warmup";
    public const string Grpo = "grpo";
    public const string Evaluation = "eval";

    /// <summary>The kind recorded with each stage row (the GRPO run's own rows are of the curriculum's kinds).</summary>
    public const string Kind = "pipeline";

    public static IReadOnlyList<string> All { get; } = [Data, Sid, AlignmentSft, WarmupSft, Grpo, Evaluation];

    public static IReadOnlyList<StagePlan> Plan() => [.. All.Select((name, index) => new StagePlan(index, name, Kind, null, 0))];
}
