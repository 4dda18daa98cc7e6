using CoNRec.Core.Data;

namespace CoNRec.Core.Import;

/// <summary>The file layouts MovieLens has shipped, told apart by the ratings file's name.</summary>
public enum MovieLensLayout
{
    /// <summary>ml-100k: u.data + u.item.</summary>
    Ml100k,
    /// <summary>ml-1m and ml-10m: ratings.dat + movies.dat.</summary>
    Ml1m,
    /// <summary>ml-20m and later: ratings.csv + movies.csv.</summary>
    Csv,
}

/// <summary>Imports any MovieLens release folder, choosing the reader from the files it holds.</summary>
public static class MovieLensImporter
{
    /// <summary>Which layout the folder holds; checked in the order u.data, ratings.dat, ratings.csv.</summary>
    public static MovieLensLayout Detect(string folder)
    {
        if (!Directory.Exists(folder)) throw new DataFileException(folder, null, "no such folder");
        if (File.Exists(Path.Combine(folder, MovieLens100kImporter.RatingsFile))) return MovieLensLayout.Ml100k;
        if (File.Exists(Path.Combine(folder, MovieLens1mImporter.RatingsFile))) return MovieLensLayout.Ml1m;
        if (File.Exists(Path.Combine(folder, MovieLensCsvImporter.RatingsFile))) return MovieLensLayout.Csv;
        throw new DataFileException(folder, null,
            $"not a MovieLens folder: expected {MovieLens100kImporter.RatingsFile} (ml-100k), {MovieLens1mImporter.RatingsFile} (ml-1m) " +
            $"or {MovieLensCsvImporter.RatingsFile} (ml-20m and later)");
    }

    public static Dataset Import(string folder, ImportOptions? options = null) => Detect(folder) switch
    {
        MovieLensLayout.Ml100k => MovieLens100kImporter.Import(folder, options),
        MovieLensLayout.Ml1m => MovieLens1mImporter.Import(folder, options),
        _ => MovieLensCsvImporter.Import(folder, options),
    };
}
