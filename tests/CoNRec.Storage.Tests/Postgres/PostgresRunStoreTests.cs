using CoNRec.Core.Runs;
using CoNRec.Storage.Postgres;

namespace CoNRec.Storage.Tests.Postgres;

/// <summary>The run store contract on a fresh, migrated PostgreSQL database per test.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresRunStoreTests(PostgresServerFixture server) : RunStoreContract
{
    protected override async Task<IRunStore> OpenStoreAsync(TimeProvider time)
    {
        var location = await server.CreateStoreAsync();
        await MigrationRunner.ApplyAsync(location);
        return await PostgresRunStore.OpenAsync(location, time: time);
    }
}
