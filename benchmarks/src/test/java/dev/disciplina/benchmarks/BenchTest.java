package dev.disciplina.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BenchTest {

  @Test
  @DisplayName("the defaults are three rounds of every contestant at batch 128 on 784-256-128-10")
  void defaults() {
    Bench.Options o = Bench.parse(new String[0]);
    assertThat(o.rounds()).isEqualTo(3);
    assertThat(o.epochs()).isEqualTo(2);
    assertThat(o.contestants()).containsExactly(Contestant.values());
    assertThat(o.batchSizes()).containsExactly(128);
    assertThat(o.layers()).containsExactly(784, 256, 128, 10);
  }

  @Test
  @DisplayName("the contestants have the names other tools rely on")
  void names() {
    assertThat(Contestant.names()).isEqualTo("trainer-cpu, trainer-nd4j, trainer-djl, loop-cpu, "
        + "djl-easytrain, djl-loop, dl4j-fit");
  }

  @Test
  @DisplayName("--only keeps the canonical order and rejects an unknown name, listing the known")
  void only() {
    assertThat(Contestant.parse("dl4j-fit,trainer-cpu"))
        .containsExactly(Contestant.TRAINER_CPU, Contestant.DL4J_FIT);
    assertThatThrownBy(() -> Bench.parse(new String[] {"--only", "trainer-gpu"}))
        .hasMessage("unknown contestant 'trainer-gpu'; the contestants are trainer-cpu, "
            + "trainer-nd4j, trainer-djl, loop-cpu, djl-easytrain, djl-loop, dl4j-fit");
  }

  @Test
  @DisplayName("bad numbers and unknown options are one-line errors naming the option")
  void badArguments() {
    assertThatThrownBy(() -> Bench.parse(new String[] {"--rounds", "0"}))
        .hasMessage("--rounds: must be at least 1, got 0");
    assertThatThrownBy(() -> Bench.parse(new String[] {"--batch-sizes", "8,x"}))
        .hasMessage("--batch-sizes: expected a whole number, got 'x'");
    assertThatThrownBy(() -> Bench.parse(new String[] {"--model", "784-a-10"}))
        .hasMessageStartingWith("--model:");
    assertThatThrownBy(() -> Bench.parse(new String[] {"--fast", "1"}))
        .hasMessage("unknown option --fast");
  }

  @Test
  @DisplayName("one example of 784-256-128-10 costs about 1.4 MFLOP: three passes of 2 x in x out")
  void flops() {
    Workload w = new Workload(new int[] {784, 256, 128, 10}, 128, 1, 2, 0.1, 0.9);
    assertThat(w.flopsPerExample()).isEqualTo(6.0 * (784 * 256 + 256 * 128 + 128 * 10));
  }

  @Test
  @DisplayName("the median is the middle value, or the mean of the two middle ones")
  void median() {
    assertThat(Bench.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
    assertThat(Bench.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
  }

  @Test
  @DisplayName("busy time from /proc/stat counts user, nice, system, irq, softirq and steal, not idle or iowait")
  void procStat() {
    assertThat(MachineLoad.parseBusySeconds("cpu  100 20 30 5000 70 1 2 3 0 0"))
        .isEqualTo(156 / 100.0);
    assertThatThrownBy(() -> MachineLoad.parseBusySeconds("intr 1 2"))
        .hasMessageStartingWith("/proc/stat: unexpected first line");
  }

  @Test
  @DisplayName("a contestant JVM measures and reports a result line that the driver parses")
  void forkOneContestant() throws Exception {
    Bench.Options o = Bench.parse(new String[] {"--limit", "512", "--warmup", "0", "--epochs",
        "1", "--heap", "512m"});
    Workload w = new Workload(o.layers(), 128, 0, 1, 0.1, 0.9);
    Bench.Result r = Bench.fork(Contestant.LOOP_CPU, w, o);
    assertThat(r.failure()).isNull();
    assertThat(r.examplesPerSecond()).isPositive();
    assertThat(r.loss()).isBetween(0.0, 10.0);
    assertThat(r.cpuSeconds()).isPositive();
  }
}
