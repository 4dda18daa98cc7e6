namespace CoNRec.Storage.Migrations;

/// <summary>One ordered schema change: the file <c>NNNN_name.sql</c> under Migrations/sqlite or Migrations/postgres.</summary>
public sealed record Migration(int Version, string Name, string Sql)
{
    public override string ToString() => $"{Version:D4}_{Name}";
}
