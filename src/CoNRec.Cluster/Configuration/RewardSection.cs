using System.Text.Json.Serialization;
using CoNRec.Core.Rewards;
using CoNRec.Core.Swing;

namespace CoNRec.Cluster.Configuration;

/// <summary>
/// The future-grounded reward (<see cref="RewardOptions"/>, whose settings sit directly in this section, e.g.
/// <c>reward.gamma</c>), the Swing neighbours that widen its ground-truth set, and the cross-stage up-weighting of
/// samples whose generations come close to the user's future positives.
/// </summary>
public sealed record RewardSection
{
    [JsonIgnore] public RewardOptions Scoring { get; init; } = new();

    public SwingOptions Swing { get; init; } = new();

    public SampleWeightingOptions Weighting { get; init; } = new();

    public void Validate()
    {
        if (Scoring is null) throw new ArgumentException("reward must be an object of reward settings");
        Scoring.Validate();
        if (Swing is null) throw new ArgumentException("reward.swing must be an object of Swing settings, not null");
        SectionErrors.Rebase(() => Swing.Validate(), "swing", "reward.swing");
        if (Weighting is null) throw new ArgumentException("reward.weighting must be an object of weighting settings, not null");
        SectionErrors.Rebase(() => Weighting.Validate(), "weighting", "reward.weighting");
        if (Scoring.SwingNeighbours > Swing.TopN)
            throw new ArgumentException($"reward.swingNeighbours ({Scoring.SwingNeighbours}) must be <= reward.swing.topN ({Swing.TopN}), the neighbours Swing keeps per item");
    }
}
