package dev.disciplina.backend.cpu;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Architecture of backend-cpu")
class CpuArchitectureTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.disciplina.backend.cpu");
  }

  @Test
  @DisplayName("depends only on the api, the JDK and the Vector API")
  void onlyApiJavaAndVector() {
    classes().that().resideInAPackage("dev.disciplina.backend.cpu")
        .should().onlyDependOnClassesThat()
        .resideInAnyPackage("dev.disciplina.api..", "dev.disciplina.backend.cpu..", "java..",
            "jdk.incubator.vector..")
        .check(classes);
  }

  @Test
  @DisplayName("depends on no other backend, the trainer, Guice, ND4J or DJL")
  void noOtherEngines() {
    noClasses().that().resideInAPackage("dev.disciplina.backend.cpu..")
        .should().dependOnClassesThat()
        .resideInAnyPackage("dev.disciplina.backend.nd4j..", "dev.disciplina.backend.djl..",
            "dev.disciplina.trainer..", "com.google.inject..", "org.nd4j..", "ai.djl..")
        .check(classes);
  }

  @Test
  @DisplayName("the provider touches no Vector API class, so it can report the module missing")
  void providerAvoidsVectorApi() {
    noClasses().that().haveSimpleName("CpuBackendProvider")
        .should().dependOnClassesThat().resideInAPackage("jdk.incubator.vector..")
        .check(classes);
  }

  @Test
  @DisplayName("main code prints nothing to System.out or System.err")
  void noConsole() {
    noClasses().that().resideInAPackage("dev.disciplina.backend.cpu..")
        .should().accessField(System.class, "out")
        .orShould().accessField(System.class, "err")
        .check(classes);
  }
}
