using System.Text.Json;

namespace CoNRec.Core.Curriculum;

/// <summary>
/// Where progressive GRPO stands: the current stage, the samples it has consumed, the samples consumed in all,
/// and whether the curriculum is finished. Immutable: <see cref="Advance"/> returns the next state and its events.
/// A stage ends exactly when its budget is spent. A batch that overshoots the budget still ends the stage, and
/// its surplus does NOT count towards the next stage, which always starts at 0 (a batch's prompts were all
/// built with the old stage's context). <see cref="TotalSamples"/> counts every consumed sample, surplus
/// included. A finished state stays on the last stage with its budget spent.
/// </summary>
public sealed record CurriculumState
{
    static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    CurriculumState(CurriculumOptions options, int stageIndex, long samplesInStage, long totalSamples, bool finished)
    {
        Options = options;
        StageIndex = stageIndex;
        SamplesInStage = samplesInStage;
        TotalSamples = totalSamples;
        Finished = finished;
    }

    public CurriculumOptions Options { get; }
    public int StageIndex { get; }
    public long SamplesInStage { get; }
    public long TotalSamples { get; }
    public bool Finished { get; }

    public CurriculumStage Stage => Options.Stages[StageIndex];

    /// <summary>Samples still to consume in the current stage (0 once finished).</summary>
    public long RemainingInStage => Finished ? 0 : Stage.SampleBudget - SamplesInStage;

    /// <summary>The first stage, nothing consumed.</summary>
    public static CurriculumState Start(CurriculumOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new CurriculumState(options.Validate(), 0, 0, 0, false);
    }

    /// <summary>Records a consumed batch of <paramref name="samplesConsumed"/> samples.</summary>
    /// <exception cref="InvalidOperationException">The curriculum is already finished.</exception>
    public CurriculumStep Advance(long samplesConsumed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(samplesConsumed);
        if (Finished) throw new InvalidOperationException("the curriculum is finished; no stage is left to advance");
        var total = TotalSamples + samplesConsumed;
        var inStage = SamplesInStage + samplesConsumed;
        if (inStage < Stage.SampleBudget) return new CurriculumStep(new CurriculumState(Options, StageIndex, inStage, total, false), []);
        if (StageIndex + 1 < Options.Stages.Count)
            return new CurriculumStep(new CurriculumState(Options, StageIndex + 1, 0, total, false),
                [new StageCompleted(StageIndex), new StageStarted(StageIndex + 1)]);
        return new CurriculumStep(new CurriculumState(Options, StageIndex, Stage.SampleBudget, total, true),
            [new StageCompleted(StageIndex), new CurriculumFinished()]);
    }

    /// <summary>A small JSON object for the run store, e.g. <c>{"stage":1,"samplesInStage":512,"totalSamples":4608,"finished":false}</c>.</summary>
    public string Serialize() => JsonSerializer.Serialize(new Stored(StageIndex, SamplesInStage, TotalSamples, Finished), Json);

    /// <summary>Reads <see cref="Serialize"/>'s text back against the same curriculum.</summary>
    /// <exception cref="FormatException">The text is not a curriculum state, or does not fit these stages.</exception>
    public static CurriculumState Parse(string text, CurriculumOptions options)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Stored stored;
        try
        {
            stored = JsonSerializer.Deserialize<Stored>(text, Json) ?? throw new FormatException("curriculum state: the text is empty (null)");
        }
        catch (JsonException e)
        {
            throw new FormatException($"curriculum state: not a valid state ({e.Message})", e);
        }
        var stages = options.Stages;
        if (stored.Stage < 0 || stored.Stage >= stages.Count)
            throw new FormatException($"curriculum state: stage {stored.Stage} is outside the {stages.Count} configured stages");
        var budget = stages[stored.Stage].SampleBudget;
        var fits = stored.Finished
            ? stored.Stage == stages.Count - 1 && stored.SamplesInStage == budget
            : stored.SamplesInStage >= 0 && stored.SamplesInStage < budget;
        if (!fits || stored.TotalSamples < stored.SamplesInStage)
            throw new FormatException($"curriculum state: {stored.SamplesInStage} samples in stage {stored.Stage} (budget {budget}, " +
                $"total {stored.TotalSamples}, finished {stored.Finished}) do not fit the configured stages");
        return new CurriculumState(options, stored.Stage, stored.SamplesInStage, stored.TotalSamples, stored.Finished);
    }

    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Stage = {StageIndex} ({Stage.Name}), SamplesInStage = {SamplesInStage}, TotalSamples = {TotalSamples}, Finished = {Finished}");
        return true;
    }

    sealed record Stored(int Stage, long SamplesInStage, long TotalSamples, bool Finished);
}
