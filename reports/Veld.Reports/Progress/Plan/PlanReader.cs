using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Veld.Reports.Progress;

/// <summary>A plan file that cannot be read or does not hold together (duplicate ids, an item without
/// evidence, a reference to a target that does not exist).</summary>
public sealed class PlanException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Reads and checks a <see cref="MigrationPlan"/> YAML file.</summary>
public static class PlanReader
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(HyphenatedNamingConvention.Instance)
        .WithEnumNamingConvention(HyphenatedNamingConvention.Instance)
        .Build();

    public static MigrationPlan ReadFile(string path) => Read(File.ReadAllText(path), path);

    public static MigrationPlan Read(string yaml, string name = "plan")
    {
        MigrationPlan? plan;
        try
        {
            plan = Deserializer.Deserialize<MigrationPlan>(yaml);
        }
        catch (YamlException e)
        {
            throw new PlanException($"{name}:{e.Start.Line}:{e.Start.Column}: {e.InnerException?.Message ?? e.Message}", e);
        }
        if (plan is null) throw new PlanException($"{name}: the file is empty");
        Check(plan, name);
        return plan;
    }

    private static void Check(MigrationPlan plan, string name)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        void Unique(string id, string what)
        {
            if (string.IsNullOrWhiteSpace(id)) throw new PlanException($"{name}: a {what} has no id");
            if (!ids.Add(id)) throw new PlanException($"{name}: the id '{id}' is used twice");
        }
        foreach (var phase in plan.Phases)
        {
            Unique(phase.Id, "phase");
            foreach (var item in phase.Items)
            {
                Unique(item.Id, "item");
                if (item.Evidence.Count == 0) throw new PlanException($"{name}: item '{item.Id}' names no evidence");
                foreach (var evidence in item.Evidence)
                {
                    if (evidence.KindsSet() != 1) throw new PlanException($"{name}: each evidence of item '{item.Id}' must name exactly one kind");
                    if (evidence.Target is { } target && plan.Targets.All(t => t.Id != target))
                        throw new PlanException($"{name}: item '{item.Id}' refers to the unknown target '{target}'");
                }
            }
        }
        foreach (var target in plan.Targets)
        {
            Unique(target.Id, "target");
            if (target.AtLeast is null == target.AtMost is null)
                throw new PlanException($"{name}: target '{target.Id}' needs exactly one of at-least and at-most");
        }
        foreach (var risk in plan.Risks)
        {
            Unique(risk.Id, "risk");
            foreach (var reference in risk.Evidence)
                if (!ids.Contains(reference)) throw new PlanException($"{name}: risk '{risk.Id}' refers to the unknown id '{reference}'");
        }
    }
}
