using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PodBrief.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DigestItemsNoClusterIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DigestItems_ClusterId",
                table: "DigestItems");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_DigestItems_ClusterId",
                table: "DigestItems",
                column: "ClusterId");
        }
    }
}
