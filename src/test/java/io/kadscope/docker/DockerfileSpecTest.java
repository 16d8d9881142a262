package io.kadscope.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DockerfileSpecTest {

  private static Path basedir() {
    return Path.of(System.getProperty("kadscope.basedir", System.getProperty("user.dir")));
  }

  @Test
  void headlessDockerfile_runsTheJarAndJoinsThroughTheEnvironment() {
    DockerfileSpec spec = DockerfileSpec.read(basedir().resolve("Dockerfile.headless"));

    assertThat(spec.entrypoint().get(0)).isEqualTo("java");
    assertThat(spec.jarPath()).contains("/opt/kadscope/kadscope.jar");
    assertThat(spec.cmd()).containsExactly("--headless", "join");
    assertThat(spec.env()).containsEntry("P2P_REMOTE_HOST", "");
    assertThat(spec.exposed()).containsExactly("7123/udp");
    assertThat(spec.healthcheck())
        .startsWith("java")
        .endsWith("-jar", "/opt/kadscope/kadscope.jar", "ping", "127.0.0.1", "7123");
  }

  @Test
  void headlessDockerfile_keepsThePeerSmallAndWithinTheContainerLimit() {
    List<String> entrypoint =
        DockerfileSpec.read(basedir().resolve("Dockerfile.headless")).entrypoint();

    assertThat(entrypoint)
        .contains("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")
        .anyMatch(a -> a.startsWith("-XX:MaxRAMPercentage="))
        .anyMatch(a -> a.startsWith("-Xss"))
        .anyMatch(a -> a.startsWith("-XX:MaxMetaspaceSize="))
        // -Xmx or -XX:MaxRAM would override the container's memory limit.
        .noneMatch(a -> a.startsWith("-Xmx") || a.startsWith("-XX:MaxRAM="));
  }

  @Test
  void headlessDockerfile_startsThePeerAndItsHealthcheckFromTheArchiveItMakes() throws Exception {
    Path file = basedir().resolve("Dockerfile.headless");
    DockerfileSpec spec = DockerfileSpec.read(file);
    String runStage = finalStage(file);
    Matcher made = Pattern.compile("-XX:ArchiveClassesAtExit=(\\S+)").matcher(runStage);

    assertThat(made.find()).as("a RUN of the final stage makes the archive").isTrue();
    String use = "-XX:SharedArchiveFile=" + made.group(1);
    // made from the very jar the peer runs: an archive holds only for the jar path it was made with
    assertThat(runStage).contains("-jar " + spec.jarPath().orElseThrow() + " bench local");
    assertThat(spec.entrypoint()).contains(use, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    assertThat(spec.healthcheck()).contains(use, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
  }

  @Test
  void headlessDockerfile_trainsItsArchiveOnTheRunTheBuildTrainsOn() throws Exception {
    Path file = basedir().resolve("Dockerfile.headless");
    String jar = DockerfileSpec.read(file).jarPath().orElseThrow();
    Matcher run =
        Pattern.compile("-jar " + Pattern.quote(jar) + " ([^>|&]+)")
            .matcher(finalStage(file).replace("\\\n", " "));
    assertThat(run.find()).as("the final stage's training run of " + jar).isTrue();
    List<String> image = List.of(run.group(1).trim().split("\\s+"));

    String pom = Files.readString(basedir().resolve("pom.xml"));
    String execution =
        pom.substring(
            pom.indexOf("<id>class-data-archive</id>"),
            pom.indexOf("</execution>", pom.indexOf("<id>class-data-archive</id>")));
    List<String> build =
        Pattern.compile("<argument>([^<]*)</argument>")
            .matcher(execution)
            .results()
            .map(m -> m.group(1))
            .dropWhile(a -> !a.endsWith("/kadscope.jar"))
            .skip(1)
            .toList();

    // The two archives are made in two places (the build, the image's run stage); the same
    // workload makes them hold the same classes.
    assertThat(build).isNotEmpty().startsWith("bench", "local");
    assertThat(image).isEqualTo(build);
  }

  /** The text of the Dockerfile's last stage, from its {@code FROM} on. */
  private static String finalStage(Path dockerfile) throws IOException {
    String text = Files.readString(dockerfile);
    return text.substring(text.lastIndexOf("\nFROM "));
  }

  @Test
  void command_replacesTheInImageJarAndJava() {
    DockerfileSpec spec =
        DockerfileSpec.parse(
            """
            FROM x
            ENTRYPOINT ["java", "-jar", "/opt/a.jar"]
            CMD ["--headless", "join"]
            """,
            "t");

    assertThat(spec.command(Map.of("/opt/a.jar", "/b/k.jar", "java", "/jdk/bin/java")))
        .containsExactly("/jdk/bin/java", "-jar", "/b/k.jar", "--headless", "join");
  }

  @Test
  void parse_joinsContinuationsAndDropsCommentLinesInsideThem() {
    DockerfileSpec spec =
        DockerfileSpec.parse(
            """
            # a comment
            from x AS build
            entrypoint ["java", \\
            # a comment inside a continuation, dropped as Docker does
                "-Xss256k", \\
                "-jar", "a.jar"]
            """,
            "t");

    assertThat(spec.entrypoint()).containsExactly("java", "-Xss256k", "-jar", "a.jar");
    assertThat(spec.cmd()).isEmpty();
  }

  @Test
  void parse_keepsOnlyTheFinalStage() {
    DockerfileSpec spec =
        DockerfileSpec.parse(
            """
            FROM maven AS build
            ENV BUILD_ONLY=1
            ENTRYPOINT ["mvn"]
            CMD ["package"]
            FROM jre
            ENV A=1 B="two words" C=
            ENTRYPOINT ["java"]
            """,
            "t");

    assertThat(spec.entrypoint()).containsExactly("java");
    assertThat(spec.cmd()).isEmpty();
    assertThat(spec.env()).isEqualTo(Map.of("A", "1", "B", "two words", "C", ""));
  }

  @Test
  void parse_entrypointResetsAnEarlierCmd() {
    DockerfileSpec spec = DockerfileSpec.parse("FROM x\nCMD [\"a\"]\nENTRYPOINT [\"java\"]\n", "t");

    assertThat(spec.cmd()).isEmpty();
  }

  @Test
  void parse_acceptsTheLegacyEnvForm() {
    assertThat(DockerfileSpec.envPairs("JAVA_OPTS -Xss256k -Xms8m", "t"))
        .isEqualTo(Map.of("JAVA_OPTS", "-Xss256k -Xms8m"));
  }

  @Test
  void parse_rejectsTheShellFormAndNamesTheLine() {
    assertThatThrownBy(
            () -> DockerfileSpec.parse("FROM x\nENTRYPOINT java -jar a.jar\n", "Dockerfile.t"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Dockerfile.t:2")
        .hasMessageContaining("exec (JSON array) form");
  }

  @Test
  void parse_rejectsAFinalStageWithoutEntrypoint() {
    assertThatThrownBy(
            () -> DockerfileSpec.parse("FROM a\nENTRYPOINT [\"java\"]\nFROM b\n", "Dockerfile.t"))
        .hasMessageContaining("Dockerfile.t: the final stage has no ENTRYPOINT");
  }

  @Test
  void parse_readsHealthcheckOptionsThenCmd() {
    DockerfileSpec spec =
        DockerfileSpec.parse(
            "FROM x\nENTRYPOINT [\"java\"]\n"
                + "HEALTHCHECK --interval=30s --timeout=10s CMD [\"java\", \"ping\"]\n",
            "t");

    assertThat(spec.healthcheck()).containsExactly("java", "ping");
  }
}
