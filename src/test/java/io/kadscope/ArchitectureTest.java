package io.kadscope;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package rules of the design: one pure engine, thin edges. */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.kadscope");
  }

  @Test
  void engineUsesNoJavaFxNettyMsgpackOrGson() {
    noClasses()
        .that()
        .resideInAPackage("io.kadscope.engine..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("javafx..", "io.netty..", "org.msgpack..", "com.google.gson..")
        .because("the same engine runs over UDP, in the simulator and in unit tests")
        .check(classes);
  }

  @Test
  void engineKnowsNoneOfItsFaces() {
    noClasses()
        .that()
        .resideInAPackage("io.kadscope.engine..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.kadscope.wire..",
            "io.kadscope.transport..",
            "io.kadscope.sim..",
            "io.kadscope.persist..",
            "io.kadscope.headless..",
            "io.kadscope.gui..")
        .check(classes);
  }

  @Test
  void wireCodecKnowsNothingOfUdp() {
    noClasses()
        .that()
        .resideInAPackage("io.kadscope.wire..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.netty..", "javafx..", "com.google.gson..", "io.kadscope.transport..")
        .check(classes);
  }

  @Test
  void simulatorUsesOnlyTheEngine() {
    noClasses()
        .that()
        .resideInAPackage("io.kadscope.sim..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.netty..",
            "org.msgpack..",
            "javafx..",
            "io.kadscope.transport..",
            "io.kadscope.wire..")
        .check(classes);
  }

  @Test
  void guiNeverReachesTheTransportOrHeadlessFace() {
    noClasses()
        .that()
        .resideInAPackage("io.kadscope.gui..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.kadscope.transport..", "io.kadscope.wire..", "io.kadscope.headless..", "io.netty..")
        .because("new nodes come from the factory handed in at launch")
        .check(classes);
  }

  @Test
  void headlessFaceLoadsNoJavaFx() {
    noClasses()
        .that()
        .resideInAnyPackage("io.kadscope.headless..", "io.kadscope.persist..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("javafx..", "org.controlsfx..", "io.kadscope.gui..")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void launcherTouchesNoJavaFxType() {
    noClasses()
        .that()
        .resideInAPackage("io.kadscope")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("javafx..", "org.controlsfx..")
        .because("java -jar fails on a Main-Class that needs JavaFX on the classpath")
        .check(classes);
  }
}
