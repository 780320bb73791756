namespace Veld.RegisterVm.Tests;

/// <summary>The opcode table covers every opcode and agrees with the code the compiler emits.</summary>
public class OpcodeTableTests
{
    [Fact]
    public void EveryOpcodeHasItsOwnEntry()
    {
        foreach (var op in Enum.GetValues<OpCode>())
        {
            var facts = OpcodeTable.Of(op);
            Assert.Equal(op, facts.Op);
            Assert.Equal(op.ToString().ToUpperInvariant(), facts.Mnemonic);
        }
        Assert.Equal(Enum.GetValues<OpCode>().Length, OpcodeTable.All.Count);
        Assert.Null(OpcodeTable.Find((OpCode)127));
    }

    [Fact]
    public void TheFactsAreConsistentWithOneAnother()
    {
        foreach (var facts in OpcodeTable.All)
        {
            // A jump offset lives in sJ or sBx, so the format must have that field.
            if (facts.Jump == JumpField.SJ) Assert.Equal(OpFormat.sJ, facts.Format);
            if (facts.Jump == JumpField.SBx) Assert.Equal(OpFormat.AsBx, facts.Format);
            if (!facts.JumpWrite.IsNone) Assert.NotEqual(JumpField.None, facts.Jump);
            // Operands name fields the format has: ABx and AsBx have no B or C, ABC no Bx.
            var fields = facts.Reads.Select(r => r.First).Concat(facts.Indexes.Select(x => x.Field))
                .Concat([facts.Write.First, facts.FallWrite.First, facts.JumpWrite.First, facts.ReservedSlot.First]);
            foreach (var field in fields)
            {
                if (facts.Format is OpFormat.ABx or OpFormat.AsBx) Assert.DoesNotContain(field, new[] { Field.B, Field.C });
                if (facts.Format == OpFormat.ABC) Assert.NotEqual(Field.Bx, field);
                if (facts.Format is OpFormat.Ax or OpFormat.sJ) Assert.Equal(Field.None, field);
            }
            // Only an 8-bit field can be extended by an EXTRAARG; a conditional operand needs the k bit.
            foreach (var x in facts.Indexes.Where(x => x.Extends)) Assert.Contains(x.Field, new[] { Field.B, Field.C });
            if (facts.Reads.Any(r => r.When != WhenK.Always) || facts.Indexes.Any(x => x.When != WhenK.Always) || facts.Write.When != WhenK.Always)
                Assert.True(facts.UsesK, $"{facts.Mnemonic} has an operand that depends on k");
            // A test is followed by its JMP, so execution continues past it.
            if (facts.FollowedByJmp) Assert.True(facts.FallsThrough, facts.Mnemonic);
        }
    }

    /// <summary>Over the whole corpus: every instruction decodes with the table's facts, its operands verify,
    /// EXTRAARG words sit exactly where the table says and tests are followed by their JMP.</summary>
    [Fact]
    public void TheCompilersOutputOverTheCorpusAgreesWithTheTable()
    {
        var seen = new HashSet<OpCode>();
        int programs = 0;
        foreach (var file in CorpusFiles.All().Select(f => (string)f[0]))
        {
            var front = Veld.Language.VeldCompiler.Compile(new Veld.Language.Source(file, CorpusFiles.Read(file)));
            if (!front.Success) continue;
            var program = ProgramCompiler.Compile(front.Program!);
            programs++;
            ProgramVerifier.Verify(program);
            foreach (var proto in program.Script.SelfAndDescendants())
            {
                for (int pc = 0; pc < proto.Code.Length;)
                {
                    var facts = InstructionFacts.Of(proto, program, pc);
                    Assert.True(facts.Error is null, $"{file} {proto.Name} pc {pc}: {facts.Error}");
                    var op = facts.Opcode!;
                    seen.Add(op.Op);
                    Assert.False(op.IsOperandWord, $"{file} {proto.Name} pc {pc}: an EXTRAARG where an instruction starts");
                    if (facts.Length == 2) Assert.Equal(OpCode.ExtraArg, Instruction.Op(proto.Code[pc + 1]));
                    if (op.FollowedByJmp) Assert.Equal(OpCode.Jmp, Instruction.Op(proto.Code[pc + 1]));
                    foreach (var range in facts.Reads.Append(facts.Write))
                        Assert.True(range.End <= proto.MaxStack, $"{file} {proto.Name} pc {pc}: {op.Mnemonic} {range} outside {proto.MaxStack}");
                    pc += facts.Length;
                }
            }
        }
        Assert.True(programs > 300, $"only {programs} corpus programs compiled");
        // The corpus exercises most of the instruction set, so the agreement above is not vacuous.
        Assert.True(seen.Count > OpcodeTable.All.Count * 3 / 4, $"the corpus uses only {seen.Count} opcodes");
    }
}
