namespace PodBrief.Core.Data;

/// <summary>An operator-editable topic; cards are tagged from this list and subscribers pick from it.</summary>
public class Topic
{
    public long Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    /// <summary>One line that describes the topic; it is what gets embedded.</summary>
    public required string Description { get; set; }
    public bool IsActive { get; set; } = true;
    public int SortOrder { get; set; }
    public byte[]? Embedding { get; set; }
    public string? EmbeddingModel { get; set; }
}
