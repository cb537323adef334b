package dev.disciplina.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The module graph, checked on the main classes of every module (they are all on this module's
 * class path): the api stands alone, backends stand alone, the trainer finds backends only
 * through the service loader, packages form no cycle, and only the command line writes to the
 * console.
 */
@DisplayName("architecture")
class CliArchitectureTest {

  private static JavaClasses classes;

  /** Main classes only: no test directories, no test jars. */
  private static final class MainClassesOnly implements ImportOption {
    @Override
    public boolean includes(Location location) {
      return !location.contains("/test-classes/") && !location.contains("-tests.jar");
    }
  }

  @BeforeAll
  static void importClasses() {
    // Our classes only: resolving every class they refer to (the engines' included) from the
    // class path would take half a minute and checks nothing more.
    ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
    classes = new ClassFileImporter().withImportOption(new MainClassesOnly())
        .importPackages("dev.disciplina");
  }

  @Test
  @DisplayName("the class path holds the main classes of every module")
  void importedEveryModule() {
    for (String pkg : List.of("dev.disciplina.api.tensor", "dev.disciplina.api.data",
        "dev.disciplina.backend.cpu", "dev.disciplina.diagnostics", "dev.disciplina.trainer",
        "dev.disciplina.cli")) {
      assertThat(classes.containPackage(pkg)).as(pkg).isTrue();
    }
  }

  @Test
  @DisplayName("the api depends on no backend, no Guice, no trainer and no engine library")
  void apiStandsAlone() {
    noClasses().that().resideInAPackage("dev.disciplina.api..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.disciplina.backend..",
            "dev.disciplina.trainer..", "dev.disciplina.cli..", "dev.disciplina.diagnostics..",
            "com.google.inject..", "org.nd4j..", "ai.djl..", "jdk.incubator.vector..")
        .check(classes);
  }

  @Test
  @DisplayName("backends depend on neither each other nor the trainer")
  void backendsStandAlone() {
    String[][] pairs = {
        {"dev.disciplina.backend.cpu..", "dev.disciplina.backend.nd4j..", "dev.disciplina.backend.djl.."},
        {"dev.disciplina.backend.nd4j..", "dev.disciplina.backend.cpu..", "dev.disciplina.backend.djl.."},
        {"dev.disciplina.backend.djl..", "dev.disciplina.backend.cpu..", "dev.disciplina.backend.nd4j.."}};
    for (String[] p : pairs) {
      noClasses().that().resideInAPackage(p[0])
          .should().dependOnClassesThat().resideInAnyPackage(p[1], p[2],
              "dev.disciplina.trainer..", "dev.disciplina.cli..", "com.google.inject..")
          .allowEmptyShould(true)
          .check(classes);
    }
  }

  @Test
  @DisplayName("the trainer and diagnostics name no backend class and no engine library")
  void trainerNamesNoBackend() {
    noClasses().that().resideInAnyPackage("dev.disciplina.trainer..",
            "dev.disciplina.diagnostics..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.disciplina.backend..",
            "org.nd4j..", "ai.djl..", "jdk.incubator.vector..", "dev.disciplina.cli..")
        .check(classes);
  }

  @Test
  @DisplayName("only the backends import an engine; the peers' engines (DL4J) and the benchmarks are on no class path but the benchmarks module's")
  void onlyBackendsImportEngines() {
    noClasses().that().resideOutsideOfPackage("dev.disciplina.backend..")
        .should().dependOnClassesThat().resideInAnyPackage("org.nd4j..", "ai.djl..",
            "org.deeplearning4j..", "jdk.incubator.vector..", "dev.disciplina.benchmarks..")
        .check(classes);
    assertThat(classes.containPackage("dev.disciplina.benchmarks")).isFalse();
    assertThat(getClass().getClassLoader().getResource(
        "org/deeplearning4j/nn/multilayer/MultiLayerNetwork.class")).isNull();
  }

  @Test
  @DisplayName("the diagnostics module depends on nothing else of ours")
  void diagnosticsStandsAlone() {
    noClasses().that().resideInAPackage("dev.disciplina.diagnostics..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.disciplina.api..",
            "dev.disciplina.trainer..")
        .check(classes);
  }

  @Test
  @DisplayName("no package cycles between the modules' packages")
  void noCycles() {
    slices().matching("dev.disciplina.(*)..").should().beFreeOfCycles().check(classes);
    slices().matching("dev.disciplina.api.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  @DisplayName("nothing outside the command line writes to System.out or System.err")
  void noConsoleOutsideExamples() {
    noClasses().that().resideOutsideOfPackage("dev.disciplina.cli..")
        .should().accessField(System.class, "out")
        .orShould().accessField(System.class, "err")
        .orShould().callMethod(Throwable.class, "printStackTrace")
        .check(classes);
  }
}
