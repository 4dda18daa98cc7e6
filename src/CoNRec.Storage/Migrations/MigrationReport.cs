namespace CoNRec.Storage.Migrations;

/// <summary>What <see cref="MigrationRunner.ApplyAsync"/> did: nothing applied means the schema was current.</summary>
public sealed record MigrationReport(int PreviousVersion, int CurrentVersion, IReadOnlyList<Migration> Applied);
