package dev.disciplina.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The top-level {@code disciplina} command: its subcommands do the work. {@code --help} and
 * {@code --version} are inherited by every subcommand.
 */
@Command(name = "disciplina", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
    versionProvider = Version.class,
    description = "Train neural networks with a disciplined loop, and diagnose learning curves.",
    subcommands = {BackendsCommand.class, TrainCommand.class, DiagnoseCommand.class,
        ReportCommand.class, CompareCommand.class, SweepCommand.class, LrFindCommand.class,
        DemoCommand.class, OverheadCommand.class, BenchCommand.class, HelpCommand.class,
        CompletionCommand.class})
final class DisciplinaCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  /** Standard input, as {@code diagnose -} reads it. */
  final java.io.InputStream in;

  DisciplinaCommand(java.io.InputStream in) {
    this.in = in;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return Main.USAGE;
  }
}
