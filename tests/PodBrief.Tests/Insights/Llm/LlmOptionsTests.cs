using PodBrief.Core.Insights.Llm;

namespace PodBrief.Tests.Insights.Llm;

public class LlmOptionsTests
{
    [Fact]
    public void Cost_uses_the_cached_price_for_cached_input_tokens()
    {
        var price = new LlmModelPrice { Input = 0.15m, Output = 0.60m, CachedInput = 0.075m };
        // 1M input of which 400k cached, 100k output.
        Assert.Equal((600_000 * 0.15m + 400_000 * 0.075m + 100_000 * 0.60m) / 1_000_000m, price.Cost(1_000_000, 100_000, 400_000));
        Assert.Equal(0.15m, new LlmModelPrice { Input = 0.15m }.Cost(1_000_000, 0, 500_000));
    }

    [Fact]
    public void Disabled_options_need_nothing_else()
    {
        Assert.Null(new LlmOptions().Problem());
    }

    [Theory]
    [InlineData(nameof(LlmOptions.MaxConcurrency), "0", "Llm:MaxConcurrency")]
    [InlineData(nameof(LlmOptions.ChunkOverlapTokens), "5000", "Llm:ChunkOverlapTokens")]
    [InlineData(nameof(LlmOptions.DailyBudgetUsd), "-1", "Llm:DailyBudgetUsd")]
    [InlineData(nameof(LlmOptions.Temperature), "3", "Llm:Temperature")]
    public void Each_problem_names_its_key(string property, string value, string key)
    {
        var options = new LlmOptions { Provider = LlmProvider.OpenAICompatible, BaseUrl = "http://localhost:11434/v1", ChatDeployment = "llama3" };
        var info = typeof(LlmOptions).GetProperty(property)!;
        info.SetValue(options, Convert.ChangeType(value, info.PropertyType, System.Globalization.CultureInfo.InvariantCulture));
        Assert.StartsWith(key, options.Problem(), StringComparison.Ordinal);
    }
}
