package io.kadscope.mainline;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The Mainline DHT's wire and semantics use the JDK only, its node runs on the engine, and the
 * engine knows none of them.
 */
class MainlineLayeringTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.kadscope.krpc", "io.kadscope.mainline", "io.kadscope.engine");

  @Test
  void krpc_usesOnlyTheJdk() {
    classes()
        .that()
        .resideInAPackage("io.kadscope.krpc..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "io.kadscope.krpc..")
        .because("the codec turns bytes into records and knows nothing of sockets or the engine")
        .check(MAIN);
  }

  @Test
  void mainlineSemantics_useOnlyTheJdkAndKrpc() {
    classes()
        .that()
        .resideInAPackage("io.kadscope.mainline")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "io.kadscope.krpc..", "io.kadscope.mainline")
        .because("BEP 42, BEP 44 and tokens are pure functions of bytes, addresses and time")
        .check(MAIN);
  }

  @Test
  void mainlineNode_usesTheEngineKrpcAndTheSemantics_andNoTransport() {
    classes()
        .that()
        .resideInAPackage("io.kadscope.mainline.node..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "org.slf4j..",
            "io.kadscope.engine..",
            "io.kadscope.krpc..",
            "io.kadscope.mainline..")
        .because("the Mainline node runs on the engine; its ports come from a MainlineNetwork")
        .check(MAIN);
  }

  @Test
  void engine_staysProtocolAgnostic() {
    noClasses()
        .that()
        .resideInAPackage("io.kadscope.engine..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.kadscope.krpc..", "io.kadscope.mainline..")
        .check(MAIN);
  }
}
