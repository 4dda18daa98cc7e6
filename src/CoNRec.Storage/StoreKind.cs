namespace CoNRec.Storage;

public enum StoreKind
{
    /// <summary>A file in the run directory: the single-machine default, zero setup.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database shared by every node of a cluster.</summary>
    Postgres,
}
