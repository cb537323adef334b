package dev.disciplina.api.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The api module's place in the module graph (DESIGN.md): it depends on nothing of ours. */
class ApiArchitectureTest {

  private static JavaClasses api;

  @BeforeAll
  static void importApi() {
    api = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.disciplina.api");
  }

  @Test
  @DisplayName("api imports no backend, trainer, diagnostics cli or examples code")
  void noInnerDependencies() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage(
            "dev.disciplina.backend..", "dev.disciplina.trainer..", "dev.disciplina.diagnostics..",
            "dev.disciplina.cli..", "dev.disciplina.examples..")
        .check(api);
  }

  @Test
  @DisplayName("api imports no engine library and no Guice")
  void noEngines() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage(
            "org.nd4j..", "ai.djl..", "jdk.incubator.vector..", "com.google.inject..",
            "io.micrometer..")
        .check(api);
  }

  @Test
  @DisplayName("api has no package cycles")
  void noCycles() {
    slices().matching("dev.disciplina.api.(*)..").should().beFreeOfCycles().check(api);
  }

  @Test
  @DisplayName("api writes nothing to the console")
  void noConsole() {
    noClasses().should().accessField(System.class, "out")
        .orShould().accessField(System.class, "err")
        .check(api);
  }
}
