package dev.disciplina.report;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Architecture of the report module")
class ReportArchitectureTest {

  static JavaClasses main;

  @BeforeAll
  static void importClasses() {
    main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.disciplina.report");
  }

  @Test
  @DisplayName("report depends on diagnostics only: no api, backend, trainer or cli, and no AWT or chart library")
  void dependsOnDiagnosticsOnly() {
    noClasses().should().dependOnClassesThat()
        .resideInAnyPackage("dev.disciplina.api..", "dev.disciplina.trainer..", "dev.disciplina.backend..",
            "dev.disciplina.tck..", "dev.disciplina.cli..", "dev.disciplina.examples..", "java.awt..", "javax.imageio..",
            "org.knowm..", "org.jfree..")
        .check(main);
  }

  @Test
  @DisplayName("main code never prints to System.out or System.err")
  void noPrinting() {
    noClasses().should().accessField(System.class, "out").orShould().accessField(System.class, "err").check(main);
  }

  @Test
  @DisplayName("the drawing layer knows nothing of runs or diagnoses")
  void chartIsGeneric() {
    noClasses().that().resideInAPackage("dev.disciplina.report.chart..").should().dependOnClassesThat()
        .resideInAnyPackage("dev.disciplina.report", "dev.disciplina.diagnostics..").check(main);
  }
}
