using NeuroSim.Core.RunFolders;

namespace NeuroSim.Tests.RunFolders;

public sealed class ColumnNamesTests
{
    [Fact]
    public void Synapse_names_written_parse_back_into_their_parts()
    {
        Assert.True(ColumnNames.TrySynapse(ColumnNames.Synapse("W_up", "L0", "L1", 3, 12), out var synapse));
        Assert.Equal(new SynapseColumn("W_up", "L0", "L1", 3, 12), synapse);
        Assert.Equal("L0->L1", synapse.Projection);
        Assert.False(ColumnNames.TryNeuron("W[L0->L1:3<-1]", out _));
    }

    [Fact]
    public void Neuron_names_parse_and_other_columns_do_not()
    {
        Assert.True(ColumnNames.TryNeuron("vA[L1:0]", out var neuron));
        Assert.Equal(new NeuronColumn("vA", "L1", 0), neuron);
        Assert.Equal("L1:0", neuron.Neuron);
        Assert.False(ColumnNames.TryNeuron("time_ms", out _));
        Assert.False(ColumnNames.TryNeuron("output_error_sq", out _));
        Assert.False(ColumnNames.TrySynapse("x[L1:3]", out _));
        Assert.False(ColumnNames.TryNeuron("x[L1:-3]", out _));
    }
}
