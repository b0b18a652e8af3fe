using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PodBrief.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class FeedbackOneVotePerItem : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Votes recorded twice before this index existed (issue 11): keep the first of each, so the index can be built.
            migrationBuilder.Sql("""
                DELETE FROM "Feedback"
                WHERE "SubscriberId" IS NOT NULL AND "DigestId" IS NOT NULL AND "InsightCardId" IS NOT NULL
                  AND "Id" NOT IN (
                    SELECT MIN("Id") FROM "Feedback"
                    WHERE "SubscriberId" IS NOT NULL AND "DigestId" IS NOT NULL AND "InsightCardId" IS NOT NULL
                    GROUP BY "SubscriberId", "DigestId", "InsightCardId", "Kind");
                """);
            migrationBuilder.CreateIndex(
                name: "IX_Feedback_SubscriberId_DigestId_InsightCardId_Kind",
                table: "Feedback",
                columns: new[] { "SubscriberId", "DigestId", "InsightCardId", "Kind" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Feedback_SubscriberId_DigestId_InsightCardId_Kind",
                table: "Feedback");
        }
    }
}
