package dev.disciplina.backend.djl;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The djl backend's architecture")
class DjlArchitectureTest {

  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
        .importPackages("dev.disciplina.backend.djl");
  }

  @Test
  @DisplayName("depends on no other backend, ND4J, the trainer or Guice")
  void isolated() {
    noClasses()
        .should().dependOnClassesThat().resideInAnyPackage(
            "dev.disciplina.backend.cpu..", "dev.disciplina.backend.nd4j..", "..nd4j..",
            "org.nd4j..", "dev.disciplina.trainer..", "com.google.inject..")
        .check(main);
  }

  @Test
  @DisplayName("uses of the api stay within its tensor SPI")
  void usesOnlyTheSpi() {
    classes()
        .should().onlyDependOnClassesThat().resideInAnyPackage(
            "dev.disciplina.backend.djl..", "dev.disciplina.api.tensor..", "ai.djl..",
            "java..")
        .check(main);
  }

  @Test
  @DisplayName("the provider refers to nothing of DJL, so listing backends never loads it")
  void providerIsDjlFree() {
    noClasses()
        .that().haveSimpleName("DjlBackendProvider").or().haveSimpleName("DjlOffline")
        .should().dependOnClassesThat().resideInAPackage("ai.djl..")
        .check(main);
  }

  @Test
  @DisplayName("writes nothing to System.out or System.err")
  void noConsole() {
    noClasses()
        .should().accessField(System.class, "out")
        .orShould().accessField(System.class, "err")
        .check(main);
  }
}
