using CoNRec.Core.Runs;

namespace CoNRec.Core.Tests.Runs;

public sealed class RunIdTests
{
    [Fact]
    public void A_new_id_carries_the_utc_date_and_six_hex_digits()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 11, 26, 23, 30, 0, TimeSpan.FromHours(-5)));

        var id = RunId.New(clock);

        Assert.Matches("^run-20261127-[0-9a-f]{6}$", id.Value);
        Assert.Equal(id.Value, id.ToString());
    }

    [Fact]
    public void Two_new_ids_of_the_same_day_differ()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));

        var ids = Enumerable.Range(0, 50).Select(_ => RunId.New(clock)).ToHashSet();

        Assert.Equal(50, ids.Count);
    }

    [Fact]
    public void Parse_round_trips_an_id()
    {
        var id = RunId.New(TimeProvider.System);

        Assert.Equal(id, RunId.Parse(id.Value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("run-20261126-ab12c")]
    [InlineData("run-20261126-AB12CD")]
    [InlineData("run-20261326-ab12cd")]
    [InlineData("job-20261126-ab12cd")]
    [InlineData("run-20261126_ab12cd")]
    public void Parse_rejects_malformed_ids_naming_the_setting(string value)
    {
        Assert.False(RunId.TryParse(value, out _));
        var error = Assert.Throws<ArgumentException>(() => RunId.Parse(value, "--run"));
        Assert.StartsWith("--run", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Checkpoint_ids_follow_from_run_and_step()
    {
        var run = RunId.Parse("run-20261126-ab12cd");

        Assert.Equal("run-20261126-ab12cd/step-00001200", CheckpointId.For(run, 1200).Value);
        Assert.Equal(CheckpointId.For(run, 7), CheckpointId.For(run, 7));
    }

    [Fact]
    public void Policy_versions_count_up_from_zero()
    {
        Assert.Equal(new PolicyVersion(1), PolicyVersion.Initial.Next());
        Assert.True(new PolicyVersion(3).CompareTo(new PolicyVersion(2)) > 0);
    }
}
