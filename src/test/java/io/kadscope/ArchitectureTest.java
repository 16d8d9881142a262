package io.kadscope;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of the design, one test per package: what each may use. A rule that matches no
 * class fails (ArchUnit's default), so a renamed package cannot make its rule pass unseen.
 */
class ArchitectureTest {
  private static final String JDK = "java..";
  private static final String SLF4J = "org.slf4j..";
  private static final String[] JAVAFX = {"javafx..", "org.controlsfx.."};

  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.kadscope");
  }

  @Test
  void engine_usesOnlyTheJdkAndSlf4j() {
    classes()
        .that()
        .resideInAPackage("io.kadscope.engine..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(JDK, SLF4J, "io.kadscope.engine..")
        .because(
            "the same engine runs over UDP, in the simulator and in unit tests, and knows none of"
                + " its faces")
        .check(main);
  }

  @Test
  void wire_usesOnlyTheEngineAndMsgpack() {
    classes()
        .that()
        .resideInAPackage("io.kadscope.wire..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(JDK, "org.msgpack..", "io.kadscope.engine..", "io.kadscope.wire..")
        .because("the codec turns bytes into message records and back, and knows nothing of UDP")
        .check(main);
  }

  @Test
  void transport_usesOnlyTheEngineTheWiresAndNetty() {
    classes()
        .that()
        .resideInAPackage("io.kadscope.transport..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            JDK,
            "javax..",
            SLF4J,
            "io.netty..",
            "io.kadscope.engine..",
            "io.kadscope.wire..",
            "io.kadscope.krpc..",
            "io.kadscope.mainline.node..",
            "io.kadscope.transport..")
        .because("a port carries one protocol's codec over Netty; the Mainline node opens it")
        .check(main);
  }

  @Test
  void sim_usesOnlyTheEngine() {
    classes()
        .that()
        .resideInAPackage("io.kadscope.sim..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(JDK, SLF4J, "io.kadscope.engine..", "io.kadscope.sim..")
        .because("the simulator runs engines on an in-memory network, with no socket nor codec")
        .check(main);
  }

  @Test
  void persist_usesOnlyTheEngineAndGson() {
    classes()
        .that()
        .resideInAPackage("io.kadscope.persist..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            JDK, SLF4J, "com.google.gson..", "io.kadscope.engine..", "io.kadscope.persist..")
        .check(main);
  }

  @Test
  void cli_usesOnlyTheJdkAndLogging() {
    classes()
        .that()
        .resideInAPackage("io.kadscope.cli..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(JDK, SLF4J, "ch.qos.logback..", "io.kadscope.cli..")
        .because("every command uses it, the engine's and the visualiser's alike")
        .check(main);
  }

  @Test
  void headlessAndBench_useAllButTheGui() {
    noClasses()
        .that()
        .resideInAnyPackage("io.kadscope.headless..", "io.kadscope.bench..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(concat(JAVAFX, "io.kadscope.gui.."))
        .because("a headless peer runs where there is no display and loads no JavaFX class")
        .check(main);
  }

  @Test
  void gui_usesOnlyTheEngineJavaFxControlsFxAndGson() {
    classes()
        .that()
        .resideInAPackage("io.kadscope.gui..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            concat(
                JAVAFX,
                JDK,
                SLF4J,
                "com.google.gson..",
                "io.kadscope.engine..",
                "io.kadscope.mainline.node..",
                "io.kadscope.gui.."))
        .because(
            "new nodes come from the factories handed in at launch (a NodeFactory, a"
                + " MainlineNetwork), never from the transport")
        .check(main);
  }

  @Test
  void gui_usesNoEngineInternals() {
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
        .because("the visualiser sees immutable snapshots and a stream of events")
        .check(main);
  }

  @Test
  void gui_reachesTheNodeOnlyThroughTheSession() {
    noClasses()
        .that()
        .resideInAPackage("io.kadscope.gui..")
        .and()
        .resideOutsideOfPackage("io.kadscope.gui.session..")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("io.kadscope.engine.KademliaNode")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("io.kadscope.mainline.node.MainlineNode")
        .because("view-models reach the node one way: NodeSession")
        .check(main);
  }

  @Test
  void launcher_touchesNoJavaFxType() {
    noClasses()
        .that()
        .resideInAPackage("io.kadscope")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(JAVAFX)
        .because("java -jar fails on a Main-Class that needs JavaFX on the classpath")
        .check(main);
  }

  private static String[] concat(String[] first, String... more) {
    String[] all = new String[first.length + more.length];
    System.arraycopy(first, 0, all, 0, first.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }
}
