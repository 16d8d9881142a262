package io.kadscope.gui;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The visualiser reaches nodes only through the engine's API and the factory it is handed. */
class GuiLayeringTest {
  private final JavaClasses gui =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.kadscope.gui");

  @Test
  void theGui_usesNeitherTheTransportNorTheWireNorTheSimulator() {
    noClasses()
        .that()
        .resideInAPackage("io.kadscope.gui..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.kadscope.transport..", "io.kadscope.wire..", "io.kadscope.sim..", "io.netty..")
        .check(gui);
  }

  @Test
  void theGui_usesNoEngineInternals() {
    noClasses()
        .that()
        .resideInAPackage("io.kadscope.gui..")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("io.kadscope.engine.routing.RoutingTable")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("io.kadscope.engine.lookup.Lookup")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("io.kadscope.engine.store.ValueStore")
        .check(gui);
  }
}
