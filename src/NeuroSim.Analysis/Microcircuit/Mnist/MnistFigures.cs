namespace NeuroSim.Analysis.Microcircuit.Mnist;

/// <summary>Figures of the MNIST comparison, drawn with NeuroSim's SVG module.</summary>
public static class MnistFigures
{
    /// <summary>Test error (%) and test loss per epoch, microcircuit, plain BP and the shallow learner.</summary>
    public static Figure LearningCurves(IReadOnlyList<EpochScore> scores, string network)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var figure = new Figure(1, 2)
        {
            Width = 1000,
            Height = 460,
            Title = $"MNIST {network}: two-step dendritic microcircuit vs plain backprop and a shallow learner",
            Subtitle = "held-out digits after every epoch; free phase (no nudging, sigma 0) for the microcircuit; same split, initial network function and example order",
        };
        var epochs = scores.Select(s => (double)s.Epoch).ToArray();
        var error = new Panel { Title = "test error", Legend = LegendPosition.TopRight };
        error.X.Label = "epoch";
        error.Y.Label = "test error (%)";
        error.Y.Log = true;
        error.Add(new LineSeries("microcircuit (two-step)", epochs, [.. scores.Select(s => 100 * (1 - s.MicrocircuitAccuracy))], Palette.SeriesColor(0), 2));
        error.Add(new ScatterSeries(null, epochs, [.. scores.Select(s => 100 * (1 - s.MicrocircuitAccuracy))], Palette.SeriesColor(0), 3.5));
        error.Add(new LineSeries("backprop", epochs, [.. scores.Select(s => 100 * (1 - s.BackpropAccuracy))], Palette.SeriesColor(1), 2));
        error.Add(new ScatterSeries(null, epochs, [.. scores.Select(s => 100 * (1 - s.BackpropAccuracy))], Palette.SeriesColor(1), 3.5));
        error.Add(new LineSeries("shallow (no hidden layer)", epochs, [.. scores.Select(s => 100 * (1 - s.ShallowAccuracy))], Palette.SeriesColor(2), 1.5));
        var loss = new Panel { Title = "test loss 1/2 ||r_trgt - r_out||^2", Legend = LegendPosition.TopRight };
        loss.X.Label = "epoch";
        loss.Y.Label = "mean loss";
        loss.Y.Log = true;
        loss.Add(new LineSeries("microcircuit (two-step)", epochs, [.. scores.Select(s => s.MicrocircuitLoss)], Palette.SeriesColor(0), 2));
        loss.Add(new LineSeries("backprop", epochs, [.. scores.Select(s => s.BackpropLoss)], Palette.SeriesColor(1), 2));
        loss.Add(new LineSeries("shallow (no hidden layer)", epochs, [.. scores.Select(s => s.ShallowLoss)], Palette.SeriesColor(2), 1.5));
        figure.Add(0, 0, error);
        figure.Add(0, 1, loss);
        return figure;
    }
}
