using System.Globalization;
using System.Text;
using CoNRec.Core.Rewards;
using CoNRec.Model.Tasks;

namespace CoNRec.Model.Grpo;

/// <summary>
/// One batch of GRPO prompts from a <see cref="GrpoSampler"/>: per prompt its training anchor, the reward's view
/// of that anchor and the prompt's token ids. <see cref="Position"/> is the sampler position of the first prompt.
/// </summary>
public sealed record SampledPrompts(long Position, TrainingAnchor[] Anchors, RewardAnchor[] RewardAnchors, int[][] Prompts)
{
    public int Count => Anchors.Length;

    bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"Position = {Position}, Count = {Count}");
        return true;
    }
}
