package io.kadscope.mainline;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The Mainline DHT's wire and semantics use the JDK only, and the engine does not know them. */
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
  void mainline_usesOnlyTheJdkAndKrpc() {
    classes()
        .that()
        .resideInAPackage("io.kadscope.mainline..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "io.kadscope.krpc..", "io.kadscope.mainline..")
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
