using CoNRec.Core.Swing;

namespace CoNRec.Core.Tests.Swing;

public sealed class SwingProgressTests
{
    sealed class Recorder : IProgress<double>
    {
        public readonly List<double> Values = [];

        public void Report(double value)
        {
            lock (Values) Values.Add(value);
        }
    }

    [Fact]
    public void Progress_rises_to_one()
    {
        var input = SyntheticSwingInput.Generate(users: 200, items: 300, negativesPerUserMean: 5, seed: 3);
        var progress = new Recorder();

        SwingSimilarity.Compute(input, new SwingOptions(), progress);

        Assert.True(progress.Values.Count > 10);
        Assert.All(progress.Values, v => Assert.InRange(v, 0.0, 1.0));
        Assert.Equal(1.0, progress.Values[^1]);
    }

    [Fact]
    public void A_cancelled_token_stops_the_computation()
    {
        var input = SyntheticSwingInput.Generate(users: 200, items: 300, negativesPerUserMean: 5, seed: 3);

        Assert.ThrowsAny<OperationCanceledException>(() => SwingSimilarity.Compute(input, new SwingOptions(), ct: new CancellationToken(true)));
    }
}
