package dev.disciplina.diagnostics;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Architecture of the diagnostics module")
class DiagnosticsArchitectureTest {

  static JavaClasses main;

  @BeforeAll
  static void importClasses() {
    main = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.disciplina.diagnostics");
  }

  @Test
  @DisplayName("diagnostics depends on no other Disciplina module")
  void standsAlone() {
    noClasses().should().dependOnClassesThat()
        .resideInAnyPackage("dev.disciplina.api..", "dev.disciplina.trainer..", "dev.disciplina.backend..",
            "dev.disciplina.tck..", "dev.disciplina.cli..", "dev.disciplina.examples..")
        .check(main);
  }

  @Test
  @DisplayName("main code never prints to System.out or System.err")
  void noPrinting() {
    noClasses().should().accessField(System.class, "out").orShould().accessField(System.class, "err").check(main);
  }

  @Test
  @DisplayName("the analysis knows nothing of files or JSON: only the io package uses Jackson and java.nio.file")
  void analysisIsPure() {
    noClasses().that().resideOutsideOfPackage("dev.disciplina.diagnostics.io..")
        .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml.jackson..", "java.nio.file..")
        .check(main);
  }

  @Test
  @DisplayName("packages have no cycles")
  void noCycles() {
    slices().matching("dev.disciplina.diagnostics.(*)..").should().beFreeOfCycles().check(main);
    noClasses().that().resideInAPackage("dev.disciplina.diagnostics.stats..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.disciplina.diagnostics", "dev.disciplina.diagnostics.io..")
        .check(main);
    noClasses().that().resideInAPackage("dev.disciplina.diagnostics")
        .should().dependOnClassesThat().resideInAPackage("dev.disciplina.diagnostics.io..")
        .check(main);
  }
}
