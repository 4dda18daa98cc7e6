using System.Globalization;
using System.Text;

namespace CoNRec.Core.Runs;

/// <summary>One training step and its metrics (verl-style names such as "reward/mean", "timing_s/gen").</summary>
/// <param name="Samples">Samples the step consumed; they count towards its stage's budget once.</param>
public sealed record StepRecord(
    RunId Run,
    long Step,
    int StageIndex,
    PolicyVersion PolicyVersion,
    long Samples,
    IReadOnlyDictionary<string, double> Metrics,
    DateTimeOffset RecordedAt)
{
    // Logs show how many metrics a step has, not all of them.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture,
            $"Run = {Run}, Step = {Step}, StageIndex = {StageIndex}, PolicyVersion = {PolicyVersion}, Samples = {Samples}, Metrics = {Metrics.Count}, RecordedAt = {RecordedAt:O}");
        return true;
    }
}
