namespace PodBrief.Core.Insights;

/// <summary>
/// The topic list seeded on first start. The description is what gets embedded, so it names the things a
/// card about the topic would mention. Operators may edit or deactivate topics; the seeder never overwrites them.
/// </summary>
public static class DefaultTopics
{
    public sealed record Definition(string Slug, string Name, string Description);

    public static IReadOnlyList<Definition> All { get; } =
    [
        new("ai", "AI", "Artificial intelligence, machine learning, large language models, chatbots and AI research."),
        new("software", "Software & programming", "Software development, programming languages, open source, developer tools and coding."),
        new("tech-industry", "Tech industry", "Big tech companies, gadgets, platforms, apps and the technology business."),
        new("startups", "Startups", "Founding and growing startups, venture capital, fundraising, product-market fit and founders."),
        new("business", "Business & strategy", "Company strategy, management, competition, pricing, sales and business models."),
        new("marketing", "Marketing & growth", "Marketing, advertising, audience growth, branding, social media and customer acquisition."),
        new("media", "Media & podcasting", "Podcasting, journalism, publishing, streaming, audio and the media industry."),
        new("investing", "Investing", "Stock markets, investing, portfolios, index funds, valuations and asset management."),
        new("economics", "Economics", "The economy, inflation, interest rates, central banks, jobs, trade and economic policy."),
        new("personal-finance", "Personal finance", "Saving, budgeting, debt, retirement, taxes and household money decisions."),
        new("crypto", "Crypto & web3", "Bitcoin, cryptocurrencies, blockchains, payments with crypto and decentralized finance."),
        new("health", "Health & medicine", "Health, medicine, diseases, treatments, doctors, hospitals and public health."),
        new("fitness", "Fitness & nutrition", "Exercise, training, sleep, diet, nutrition and physical performance."),
        new("psychology", "Psychology & mental health", "The mind, behaviour, emotions, mental health, therapy and habits."),
        new("science", "Science", "Scientific research and discoveries in physics, chemistry, biology and the natural world."),
        new("space", "Space", "Space exploration, astronomy, rockets, satellites, planets and the universe."),
        new("climate", "Climate & environment", "Climate change, emissions, nature, conservation, pollution and the environment."),
        new("energy", "Energy", "Electricity, oil and gas, renewables, solar, wind, nuclear power and batteries."),
        new("history", "History", "Historical events, eras, empires, wars and the people who shaped the past."),
        new("politics", "Politics & government", "Elections, governments, political parties, laws, policy and public debate."),
        new("geopolitics", "World affairs", "International relations, conflicts, diplomacy, security and global power."),
        new("law", "Law & justice", "Courts, lawsuits, regulation, crime, rights and the legal system."),
        new("privacy-security", "Privacy & security", "Cybersecurity, hacking, data privacy, surveillance and online safety."),
        new("productivity", "Productivity & work", "Productivity, focus, time management, remote work, careers and the workplace."),
        new("leadership", "Leadership", "Leading teams, hiring, culture, decision making and management skills."),
        new("education", "Education & learning", "Schools, universities, teaching, learning and skills."),
        new("society", "Society & culture", "Social trends, communities, inequality, demographics and everyday culture."),
        new("philosophy", "Philosophy & religion", "Ethics, meaning, faith, spirituality, religion and big questions about life."),
        new("relationships", "Relationships & parenting", "Family, parenting, friendship, dating, marriage and relationships."),
        new("arts", "Arts & entertainment", "Film, television, music, books, games, art and celebrities."),
        new("sports", "Sports", "Football, basketball, athletes, teams, matches, tournaments and the business of sport."),
        new("food-travel", "Food & travel", "Cooking, restaurants, food culture, travel and destinations."),
    ];
}
