using NeuroSim.Core.RunFolders;
using NeuroSim.Plotting.Data;

namespace NeuroSim.Tests.Plotting;

public sealed class RunFolderReadingTests
{
    [Fact]
    public void Time_segments_split_at_gaps_but_not_at_repeated_time_stamps()
    {
        double[] time = [0, 10, 20, 20, 30, 500, 510, 520];
        Assert.Equal([new Segment(0, 4), new Segment(5, 7)], TimeSegments.Find(time));
        Assert.Equal([true, true, true, true, false, true, true], TimeSegments.Contiguous(time));
        Assert.Equal(10, TimeSegments.MedianStep(time));
        Assert.Empty(TimeSegments.Find([]));
        Assert.Equal([new Segment(0, 0)], TimeSegments.Find([5]));
    }

    [Fact]
    public void A_missing_run_folder_is_bad_input()
    {
        var e = Assert.Throws<ArgumentException>(() => RunData.Open("/nonexistent/neurosim-run"));
        Assert.Contains("not found", e.Message, StringComparison.Ordinal);
    }
}
