package dev.disciplina.cli;

import dev.disciplina.api.tensor.Backends;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code disciplina backends}: one line per backend found, {@code NAME<TAB>available|unavailable<TAB>DETAIL}. */
@Command(name = "backends", description = "List the backends found on the class path, "
    + "one per line: NAME<TAB>available|unavailable<TAB>DETAIL.")
final class BackendsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    for (Backends.Info info : Backends.all()) {
      out.println(info.name() + "\t" + (info.available() ? "available" : "unavailable") + "\t"
          + oneLine(info.availability().detail()));
    }
    out.flush();
    return 0;
  }

  static String oneLine(String s) {
    return s.replace('\t', ' ').replace('\r', ' ').replace('\n', ' ');
  }
}
