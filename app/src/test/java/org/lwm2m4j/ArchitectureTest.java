package org.lwm2m4j;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of the modules, checked on their compiled main classes: app's test classpath holds
 * core, transport, server and client (bench is not on it; it is the one module allowed to reach
 * Californium directly, to measure it). docs/architecture.md draws the picture these rules guard.
 */
class ArchitectureTest {
  private static JavaClasses product;

  @BeforeAll
  static void importMainClasses() {
    product = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(ArchitectureTest::isNotATestJar)
        .importPackages("org.lwm2m4j");
  }

  // In a full build the reactor hands app the transport test-jar (lwm2m4j-transport-…-tests.jar).
  private static boolean isNotATestJar(Location location) {
    return !location.contains("-tests.jar");
  }

  // Every rule below passes on an empty import: make sure each module's classes are in it, and
  // that a Californium dependency is seen at all (judged by name, see archunit.properties).
  @Test
  void theRulesSeeEveryModuleAndCaliforniumInTransport() {
    for (String module : new String[] {"core", "transport", "server", "client", "app"}) {
      assertThat(product.stream().anyMatch(type -> type.getPackageName().startsWith("org.lwm2m4j." + module)))
          .as("classes of %s imported", module).isTrue();
    }
    classes().that().haveSimpleName("CaliforniumEndpoint")
        .should().dependOnClassesThat().resideInAPackage("org.eclipse.californium..")
        .check(product);
  }

  @Test
  void onlyTransportTouchesCalifornium() {
    noClasses().that().resideOutsideOfPackage("org.lwm2m4j.transport..")
        .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.californium..", "org.eclipse.scandium..")
        .because("Californium and Scandium stay behind the CoapEndpoint interface")
        .check(product);
  }

  @Test
  void coreDependsOnNothingOfOurs() {
    noClasses().that().resideInAPackage("org.lwm2m4j.core..")
        .should().dependOnClassesThat(resideInAPackage("org.lwm2m4j..").and(not(resideInAPackage("org.lwm2m4j.core.."))))
        .because("core (paths, models, nodes, codecs, scheduler) is the base every module builds on")
        .check(product);
  }

  @Test
  void transportDoesNotKnowServerOrClient() {
    noClasses().that().resideInAPackage("org.lwm2m4j.transport..")
        .should().dependOnClassesThat(resideInAnyPackage("org.lwm2m4j.server..", "org.lwm2m4j.client..", "org.lwm2m4j.app.."))
        .because("transport moves CoAP messages for both sides and knows neither")
        .check(product);
  }

  @Test
  void serverDoesNotDependOnClient() {
    noClasses().that().resideInAPackage("org.lwm2m4j.server..")
        .should().dependOnClassesThat().resideInAPackage("org.lwm2m4j.client..")
        .check(product);
  }

  @Test
  void clientDoesNotDependOnServer() {
    noClasses().that().resideInAPackage("org.lwm2m4j.client..")
        .should().dependOnClassesThat().resideInAPackage("org.lwm2m4j.server..")
        .check(product);
  }

  @Test
  void packagesHaveNoCycles() {
    slices().matching("org.lwm2m4j.(**)").namingSlices("$1")
        .should().beFreeOfCycles()
        .check(product);
  }
}
