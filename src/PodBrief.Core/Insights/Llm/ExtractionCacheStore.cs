using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PodBrief.Core.Common;
using PodBrief.Core.Data;

namespace PodBrief.Core.Insights.Llm;

/// <summary>
/// "Never pay twice": extraction results keyed by transcript hash + prompt version + model. The hash also covers
/// the topic list and card limit, because they are part of what the model was asked.
/// </summary>
public sealed class ExtractionCacheStore(IServiceScopeFactory scopes, TimeProvider clock)
{
    public static string Key(ExtractionRequest request, string promptVersion, string model)
    {
        // Chapter titles are part of the prompt, so a publisher adding chapters is a new question.
        var chapters = string.Join('\n', request.Chapters.Select(c => $"{c.StartSeconds.ToString(CultureInfo.InvariantCulture)} {c.Title}"));
        var asked = $"{request.Transcript.ToPlainText()}\n{string.Join(',', request.Topics.Select(t => t.Slug))}\n{request.MaxCards}\n{chapters}";
        var key = $"{Hashing.Sha256Hex(asked)}|{promptVersion}|{model}";
        return key.Length <= 256 ? key : key[..256];
    }

    public async Task<ExtractionResult?> GetAsync(string key, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PodBriefDbContext>();
        var json = await db.ExtractionCache.Where(e => e.CacheKey == key).Select(e => e.ResultJson).FirstOrDefaultAsync(cancellationToken);
        return json is null ? null : JsonSerializer.Deserialize<ExtractionResult>(json, LlmPrompts.JsonOptions);
    }

    public async Task PutAsync(string key, ExtractionResult result, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PodBriefDbContext>();
        db.ExtractionCache.Add(new ExtractionCacheEntry
        {
            CacheKey = key,
            ResultJson = JsonSerializer.Serialize(result, LlmPrompts.JsonOptions),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Another worker stored the same key first (the job ran twice); its result is as good as ours.
        }
    }
}
