package dev.disciplina.backend.nd4j;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The nd4j backend's architecture")
class Nd4jArchitectureTest {

  private final JavaClasses main =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.disciplina.backend.nd4j");

  @Test
  @DisplayName("depends on no other backend, not the trainer, not Guice, not DJL")
  void independent() {
    noClasses()
        .that().resideInAPackage("dev.disciplina.backend.nd4j..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "dev.disciplina.backend.cpu..", "dev.disciplina.backend.djl..", "..djl..",
            "dev.disciplina.trainer..", "com.google.inject..", "ai.djl..")
        .check(main);
  }

  @Test
  @DisplayName("writes nothing to standard output or error")
  void noConsole() {
    noClasses()
        .that().resideInAPackage("dev.disciplina.backend.nd4j..")
        .should().accessField(System.class, "out")
        .orShould().accessField(System.class, "err")
        .orShould().callMethod(Throwable.class, "printStackTrace")
        .check(main);
  }

  @Test
  @DisplayName("the provider names no ND4J or javacpp type, so discovery never loads them")
  void providerIsNativeFree() {
    noClasses()
        .that().haveFullyQualifiedName(Nd4jBackendProvider.class.getName())
        .should().dependOnClassesThat().resideInAnyPackage("org.nd4j..", "org.bytedeco..")
        .check(main);
  }
}
