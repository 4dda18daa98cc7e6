using CoNRec.Core.Data;

namespace CoNRec.Core.Tests.Import;

/// <summary>Shared checks of the importer tests.</summary>
internal static class ImportAssert
{
    /// <summary>Asserts a <see cref="DataFileException"/> whose message names the file and the 1-based line.</summary>
    public static DataFileException FailsAt(Action import, string fileName, int line)
    {
        var error = Assert.Throws<DataFileException>(import);
        Assert.Contains(fileName, error.Message, StringComparison.Ordinal);
        Assert.Contains($"{fileName}:{line}:", error.Message, StringComparison.Ordinal);
        Assert.Equal(line, error.Line);
        return error;
    }

    /// <summary>Asserts a <see cref="DataFileException"/> about a whole file (no line), naming it.</summary>
    public static DataFileException FailsOnFile(Action import, string fileName)
    {
        var error = Assert.Throws<DataFileException>(import);
        Assert.Contains(fileName, error.Message, StringComparison.Ordinal);
        Assert.Null(error.Line);
        return error;
    }

    /// <summary>The events as (user id, item id, time, kind, reason) with external ids, in table order.</summary>
    public static List<(string User, string Item, long Time, FeedbackKind Kind, NegativeReason Reason)> Events(Dataset dataset)
    {
        var rows = new List<(string, string, long, FeedbackKind, NegativeReason)>();
        for (var i = 0; i < dataset.Events.Count; i++)
        {
            var e = dataset.Events[i];
            rows.Add((dataset.UserExternalIds[e.User], dataset.Items.ExternalIds[e.Item], e.Time, e.Kind, e.Reason));
        }
        return rows;
    }

    public static int ItemIndex(Dataset dataset, string externalId)
    {
        for (var i = 0; i < dataset.Items.Count; i++)
            if (dataset.Items.ExternalIds[i] == externalId) return i;
        throw new Xunit.Sdk.XunitException($"no item '{externalId}'");
    }
}
