namespace PodBrief.Core.Common.Text;

/// <summary>Fits free text (errors, model names, reasons) into a bounded column without failing the write.</summary>
public static class TextClip
{
    /// <summary><paramref name="text"/> itself when it fits, else its first characters ending in "…", exactly <paramref name="max"/> long.</summary>
    public static string Clip(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    /// <inheritdoc cref="Clip(string, int)"/>
    public static string? ClipOrNull(string? text, int max) => text is null ? null : Clip(text, max);
}
