namespace PodBrief.Core.Transcripts.Parsing;

/// <summary>
/// Reads the running clock of a transcript whose timestamps drop the hour (<c>59:58</c> then <c>00:03</c> meaning
/// 1:00:03). When a short timestamp (no hour part) falls far behind the previous one, an hour is added; timestamps
/// that carry hours are taken as written. Mixed MM:SS and H:MM:SS past the first hour both come out right.
/// </summary>
public sealed class TimestampSequence
{
    private double _previous;
    private double _hourOffset;

    public double Next(double seconds, string written)
    {
        var hasHours = written.Trim().Count(c => c == ':') >= 2;
        if (hasHours)
        {
            _hourOffset = 0;
        }
        else
        {
            var value = seconds + _hourOffset;
            // 50 minutes backwards cannot be a correction; it is the hour rolling over.
            while (value + 3000 < _previous)
            {
                _hourOffset += 3600;
                value += 3600;
            }
        }
        var result = seconds + (hasHours ? 0 : _hourOffset);
        _previous = Math.Max(_previous, result);
        return result;
    }
}
