using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PodBrief.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AggregateCounters",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Value = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AggregateCounters", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "ExtractionCache",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CacheKey = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ResultJson = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExtractionCache", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "InsightClusters",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CanonicalCardId = table.Column<long>(type: "INTEGER", nullable: true),
                    CardCount = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InsightClusters", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LlmUsage",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OccurredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Model = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Operation = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    EpisodeId = table.Column<long>(type: "INTEGER", nullable: true),
                    InputTokens = table.Column<int>(type: "INTEGER", nullable: false),
                    OutputTokens = table.Column<int>(type: "INTEGER", nullable: false),
                    CachedInputTokens = table.Column<int>(type: "INTEGER", nullable: false),
                    EstimatedCostUsd = table.Column<decimal>(type: "TEXT", precision: 18, scale: 10, nullable: false),
                    Succeeded = table.Column<bool>(type: "INTEGER", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LlmUsage", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Podcasts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FeedUrl = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    Description = table.Column<string>(type: "TEXT", nullable: true),
                    Author = table.Column<string>(type: "TEXT", nullable: true),
                    SiteUrl = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    ImageUrl = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    Language = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    FundingUrl = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    FundingText = table.Column<string>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    AddedBy = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ETag = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    LastModifiedHeader = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    LastFetchedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastSuccessAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    NextCheckAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ConsecutiveErrors = table.Column<int>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    LastHttpStatus = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Podcasts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Subscribers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    EmailNormalized = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    TimeZoneId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DeliveryTimeLocal = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    Frequency = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    WeeklyDay = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    NextSendAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Interests = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ProfileEmbedding = table.Column<byte[]>(type: "BLOB", nullable: true),
                    ProfileEmbeddingModel = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    ProfileUpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ConsentedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ConsentFormVersion = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    ConsentIpHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ConfirmedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UnsubscribedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    HardBounceCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Subscribers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Topics",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    Embedding = table.Column<byte[]>(type: "BLOB", nullable: true),
                    EmbeddingModel = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Topics", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Episodes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PodcastId = table.Column<long>(type: "INTEGER", nullable: false),
                    IdentityKey = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    Guid = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PublishedAtEstimated = table.Column<bool>(type: "INTEGER", nullable: false),
                    DurationSeconds = table.Column<int>(type: "INTEGER", nullable: true),
                    EnclosureUrl = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    EnclosureType = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    EnclosureLength = table.Column<long>(type: "INTEGER", nullable: true),
                    Link = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    ImageUrl = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    ShowNotes = table.Column<string>(type: "TEXT", nullable: true),
                    SeasonNumber = table.Column<int>(type: "INTEGER", nullable: true),
                    EpisodeNumber = table.Column<int>(type: "INTEGER", nullable: true),
                    ChaptersUrl = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    FundingUrl = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    Language = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    FirstSeenAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    TranscriptStatus = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    TranscriptProvenance = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    TranscriptAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    TranscriptNextAttemptAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    TranscriptLastError = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    ExtractionStatus = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ExtractionAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    ExtractionNextAttemptAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ExtractionLastError = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    ExtractedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Episodes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Episodes_Podcasts_PodcastId",
                        column: x => x.PodcastId,
                        principalTable: "Podcasts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Digests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SubscriberId = table.Column<long>(type: "INTEGER", nullable: false),
                    LocalDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ScheduledFor = table.Column<DateTime>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    MessageId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    ClaimedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClaimedBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    SentAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Digests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Digests_Subscribers_SubscriberId",
                        column: x => x.SubscriberId,
                        principalTable: "Subscribers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SubscriberPodcasts",
                columns: table => new
                {
                    SubscriberId = table.Column<long>(type: "INTEGER", nullable: false),
                    PodcastId = table.Column<long>(type: "INTEGER", nullable: false),
                    Preference = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubscriberPodcasts", x => new { x.SubscriberId, x.PodcastId });
                    table.ForeignKey(
                        name: "FK_SubscriberPodcasts_Podcasts_PodcastId",
                        column: x => x.PodcastId,
                        principalTable: "Podcasts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SubscriberPodcasts_Subscribers_SubscriberId",
                        column: x => x.SubscriberId,
                        principalTable: "Subscribers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SubscriberTokens",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SubscriberId = table.Column<long>(type: "INTEGER", nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UsedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubscriberTokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SubscriberTokens_Subscribers_SubscriberId",
                        column: x => x.SubscriberId,
                        principalTable: "Subscribers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SubscriberTopics",
                columns: table => new
                {
                    SubscriberId = table.Column<long>(type: "INTEGER", nullable: false),
                    TopicId = table.Column<long>(type: "INTEGER", nullable: false),
                    IsMuted = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubscriberTopics", x => new { x.SubscriberId, x.TopicId });
                    table.ForeignKey(
                        name: "FK_SubscriberTopics_Subscribers_SubscriberId",
                        column: x => x.SubscriberId,
                        principalTable: "Subscribers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SubscriberTopics_Topics_TopicId",
                        column: x => x.TopicId,
                        principalTable: "Topics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InsightCards",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EpisodeId = table.Column<long>(type: "INTEGER", nullable: false),
                    PodcastId = table.Column<long>(type: "INTEGER", nullable: false),
                    Headline = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Quote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    QuoteStartSeconds = table.Column<double>(type: "REAL", nullable: true),
                    QuoteEndSeconds = table.Column<double>(type: "REAL", nullable: true),
                    Speaker = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Keywords = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    Importance = table.Column<double>(type: "REAL", nullable: false),
                    Provenance = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Confidence = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Embedding = table.Column<byte[]>(type: "BLOB", nullable: true),
                    EmbeddingModel = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    ClusterId = table.Column<long>(type: "INTEGER", nullable: true),
                    ExtractorName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PromptVersion = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InsightCards", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InsightCards_Episodes_EpisodeId",
                        column: x => x.EpisodeId,
                        principalTable: "Episodes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_InsightCards_InsightClusters_ClusterId",
                        column: x => x.ClusterId,
                        principalTable: "InsightClusters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "TranscriptLinks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EpisodeId = table.Column<long>(type: "INTEGER", nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    MediaType = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    Format = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Rel = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TranscriptLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TranscriptLinks_Episodes_EpisodeId",
                        column: x => x.EpisodeId,
                        principalTable: "Episodes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Transcripts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EpisodeId = table.Column<long>(type: "INTEGER", nullable: false),
                    Provenance = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SourceFormat = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SourceUrl = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    SourceMediaType = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    Language = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    SegmentsJson = table.Column<string>(type: "TEXT", nullable: false),
                    SegmentCount = table.Column<int>(type: "INTEGER", nullable: false),
                    DurationSeconds = table.Column<double>(type: "REAL", nullable: true),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    FetchedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Transcripts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Transcripts_Episodes_EpisodeId",
                        column: x => x.EpisodeId,
                        principalTable: "Episodes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DigestItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DigestId = table.Column<long>(type: "INTEGER", nullable: false),
                    InsightCardId = table.Column<long>(type: "INTEGER", nullable: false),
                    ClusterId = table.Column<long>(type: "INTEGER", nullable: true),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Score = table.Column<double>(type: "REAL", nullable: false),
                    WhyLine = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DigestItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DigestItems_Digests_DigestId",
                        column: x => x.DigestId,
                        principalTable: "Digests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DigestItems_InsightCards_InsightCardId",
                        column: x => x.InsightCardId,
                        principalTable: "InsightCards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Feedback",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SubscriberId = table.Column<long>(type: "INTEGER", nullable: true),
                    InsightCardId = table.Column<long>(type: "INTEGER", nullable: true),
                    DigestId = table.Column<long>(type: "INTEGER", nullable: true),
                    PodcastId = table.Column<long>(type: "INTEGER", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UndoneAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Feedback", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Feedback_InsightCards_InsightCardId",
                        column: x => x.InsightCardId,
                        principalTable: "InsightCards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Feedback_Subscribers_SubscriberId",
                        column: x => x.SubscriberId,
                        principalTable: "Subscribers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "InsightCardTopics",
                columns: table => new
                {
                    InsightCardId = table.Column<long>(type: "INTEGER", nullable: false),
                    TopicId = table.Column<long>(type: "INTEGER", nullable: false),
                    Score = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InsightCardTopics", x => new { x.InsightCardId, x.TopicId });
                    table.ForeignKey(
                        name: "FK_InsightCardTopics_InsightCards_InsightCardId",
                        column: x => x.InsightCardId,
                        principalTable: "InsightCards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_InsightCardTopics_Topics_TopicId",
                        column: x => x.TopicId,
                        principalTable: "Topics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DigestItems_ClusterId",
                table: "DigestItems",
                column: "ClusterId");

            migrationBuilder.CreateIndex(
                name: "IX_DigestItems_DigestId_Position",
                table: "DigestItems",
                columns: new[] { "DigestId", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DigestItems_InsightCardId",
                table: "DigestItems",
                column: "InsightCardId");

            migrationBuilder.CreateIndex(
                name: "IX_Digests_MessageId",
                table: "Digests",
                column: "MessageId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Digests_State_NextAttemptAt",
                table: "Digests",
                columns: new[] { "State", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Digests_SubscriberId_LocalDate",
                table: "Digests",
                columns: new[] { "SubscriberId", "LocalDate" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Episodes_ExtractionStatus_ExtractionNextAttemptAt",
                table: "Episodes",
                columns: new[] { "ExtractionStatus", "ExtractionNextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Episodes_PodcastId_EnclosureUrl",
                table: "Episodes",
                columns: new[] { "PodcastId", "EnclosureUrl" });

            migrationBuilder.CreateIndex(
                name: "IX_Episodes_PodcastId_IdentityKey",
                table: "Episodes",
                columns: new[] { "PodcastId", "IdentityKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Episodes_PublishedAt",
                table: "Episodes",
                column: "PublishedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Episodes_TranscriptStatus_TranscriptNextAttemptAt",
                table: "Episodes",
                columns: new[] { "TranscriptStatus", "TranscriptNextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ExtractionCache_CacheKey",
                table: "ExtractionCache",
                column: "CacheKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Feedback_InsightCardId",
                table: "Feedback",
                column: "InsightCardId");

            migrationBuilder.CreateIndex(
                name: "IX_Feedback_SubscriberId_CreatedAt",
                table: "Feedback",
                columns: new[] { "SubscriberId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_InsightCards_ClusterId",
                table: "InsightCards",
                column: "ClusterId");

            migrationBuilder.CreateIndex(
                name: "IX_InsightCards_CreatedAt",
                table: "InsightCards",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_InsightCards_EpisodeId",
                table: "InsightCards",
                column: "EpisodeId");

            migrationBuilder.CreateIndex(
                name: "IX_InsightCards_PodcastId",
                table: "InsightCards",
                column: "PodcastId");

            migrationBuilder.CreateIndex(
                name: "IX_InsightCardTopics_TopicId",
                table: "InsightCardTopics",
                column: "TopicId");

            migrationBuilder.CreateIndex(
                name: "IX_InsightClusters_CanonicalCardId",
                table: "InsightClusters",
                column: "CanonicalCardId");

            migrationBuilder.CreateIndex(
                name: "IX_LlmUsage_OccurredAt",
                table: "LlmUsage",
                column: "OccurredAt");

            migrationBuilder.CreateIndex(
                name: "IX_Podcasts_FeedUrl",
                table: "Podcasts",
                column: "FeedUrl",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Podcasts_Status_NextCheckAt",
                table: "Podcasts",
                columns: new[] { "Status", "NextCheckAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SubscriberPodcasts_PodcastId",
                table: "SubscriberPodcasts",
                column: "PodcastId");

            migrationBuilder.CreateIndex(
                name: "IX_Subscribers_EmailNormalized",
                table: "Subscribers",
                column: "EmailNormalized",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Subscribers_Status_NextSendAt",
                table: "Subscribers",
                columns: new[] { "Status", "NextSendAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SubscriberTokens_SubscriberId_Purpose",
                table: "SubscriberTokens",
                columns: new[] { "SubscriberId", "Purpose" });

            migrationBuilder.CreateIndex(
                name: "IX_SubscriberTokens_TokenHash",
                table: "SubscriberTokens",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SubscriberTopics_TopicId",
                table: "SubscriberTopics",
                column: "TopicId");

            migrationBuilder.CreateIndex(
                name: "IX_Topics_Slug",
                table: "Topics",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TranscriptLinks_EpisodeId",
                table: "TranscriptLinks",
                column: "EpisodeId");

            migrationBuilder.CreateIndex(
                name: "IX_Transcripts_ContentHash",
                table: "Transcripts",
                column: "ContentHash");

            migrationBuilder.CreateIndex(
                name: "IX_Transcripts_EpisodeId",
                table: "Transcripts",
                column: "EpisodeId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AggregateCounters");

            migrationBuilder.DropTable(
                name: "DigestItems");

            migrationBuilder.DropTable(
                name: "ExtractionCache");

            migrationBuilder.DropTable(
                name: "Feedback");

            migrationBuilder.DropTable(
                name: "InsightCardTopics");

            migrationBuilder.DropTable(
                name: "LlmUsage");

            migrationBuilder.DropTable(
                name: "SubscriberPodcasts");

            migrationBuilder.DropTable(
                name: "SubscriberTokens");

            migrationBuilder.DropTable(
                name: "SubscriberTopics");

            migrationBuilder.DropTable(
                name: "TranscriptLinks");

            migrationBuilder.DropTable(
                name: "Transcripts");

            migrationBuilder.DropTable(
                name: "Digests");

            migrationBuilder.DropTable(
                name: "InsightCards");

            migrationBuilder.DropTable(
                name: "Topics");

            migrationBuilder.DropTable(
                name: "Subscribers");

            migrationBuilder.DropTable(
                name: "Episodes");

            migrationBuilder.DropTable(
                name: "InsightClusters");

            migrationBuilder.DropTable(
                name: "Podcasts");
        }
    }
}
