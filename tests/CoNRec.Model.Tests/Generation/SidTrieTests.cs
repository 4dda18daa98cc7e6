using CoNRec.Model.Generation;

namespace CoNRec.Model.Tests.Generation;

public sealed class SidTrieTests
{
    static readonly int[][] Items = [[10, 20, 30], [10, 21, 30], [10, 20, 31], [11, 20, 30]];

    [Fact]
    public void Allowed_next_tokens_are_those_of_items_sharing_the_prefix_in_ascending_order()
    {
        var trie = new SidTrie(Items);

        Assert.Equal([10, 11], trie.AllowedNext([]).ToArray());
        Assert.Equal([20, 21], trie.AllowedNext([10]).ToArray());
        Assert.Equal([30, 31], trie.AllowedNext([10, 20]).ToArray());
        Assert.Equal([20], trie.AllowedNext([11]).ToArray());
        Assert.Empty(trie.AllowedNext([12]).ToArray());
        Assert.Empty(trie.AllowedNext([10, 20, 30]).ToArray());
    }

    [Fact]
    public void Every_full_sequence_maps_back_to_its_item()
    {
        var trie = new SidTrie(Items);

        for (var i = 0; i < Items.Length; i++) Assert.Equal(i, trie.ItemOf(Items[i]));
        Assert.Throws<ArgumentException>(() => trie.ItemOf([11, 21, 30]));
        Assert.Throws<ArgumentException>(() => trie.ItemOf([10, 20]));
    }

    [Fact]
    public void The_j_th_allowed_token_leads_to_the_j_th_child_node()
    {
        var trie = new SidTrie(Items);

        var node = trie.NodeOf([10]);
        var tokens = trie.ChildTokens(node).ToArray();

        for (var j = 0; j < tokens.Length; j++)
        {
            Assert.Equal(trie.FirstChild(node) + j, trie.Child(node, tokens[j]));
            Assert.Equal(tokens[j], trie.TokenInto(trie.FirstChild(node) + j));
        }
        Assert.Equal(-1, trie.Child(node, 99));
        Assert.Equal(2, trie.MaxBranching);
        Assert.Equal(31, trie.MaxTokenId);
    }

    [Fact]
    public void Path_nodes_list_the_node_before_each_token()
    {
        var trie = new SidTrie(Items);
        var path = new int[3];

        trie.PathNodes(2, path);

        Assert.Equal([SidTrie.Root, trie.NodeOf([10]), trie.NodeOf([10, 20])], path);
        Assert.Equal(2, trie.ItemAt(trie.Child(path[2], 31)));
        Assert.Equal(-1, trie.ItemAt(path[1]));
    }

    [Fact]
    public void Two_items_with_one_sequence_are_refused_with_both_named()
    {
        int[][] items = [[1, 2], [3, 4], [1, 2]];

        var error = Assert.Throws<ArgumentException>(() => new SidTrie(items));

        Assert.Contains("items 0 and 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sequences_of_unequal_length_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new SidTrie([[1, 2], [3]]));

        Assert.Contains("item 1 has 1 SID tokens", error.Message, StringComparison.Ordinal);
    }
}
