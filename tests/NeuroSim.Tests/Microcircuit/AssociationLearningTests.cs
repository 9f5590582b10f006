using NeuroSim.Analysis.Microcircuit.Continuous.Association;
using NeuroSim.Experiments;

namespace NeuroSim.Tests.Microcircuit;

public sealed class AssociationLearningTests
{
    [Fact]
    public void A_new_target_puts_an_error_into_the_apical_dendrites_that_learning_then_explains_away()
    {
        // Reference 6.6 over 15 s: ||u_2 - u_trgt||^2 2.73 -> 0.86 at 2.5 s; ||v_A||^2 0.12 -> ~0.002. Here 4 s.
        using var temp = new TempFolder();
        using var files = ShippedFiles.Extract();
        var options = new AssociationOptions { SettleMs = 200, TargetMs = 4000, AfterMs = 1 };
        var outcome = ExperimentRunner.Execute(ExperimentRunner.Prepare(AssociationExperiment.Request(options, files, temp.Combine("run"))));
        Assert.Equal("complete", outcome.Status);
        var result = AssociationResult.Read(outcome.OutputDirectory, options);
        var onset = options.OnsetMs;
        var end = options.OffsetMs;
        var apicalBefore = result.Mean(result.Apical, onset - 100, onset);
        var apicalOnset = result.Mean(result.Apical, onset + 10, onset + 110);
        var apicalEnd = result.Mean(result.Apical, end - 100, end);
        var errorOnset = result.Mean(result.OutputError, onset + 10, onset + 110);
        var errorEnd = result.Mean(result.OutputError, end - 100, end);
        var trackingOnset = result.Mean(result.Tracking, onset + 10, onset + 110);
        var trackingEnd = result.Mean(result.Tracking, end - 100, end);

        // In the self-predicting state the apical compartment only carries noise; the target makes it an error signal.
        Assert.True(apicalOnset > 30 * apicalBefore, $"||v_A||^2 before {apicalBefore:G3}, at onset {apicalOnset:G3}");
        Assert.True(errorEnd < 0.5 * errorOnset, $"||u_out - u_trgt||^2 at onset {errorOnset:G3}, after 4 s {errorEnd:G3}");
        Assert.True(apicalEnd < 0.05 * apicalOnset, $"||v_A||^2 at onset {apicalOnset:G3}, after 4 s {apicalEnd:G3}");
        Assert.True(apicalEnd < 5 * apicalBefore, $"||v_A||^2 after 4 s {apicalEnd:G3} should be back near the noise floor {apicalBefore:G3}");
        Assert.True(trackingEnd < 0.5 * trackingOnset, $"||u_out - u_I||^2 at onset {trackingOnset:G3}, after 4 s {trackingEnd:G3}");
    }
}
