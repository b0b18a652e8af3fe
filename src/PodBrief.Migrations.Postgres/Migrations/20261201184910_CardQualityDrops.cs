using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PodBrief.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CardQualityDrops : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ExtractionCardsDropped",
                table: "Episodes",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ExtractionDropReasons",
                table: "Episodes",
                type: "character varying(1024)",
                maxLength: 1024,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ExtractionCardsDropped",
                table: "Episodes");

            migrationBuilder.DropColumn(
                name: "ExtractionDropReasons",
                table: "Episodes");
        }
    }
}
