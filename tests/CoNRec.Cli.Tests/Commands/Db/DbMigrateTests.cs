namespace CoNRec.Cli.Tests.Commands.Db;

public sealed class DbMigrateTests : IDisposable
{
    readonly TempFolder _temp = new();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    [Fact]
    public async Task Migrating_a_fresh_sqlite_file_applies_every_migration_and_a_second_run_applies_none()
    {
        var path = _temp.PathOf("stores/fresh.db");

        var first = await Conrec.RunOkAsync("db", "migrate", "--store", "sqlite:" + path);
        var second = await Conrec.RunOkAsync("db", "migrate", "--store", "sqlite:" + path);

        Assert.Equal($"sqlite:{path}: schema version 0 -> 1 (applied: 0001_initial)", first.Out.Trim());
        Assert.Equal($"sqlite:{path}: already at version 1", second.Out.Trim());
        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task A_migrated_store_is_then_readable_by_runs_list()
    {
        var path = _temp.PathOf("store.db");
        await Conrec.RunOkAsync("db", "migrate", "--store", path);

        var result = await Conrec.RunOkAsync("runs", "list", "--run-dir", _temp.Root, "--store", "sqlite:" + path);

        Assert.Equal("No runs.", result.Out.Trim());
    }

    [Fact]
    public async Task An_unreachable_postgres_server_is_bad_input_naming_the_location_without_the_password()
    {
        var result = await Conrec.RunAsync("db", "migrate", "--store", "postgres://u:secret@127.0.0.1:1/db");

        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        Assert.Contains("could not connect to the run store postgres://u@127.0.0.1:1/db", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.DoesNotContain("secret", result.Out + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_location_is_bad_input_naming_the_setting()
    {
        var result = await Conrec.RunAsync("db", "migrate", "--store", "mysql://u@db/x");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("--store is not a store location", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_offers_no_run_directory_option()
    {
        var result = await Conrec.RunAsync("db", "migrate", "--run-dir", _temp.Root);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains(result.ErrorLines, l => l.Contains("--run-dir", StringComparison.Ordinal));
    }
}
