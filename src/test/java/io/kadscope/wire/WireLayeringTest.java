package io.kadscope.wire;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The codec knows nothing of sockets, and the engine knows nothing of the codec or Netty. */
class WireLayeringTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.kadscope");

  @Test
  void wire_usesOnlyTheJdkTheEngineAndMsgpack() {
    classes()
        .that()
        .resideInAPackage("io.kadscope.wire..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "io.kadscope.engine..", "io.kadscope.wire..", "org.msgpack..")
        .check(MAIN);
  }

  @Test
  void engine_usesNeitherWireNorTransportNorTheirLibraries() {
    noClasses()
        .that()
        .resideInAPackage("io.kadscope.engine..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.kadscope.wire..", "io.kadscope.transport..", "io.netty..", "org.msgpack..")
        .check(MAIN);
  }
}
