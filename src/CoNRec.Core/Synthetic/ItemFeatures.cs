namespace CoNRec.Core.Synthetic;

/// <summary>
/// Item feature vectors, row-major (items, text dim + image dim). The "text" part is a weighted bag of random
/// word vectors of the item's title and category (noun and style strongest, colour medium, fillers weak),
/// the "image" part a separate random embedding of leaf, style and colour where colour dominates, as it would
/// in a picture. Each part gets its own Gaussian noise, so items of one attribute group cluster but do not
/// coincide.
/// </summary>
static class ItemFeatures
{
    const double TopWeight = 0.5;
    const double NounWeight = 1.0;
    const double StyleWeight = 1.0;
    const double ColourWeight = 0.6;
    const double FillerWeight = 0.25;
    const double ImageLeafWeight = 0.7;
    const double ImageStyleWeight = 0.7;
    const double ImageColourWeight = 1.0;

    public static float[] Create(SyntheticWorldOptions o, ItemUniverse universe)
    {
        var random = Seeds.For(o.Seed, Seeds.Features);
        int text = o.TextFeatureDim, image = o.ImageFeatureDim, dim = o.FeatureDim;
        var styleWords = Vocabulary.StyleWordCount(o.StylesPerLeaf);

        // Word vectors for the text part; unit-variance entries scaled so that a vector has norm ~1.
        var topText = Vectors(random, o.TopCategories, text);
        var nounText = Vectors(random, o.LeafCount, text);
        var styleText = Vectors(random, styleWords, text);
        var colourText = Vectors(random, o.Colours, text);
        var fillerText = Vectors(random, Vocabulary.FillerCount, text);
        var leafImage = Vectors(random, o.LeafCount, image);
        var styleImage = Vectors(random, styleWords, image);
        var colourImage = Vectors(random, o.Colours, image);

        var features = new float[o.Items * dim];
        var textNoise = o.TextNoise / Math.Sqrt(text);
        var imageNoise = image == 0 ? 0 : o.ImageNoise / Math.Sqrt(image);
        for (var i = 0; i < o.Items; i++)
        {
            var g = universe.ItemGroup[i];
            var leaf = universe.LeafOf(g);
            var top = leaf / o.SubcategoriesPerTop;
            var style = universe.GroupStyleWord[g];
            var colour = universe.ItemColour[i];
            var row = features.AsSpan(i * dim, dim);
            for (var d = 0; d < text; d++)
            {
                var v = TopWeight * topText[top][d] + NounWeight * nounText[leaf][d] + StyleWeight * styleText[style][d]
                    + ColourWeight * colourText[colour][d];
                foreach (var f in universe.ItemFillers[i]) v += FillerWeight * fillerText[f][d];
                row[d] = (float)(v + textNoise * random.Gaussian());
            }
            for (var d = 0; d < image; d++)
            {
                var v = ImageLeafWeight * leafImage[leaf][d] + ImageStyleWeight * styleImage[style][d] + ImageColourWeight * colourImage[colour][d];
                row[text + d] = (float)(v + imageNoise * random.Gaussian());
            }
        }
        return features;
    }

    static double[][] Vectors(Random random, int count, int dim)
    {
        var scale = dim == 0 ? 0 : 1 / Math.Sqrt(dim);
        var result = new double[count][];
        for (var k = 0; k < count; k++)
        {
            result[k] = new double[dim];
            for (var d = 0; d < dim; d++) result[k][d] = scale * random.Gaussian();
        }
        return result;
    }
}
