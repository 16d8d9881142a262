package io.kadscope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code kadscope} script at the root of the project, as a user runs it from a clone: it finds
 * the jar next to it, starts it with its JVM flags, and hands every argument to KadScope.
 */
class LauncherScriptIT {
  private static Path script;

  @BeforeAll
  static void onlyAgainstTheJarJustPackaged() {
    assumeTrue(
        System.getProperty("kadscope.jar") != null,
        "process-level tests run in failsafe (mvn verify), against the jar just packaged");
    Path base = Path.of(System.getProperty("kadscope.basedir", System.getProperty("user.dir")));
    script = base.resolve("kadscope");
  }

  private record Run(int exit, String out) {}

  private static Run run(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    return runScript(script, env, args);
  }

  private static Run runScript(Path script, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("sh", script.toString()));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile("kadscope-script", ".out");
    try {
      ProcessBuilder pb =
          new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
      pb.environment().remove("KADSCOPE_JAVA_OPTS");
      pb.environment().remove("JAVA_OPTS");
      pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
      pb.environment().putAll(env);
      Process p = pb.start();
      p.getOutputStream().close();
      boolean ended = p.waitFor(120, TimeUnit.SECONDS);
      if (!ended) {
        p.destroyForcibly();
      }
      String text = Files.readString(out, StandardCharsets.UTF_8);
      assertThat(ended).as("the script ends; it printed: " + text).isTrue();
      return new Run(p.exitValue(), text);
    } finally {
      Files.deleteIfExists(out);
    }
  }

  @Test
  void runsTheWorkloadItIsGiven() throws Exception {
    Run r = run(Map.of(), "bench", "local", "--nodes", "8", "--keys", "5", "--concurrency", "2");

    assertThat(r.exit()).as(r.out()).isZero();
    assertThat(r.out()).contains("\"nodes\":8").contains("\"get_hits\":5");
  }

  @Test
  void startsTheJvmWithItsFlagsAndThenTheUsersOptions() throws Exception {
    Run r = run(Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags"), "--version");

    assertThat(r.exit()).as(r.out()).isZero();
    assertThat(r.out())
        .contains("-XX:FreqInlineSize=80")
        .contains("-XX:InlineSmallCode=1000")
        .contains("-XX:+UseParallelGC");
  }

  @Test
  void theUsersOptionsComeLastSoTheyWin() throws Exception {
    // the JVM takes the last of two values given for one flag
    Run r =
        run(Map.of("JAVA_OPTS", "-XX:FreqInlineSize=100 -XX:+PrintCommandLineFlags"), "--version");

    assertThat(r.exit()).as(r.out()).isZero();
    assertThat(r.out()).contains("-XX:FreqInlineSize=100").doesNotContain("-XX:FreqInlineSize=80");
  }

  @Test
  void kadscopeJavaOptsReplacesItsFlags() throws Exception {
    Run r =
        run(
            Map.of("KADSCOPE_JAVA_OPTS", "-XX:+UseSerialGC -XX:+PrintCommandLineFlags"),
            "--version");

    assertThat(r.exit()).as(r.out()).isZero();
    assertThat(r.out())
        .contains("-XX:+UseSerialGC")
        .doesNotContain("FreqInlineSize")
        .doesNotContain("InlineSmallCode")
        .doesNotContain("UseParallelGC");
  }

  @Test
  void startsFromTheClassArchiveTheBuildMade() throws Exception {
    Run r = run(Map.of("JAVA_OPTS", "-Xlog:class+load=info"), "--version");

    assertThat(r.exit()).as(r.out()).isZero();
    // the launcher's own class comes from the archive, not from the jar
    assertThat(r.out())
        .contains("io.kadscope.Launcher source: shared objects file (top)")
        .doesNotContain("io.kadscope.Launcher source: file:");
  }

  @Test
  void kadscopeCdsOffStartsWithoutTheArchive() throws Exception {
    Run r = run(Map.of("KADSCOPE_CDS", "off", "JAVA_OPTS", "-Xlog:class+load=info"), "--version");

    assertThat(r.exit()).as(r.out()).isZero();
    assertThat(r.out()).doesNotContain("shared objects file (top)");
  }

  @Test
  void anArchiveThatDoesNotFitIsLeftOutSilently(@TempDir Path dir) throws Exception {
    // a copy of the project whose archive was made for another jar (the build's, at its own
    // path), newer than the jar beside it: the JVM refuses it and would say so; the peer starts as
    // without it, and says nothing of it
    Path built = Path.of(System.getProperty("kadscope.jar"));
    Path copy = Files.copy(script, dir.resolve("kadscope"));
    Path target = Files.createDirectories(dir.resolve("target"));
    Path jar = Files.copy(built, target.resolve("kadscope.jar"));
    Path archive = Files.copy(built.resolveSibling("kadscope.jsa"), target.resolve("kadscope.jsa"));
    Files.setLastModifiedTime(
        archive, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));

    Run r = runScript(copy, Map.of(), "--version");

    assertThat(r.exit()).as(r.out()).isZero();
    assertThat(r.out()).startsWith("KadScope ").doesNotContainIgnoringCase("warning");
  }

  @Test
  void findsTheJarThroughALinkToTheScript(@TempDir Path dir) throws Exception {
    // a link on the user's PATH to the script, and a relative link to that link
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Files.createSymbolicLink(bin.resolve("kadscope"), script.toAbsolutePath());
    Path other = Files.createDirectories(dir.resolve("other"));
    Files.createSymbolicLink(other.resolve("ks"), Path.of("..", "bin", "kadscope"));

    for (Path link : List.of(bin.resolve("kadscope"), other.resolve("ks"))) {
      Run r = runScript(link, Map.of(), "--version");

      assertThat(r.exit()).as(link + ": " + r.out()).isZero();
      assertThat(r.out()).as(link.toString()).startsWith("KadScope ");
    }
  }

  @Test
  void saysHowToBuildTheJarWhenThereIsNone(@TempDir Path dir) throws Exception {
    // the script of a fresh clone, before any build: no target/ beside it
    Path copy = Files.copy(script, dir.resolve("kadscope"));

    Run r = runScript(copy, Map.of(), "--version");

    assertThat(r.exit()).as(r.out()).isEqualTo(2);
    assertThat(r.out())
        .contains(dir.resolve("target").resolve("kadscope.jar") + " not found")
        .contains("mvn -B package -DskipTests");
  }

  @Test
  void theScriptIsInTheProjectAndExecutable() {
    assertThat(Files.isExecutable(script)).as(script + " is executable").isTrue();
  }
}
