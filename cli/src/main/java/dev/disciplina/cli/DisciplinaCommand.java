package dev.disciplina.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code disciplina} command: its subcommands do the work. */
@Command(name = "disciplina", mixinStandardHelpOptions = true, version = "disciplina 0.1.0",
    description = "Train neural networks with a disciplined loop, and diagnose learning curves.",
    subcommands = {BackendsCommand.class, TrainCommand.class, DiagnoseCommand.class,
        ReportCommand.class, CompareCommand.class, SweepCommand.class, LrFindCommand.class,
        DemoCommand.class, OverheadCommand.class, BenchCommand.class})
final class DisciplinaCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return Main.USAGE;
  }
}
