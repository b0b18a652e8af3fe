using System.Security.Cryptography;
using System.Text;

namespace PodBrief.Core.Transcripts;

/// <summary>The content hash of a transcript: lower-case hex SHA-256 of its normalized UTF-8 text.</summary>
public static class TranscriptHash
{
    public static string Of(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
