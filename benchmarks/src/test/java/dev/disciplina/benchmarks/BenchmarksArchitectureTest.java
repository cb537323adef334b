package dev.disciplina.benchmarks;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("benchmarks architecture")
class BenchmarksArchitectureTest {

  private static final JavaClasses BENCHMARKS = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.disciplina.benchmarks");

  @Test
  @DisplayName("the benchmarks measure the library, not the command line")
  void noCommandLine() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.disciplina.cli..",
        "dev.disciplina.examples..", "picocli..")
        .check(BENCHMARKS);
  }
}
