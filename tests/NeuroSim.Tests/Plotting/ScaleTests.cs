using NeuroSim.Plotting.Scales;

namespace NeuroSim.Tests.Plotting;

public sealed class ScaleTests
{
    // Mapping is a single affine (or log-affine) expression: exact up to a few ulps of the pixel values.
    private const double PixelTolerance = 1e-9;

    [Fact]
    public void Linear_scale_maps_known_points_exactly_including_an_inverted_y_axis()
    {
        var x = new LinearScale(-2, 6, 100, 500);
        Assert.Equal(100, x.ToPixel(-2), PixelTolerance);
        Assert.Equal(500, x.ToPixel(6), PixelTolerance);
        Assert.Equal(200, x.ToPixel(0), PixelTolerance);
        Assert.Equal(350, x.ToPixel(3), PixelTolerance);

        // SVG y grows downwards: the bottom pixel is the minimum.
        var y = new LinearScale(0, 1, 300, 50);
        Assert.Equal(300, y.ToPixel(0), PixelTolerance);
        Assert.Equal(50, y.ToPixel(1), PixelTolerance);
        Assert.Equal(175, y.ToPixel(0.5), PixelTolerance);
    }

    [Fact]
    public void Log_scale_puts_decades_at_equal_distances()
    {
        var y = new LogScale(1e-4, 1, 400, 0);
        Assert.Equal(400, y.ToPixel(1e-4), PixelTolerance);
        Assert.Equal(300, y.ToPixel(1e-3), PixelTolerance);
        Assert.Equal(100, y.ToPixel(1e-1), PixelTolerance);
        Assert.Equal(0, y.ToPixel(1), PixelTolerance);
        Assert.Equal(400 - (100 * Math.Log10(2)), y.ToPixel(2e-4), PixelTolerance);
        Assert.False(y.CanShow(0));
        Assert.False(y.CanShow(-1));
        Assert.Equal(["10⁻⁴", "10⁻³", "10⁻²", "10⁻¹", "10⁰"], y.Ticks().Select(t => t.Label));
    }

    [Fact]
    public void Log_scale_over_many_decades_labels_every_other_decade()
    {
        var ticks = new LogScale(1e-14, 1, 0, 100).Ticks();
        Assert.Equal(8, ticks.Count);
        Assert.Equal("10⁻¹⁴", ticks[0].Label);
        Assert.Equal(1, ticks[^1].Value);
    }

    [Theory]
    [InlineData(10, 5, 2)]
    [InlineData(1, 5, 0.2)]
    [InlineData(16000, 5, 2000)]
    [InlineData(16000, 4, 5000)]
    [InlineData(3, 3, 1)]
    [InlineData(0.07, 5, 0.01)]
    public void Linear_ticks_step_by_one_two_or_five_times_a_power_of_ten(double span, int target, double expected)
    {
        Assert.Equal(expected, NiceNumbers.Step(span, target), 12);
    }

    [Fact]
    public void Linear_ticks_fall_on_multiples_of_the_step_and_print_without_float_noise()
    {
        var ticks = new LinearScale(-1, 1, 0, 100).Ticks();
        Assert.Equal(["−1.0", "−0.5", "0", "0.5", "1.0"], ticks.Select(t => t.Label));
        var fine = new LinearScale(0, 0.3, 0, 100).Ticks();
        Assert.Equal(["0", "0.05", "0.10", "0.15", "0.20", "0.25", "0.30"], fine.Select(t => t.Label));
        Assert.Equal("2e6", NiceNumbers.Format(2e6, 1e6));
    }

    [Fact]
    public void Nice_range_widens_to_ticks_and_opens_a_constant_range()
    {
        Assert.Equal((-1.5, 1.5), LinearScale.NiceRange(-1.47, 1.43));
        var (lo, hi) = LinearScale.NiceRange(0.5, 0.5);
        Assert.True(lo < 0.5 && hi > 0.5);
        Assert.Equal((-1.0, 1.0), LinearScale.NiceRange(0, 0));
        Assert.Equal((1e-4, 1.0), LogScale.NiceRange(4.7e-4, 0.64));
    }

    [Fact]
    public void Scales_refuse_an_empty_range()
    {
        Assert.Throws<ArgumentException>(() => new LinearScale(1, 1, 0, 10));
        Assert.Throws<ArgumentException>(() => new LogScale(0, 1, 0, 10));
    }
}
