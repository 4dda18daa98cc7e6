using System.CommandLine;
using CoNRec.Core.Evaluation;
using CoNRec.Core.Swing;

namespace CoNRec.Cli.Commands;

/// <summary>Swing's command-line settings (method.md step 4) and the neighbour computation on a split's history.</summary>
public sealed class SwingSettings
{
    static readonly SwingOptions Defaults = new();
    readonly Option<int> _topN = new("--swing-top-n") { Description = "Swing neighbours kept per item", DefaultValueFactory = _ => Defaults.TopN };
    readonly Option<int> _minCommon = new("--swing-min-common") { Description = "Swing: pairs need at least this many common rejecting users", DefaultValueFactory = _ => Defaults.MinCommonUsers };
    readonly Option<double> _alpha1 = new("--swing-alpha1") { Description = "Swing: user-activity smoothing a1", DefaultValueFactory = _ => Defaults.Alpha1 };
    readonly Option<double> _alpha2 = new("--swing-alpha2") { Description = "Swing: pair-overlap smoothing a2", DefaultValueFactory = _ => Defaults.Alpha2 };
    readonly Option<double> _theta = new("--swing-theta") { Description = "Swing: user-activity exponent theta", DefaultValueFactory = _ => Defaults.Theta };

    public void AddTo(Command command)
    {
        command.Add(_topN);
        command.Add(_minCommon);
        command.Add(_alpha1);
        command.Add(_alpha2);
        command.Add(_theta);
    }

    public SwingOptions Read(ParseResult result) => (Defaults with
    {
        TopN = result.GetValue(_topN),
        MinCommonUsers = result.GetValue(_minCommon),
        Alpha1 = result.GetValue(_alpha1),
        Alpha2 = result.GetValue(_alpha2),
        Theta = result.GetValue(_theta),
    }).Validate();

    /// <summary>Swing neighbours from the negatives in every user's history (never the targets).</summary>
    public static SwingNeighbors Compute(EvaluationSplit split, SwingOptions options, CliConsole console, CancellationToken ct)
    {
        var input = SwingInput.FromNegatives(split.Dataset, split.HistoryEnd);
        using var progress = new ProgressLine(console, "swing");
        return SwingSimilarity.Compute(input, options, progress, ct);
    }
}
