package dev.disciplina.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("examples architecture")
class ExamplesArchitectureTest {

  private static final JavaClasses EXAMPLES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.disciplina.examples");

  @Test
  @DisplayName("the examples use the library as a user would: no command line, no benchmarks, no engine")
  void libraryUseOnly() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.disciplina.cli..",
        "dev.disciplina.benchmarks..", "org.nd4j..", "ai.djl..", "jdk.incubator.vector..",
        "picocli..")
        .check(EXAMPLES);
  }

  @Test
  @DisplayName("the examples reach backends by name, never through a backend class")
  void backendsByName() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.disciplina.backend..")
        .check(EXAMPLES);
  }
}
