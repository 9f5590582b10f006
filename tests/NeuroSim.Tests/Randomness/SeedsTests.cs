using NeuroSim.Core.Randomness;

namespace NeuroSim.Tests.Randomness;

public class SeedsTests
{
    /// <summary>The derivations each call site wrote out before there was one function; README numbers depend on them.</summary>
    [Theory]
    [InlineData(1UL)]
    [InlineData(42UL)]
    [InlineData(ulong.MaxValue)]
    public void Streams_kept_from_before_the_standard_derivation_give_the_seeds_they_gave_then(ulong seed)
    {
        unchecked
        {
            Assert.Equal(seed + 99, Seeds.Derive(seed, SeedStreams.TrainTeacherData));
            Assert.Equal(seed + 1, Seeds.Derive(seed, SeedStreams.ComparisonNetwork));
            Assert.Equal(seed + 1000, Seeds.Derive(seed, SeedStreams.NudgingTrials));
            Assert.Equal(seed + 1_000_003, Seeds.Derive(seed, SeedStreams.ConnectomeNoise));
            Assert.Equal(seed + 0xC0FFEEUL, Seeds.Derive(seed, SeedStreams.VipRecall));
            Assert.Equal(seed + 1003, Seeds.Derive(seed, SeedStreams.ProjectionMask(3)));
            Assert.Equal(seed + (0x9E3779B97F4A7C15UL * 7), Seeds.Derive(seed, SeedStreams.MnistEpochOrder(7)));
            Assert.Equal((seed * 0x9E3779B97F4A7C15UL) + 4, Seeds.Derive(seed, SeedStreams.TeacherWeights));
        }
    }

    [Fact]
    public void Numbered_streams_of_the_first_thousand_seeds_never_share_a_derived_seed()
    {
        SeedDerivation[] numbered = [SeedStreams.MicrocircuitWeights, SeedStreams.TrainingInputs, SeedStreams.MicrocircuitNoise, SeedStreams.TeacherWeights, SeedStreams.TestInputs, SeedStreams.Protocol];
        var derived = new HashSet<ulong>();
        for (var seed = 0UL; seed < 1000; seed++)
        {
            foreach (var stream in numbered)
            {
                Assert.True(derived.Add(Seeds.Derive(seed, stream)), $"seed {seed}, stream {stream.Name}");
            }
        }
    }

    [Fact]
    public void A_derived_generator_draws_what_a_generator_on_the_derived_seed_draws()
    {
        var derived = Seeds.Random(5, SeedStreams.Protocol);
        var direct = new SeededRandom(unchecked((5 * 0x9E3779B97F4A7C15UL) + 6));
        Assert.Equal(direct.NextUInt64(), derived.NextUInt64());
    }
}
