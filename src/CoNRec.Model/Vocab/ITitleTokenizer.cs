namespace CoNRec.Model.Vocab;

/// <summary>
/// Turns item titles into title tokens and back. Ids are the tokenizer's own (0..<see cref="Tokens"/>.Count - 1);
/// <see cref="Vocabulary"/> places them in the model's vocabulary and offers the same two calls in vocabulary ids.
/// </summary>
public interface ITitleTokenizer
{
    /// <summary>"bpe" (trained on the catalogue) or "pretrained" (a Hugging Face tokenizer folder).</summary>
    string Kind { get; }

    /// <summary>Token texts by tokenizer id.</summary>
    IReadOnlyList<string> Tokens { get; }

    /// <summary>Tokenizer ids of a title; <see cref="Unknown"/> marks a piece the tokenizer cannot represent.</summary>
    int[] Encode(string title);

    /// <summary>Text of tokenizer ids; <see cref="Unknown"/> decodes as <c>&lt;unk&gt;</c>.</summary>
    string Decode(IEnumerable<int> ids);

    /// <summary>The id <see cref="Encode"/> returns for what it cannot represent.</summary>
    public const int Unknown = -1;
}
