package dev.disciplina.distributed.spark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The distributed-spark module's architecture")
class SparkArchitectureTest {

  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
        .importPackages("dev.disciplina.distributed.spark");
  }

  @Test
  @DisplayName("depends on no backend, engine, the command line or Guice")
  void isolated() {
    noClasses()
        .should().dependOnClassesThat().resideInAnyPackage("dev.disciplina.backend..",
            "org.nd4j..", "ai.djl..", "jdk.incubator.vector..", "dev.disciplina.cli..",
            "com.google.inject..")
        .check(main);
  }

  @Test
  @DisplayName("only BarrierStage speaks Spark's Scala API")
  void scalaConfined() {
    noClasses()
        .that().doNotHaveSimpleName("BarrierStage")
        .and().doNotHaveSimpleName("SparkTrainer") // Tuple2 of zipWithIndex, through the Java API
        .should().dependOnClassesThat().resideInAnyPackage("scala..", "org.apache.spark.rdd..")
        .check(main);
  }

  @Test
  @DisplayName("the collective and the reducer need no Spark at all")
  void transportIsSparkFree() {
    noClasses()
        .that().haveSimpleName("MeshCollective").or().haveSimpleName("CollectiveReducer")
        .or().haveSimpleName("PeerAddress").or().haveSimpleName("Collective")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "scala..")
        .check(main);
  }
}
