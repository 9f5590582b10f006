using System.Security.Cryptography;
using System.Text.Json;

namespace NeuroSim.Tests.Files;

/// <summary>A run folder says exactly what ran: every input hashed and copied, --set applied in a resolved copy, periods as numbers.</summary>
public sealed class RunRecordTests
{
    [Fact]
    public void The_manifest_and_inputs_record_the_files_their_hashes_the_resolved_parameters_and_the_periods()
    {
        using var temp = new TempFolder();
        temp.File("biases.csv", "in,0,0\nin,1,0\nhidden,0,0.5\nhidden,1,-0.5\nhidden,2,0.25\nout,0,0.1\n");
        var model = temp.File("model.yaml", MalformedFilesTests.BaseModel.Replace("    - {from: hidden, to: out}", "    - {from: hidden, to: out}\n  biases: {file: biases.csv}", StringComparison.Ordinal));
        var protocol = temp.File("protocol.yaml", MalformedFilesTests.BaseProtocol);
        CliRunner.Succeeds("run", model, protocol, "--out", temp.Combine("r"), "--set", "learning_rate=0.25", "--set", "protocol.name=renamed");

        using var manifest = JsonDocument.Parse(File.ReadAllText(temp.Combine("r", "manifest.json")));
        var settings = manifest.RootElement.GetProperty("settings");
        var hashes = settings.GetProperty("inputs_sha256");
        foreach (var name in new[] { "model.yaml", "protocol.yaml", "biases.csv" })
        {
            var expected = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(temp.Combine(name))));
            Assert.Equal(expected, hashes.GetProperty(name).GetString());
            Assert.Equal(File.ReadAllBytes(temp.Combine(name)), File.ReadAllBytes(temp.Combine("r", "inputs", name)));
        }

        Assert.Equal(1.0, settings.GetProperty("monitor_periods_ms").GetProperty("h").GetDouble());
        Assert.Contains("learning_rate: 0.25", File.ReadAllText(temp.Combine("r", "inputs", "model.resolved.yaml")), StringComparison.Ordinal);
        Assert.Contains("name: renamed", File.ReadAllText(temp.Combine("r", "inputs", "protocol.resolved.yaml")), StringComparison.Ordinal);
        Assert.Matches(@"^\d+\.\d+\.\d+(\+[0-9a-f]{7,40})?$", manifest.RootElement.GetProperty("neurosim_version").GetString());
    }
}
