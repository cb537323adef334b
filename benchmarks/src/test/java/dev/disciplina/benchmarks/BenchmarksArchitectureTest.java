package dev.disciplina.benchmarks;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks module's boundary, checked on the main classes of every module (all are on this
 * module's class path): only the benchmarks import the peers' engines as yardsticks, nothing
 * depends on the benchmarks, and the engines' own backends import only their own engine.
 */
@DisplayName("benchmarks architecture")
class BenchmarksArchitectureTest {

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
    ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
    classes = new ClassFileImporter().withImportOption(new MainClassesOnly())
        .importPackages("dev.disciplina");
  }

  @Test
  @DisplayName("the class path holds the benchmarks, the trainer and all three backends")
  void importedEveryModule() {
    for (String pkg : new String[] {"dev.disciplina.benchmarks", "dev.disciplina.trainer",
        "dev.disciplina.backend.cpu", "dev.disciplina.backend.nd4j",
        "dev.disciplina.backend.djl"}) {
      assertThat(classes.containPackage(pkg)).as(pkg).isTrue();
    }
  }

  @Test
  @DisplayName("nothing but the benchmarks imports DL4J, the peer engine used only as a yardstick")
  void onlyBenchmarksImportDl4j() {
    noClasses().that().resideOutsideOfPackage("dev.disciplina.benchmarks..")
        .should().dependOnClassesThat().resideInAPackage("org.deeplearning4j..")
        .check(classes);
  }

  @Test
  @DisplayName("outside the benchmarks, only a backend imports an engine, and only its own")
  void enginesStayInTheirBackends() {
    noClasses().that().resideOutsideOfPackages("dev.disciplina.benchmarks..",
            "dev.disciplina.backend.nd4j..")
        .should().dependOnClassesThat().resideInAPackage("org.nd4j..")
        .check(classes);
    noClasses().that().resideOutsideOfPackages("dev.disciplina.benchmarks..",
            "dev.disciplina.backend.djl..")
        .should().dependOnClassesThat().resideInAPackage("ai.djl..")
        .check(classes);
    noClasses().that().resideOutsideOfPackages("dev.disciplina.benchmarks..",
            "dev.disciplina.backend.cpu..")
        .should().dependOnClassesThat().resideInAPackage("jdk.incubator.vector..")
        .check(classes);
  }

  @Test
  @DisplayName("no module depends on the benchmarks")
  void nothingDependsOnBenchmarks() {
    noClasses().that().resideOutsideOfPackage("dev.disciplina.benchmarks..")
        .should().dependOnClassesThat().resideInAPackage("dev.disciplina.benchmarks..")
        .check(classes);
  }

  @Test
  @DisplayName("the benchmarks measure the library, not the command line")
  void noCommandLine() {
    noClasses().that().resideInAPackage("dev.disciplina.benchmarks..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.disciplina.cli..",
            "dev.disciplina.examples..", "picocli..")
        .check(classes);
  }
}
