namespace CoNRec.Storage.Migrations;

/// <summary>The database's schema is not the one this build of conrec works with.</summary>
public sealed class StoreSchemaException(string location, int current, int required)
    : Exception(current < required
        ? $"The run store {location} has schema version {current} but this conrec needs version {required}: run `conrec db migrate --store {location}` first."
        : $"The run store {location} has schema version {current}, newer than this conrec knows ({required}): upgrade conrec.")
{
    public int CurrentVersion { get; } = current;
    public int RequiredVersion { get; } = required;
}
