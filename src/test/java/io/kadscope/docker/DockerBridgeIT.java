package io.kadscope.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.KademliaNode;
import io.kadscope.engine.NodeFactory;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.Value;
import io.kadscope.transport.UdpNodeFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proof that the peers of {@code Dockerfile.headless} form a network as docs/p2p_setup.md sets them
 * up, without a Docker engine: each "container" is a network namespace on a Linux bridge (see
 * {@link NetnsLab}), and each runs the very command that the Dockerfile's ENTRYPOINT and CMD give,
 * with the image's ENV, the in-image jar mapped to the built one, and {@code P2P_REMOTE_HOST} set
 * by name (a per-namespace hosts file, as Docker's DNS) or by address.
 *
 * <p>The steps share one network and run in order; each waits for the line it expects on a peer's
 * output, with a timeout, rather than sleeping. Peers use the CLI's defaults (port 7123, a 5 s RPC
 * timeout), so the steps after the seed's death include waits for its requests to time out.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DockerBridgeIT {
  private static final Logger log = LoggerFactory.getLogger(DockerBridgeIT.class);

  /** The port every peer listens on: the image's default, as in a container. */
  static final int PORT = 7123;

  private static final Duration START = Duration.ofSeconds(40);
  private static final Duration JOIN = Duration.ofSeconds(40);
  private static final Duration ANSWER = Duration.ofSeconds(30);

  static final Pattern CREATED = Pattern.compile("Created a new network");
  static final Pattern JOINED = Pattern.compile("Joined the network through (\\S+): ");
  static final Pattern INPUT_CLOSED = Pattern.compile("Input closed");
  static final Pattern RECEIVED = Pattern.compile("^Received value (.*)$");

  static Pattern stored(String key) {
    return Pattern.compile("^Stored " + Pattern.quote(key) + " on ");
  }

  /** Values set on the peers' consoles before the seed dies: key, value, peer that set it. */
  private static final List<String[]> VALUES =
      List.of(
          new String[] {"greeting", "hello from node3", "node3"},
          new String[] {"seed-note", "set on the seed before it died", "node0"},
          new String[] {"course", "P2P exercise 4", "node1"});

  private DockerfileSpec image;
  private Map<String, String> replacements;
  private Path archive;
  private NetnsLab lab;
  private final Map<String, NsProcess> peers = new LinkedHashMap<>();

  @BeforeAll
  void startSixPeers() {
    Path basedir = Path.of(System.getProperty("kadscope.basedir", System.getProperty("user.dir")));
    Path jar = Path.of(requiredProperty("kadscope.jar"));
    assertThat(jar).as("the jar built by `mvn package`").isRegularFile();
    image = DockerfileSpec.read(basedir.resolve("Dockerfile.headless"));
    String imageJar =
        image
            .jarPath()
            .orElseThrow(() -> new AssertionError("Dockerfile.headless runs no `java -jar JAR`"));
    // the image's class-data archive is the one the build made from this jar, with this JVM
    archive = jar.resolveSibling("kadscope.jsa");
    replacements =
        Map.of(
            imageJar,
            jar.toAbsolutePath().toString(),
            "java",
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:SharedArchiveFile=/opt/kadscope/kadscope.jsa",
            "-XX:SharedArchiveFile=" + archive.toAbsolutePath());
    log.info("image command: {} -> {}", image.runCommand(), image.command(replacements));

    lab = NetnsLab.open(basedir.resolve("target").resolve("netns-it"));
    log.info("peer output goes to {}", lab.logDir());
    // node0 creates (P2P_REMOTE_HOST empty, as the image sets it); the others join it by name
    // (Docker's DNS: a hosts file here) or by address, as docs/p2p_setup.md steps 3 and 4 do.
    for (int i = 0; i <= 6; i++) {
      lab.addHost("node" + i);
    }
    for (int i = 1; i <= 6; i++) {
      lab.writeHostsFile(lab.host("node" + i), List.of("node0", "node2"));
    }
    String seedAddress = address("node0");

    NsProcess node0 = startPeer("node0", null, false);
    node0.awaitLine(CREATED, START);

    Map<String, String> joinThrough = new LinkedHashMap<>();
    joinThrough.put("node1", "node0");
    joinThrough.put("node2", seedAddress);
    joinThrough.put("node3", "node0");
    joinThrough.put("node4", seedAddress);
    joinThrough.put("node5", "node0");
    // node4 as `docker run -d` without -i: no terminal, input closed.
    joinThrough.forEach((label, seed) -> startPeer(label, seed, label.equals("node4")));
    for (var e : joinThrough.entrySet()) {
      Matcher joined = peers.get(e.getKey()).awaitLine(JOINED, JOIN);
      String through = joined.group(1);
      // By name: "node0/10.77.x.1:7123", resolved through the hosts file; by address:
      // "10.77.x.1:7123".
      assertThat(through)
          .as(e.getKey() + " joined through")
          .isEqualTo(
              e.getValue().equals("node0")
                  ? "node0/" + seedAddress + ":" + PORT
                  : seedAddress + ":" + PORT);
    }
  }

  @AfterAll
  void removeTheNetwork() {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  @Order(1)
  void sixPeers_aValueSetOnNode3sConsole_isReadOnNode5sConsole() {
    for (String[] v : VALUES) {
      NsProcess setter = peers.get(v[2]);
      setter.send("set " + v[0] + " " + v[1]);
      setter.awaitLine(stored(v[0]), ANSWER);
    }

    NsProcess node5 = peers.get("node5");
    node5.send("get greeting");
    assertThat(node5.awaitLine(RECEIVED, ANSWER).group(1)).isEqualTo("hello from node3");
    // docs/p2p_setup.md step 5: `docker logs` tells which peers stored it.
    node5.awaitLineAnywhere(
        Pattern.compile("stored key " + NodeId.ofKey("greeting").toHex() + " = hello from node3"),
        ANSWER);
  }

  @Test
  @Order(2)
  void seedKilled_aNewcomerJoinsThroughNode2_andReadsEveryValueSetBefore() {
    peers.get("node0").kill(); // SIGKILL: no goodbye, as when a host dies

    NsProcess node6 = startPeer("node6", "node2", false);
    assertThat(node6.awaitLine(JOINED, JOIN).group(1)).startsWith("node2");

    for (String[] v : VALUES) {
      node6.send("get " + v[0]);
      assertThat(node6.awaitLine(RECEIVED, ANSWER).group(1)).as("get " + v[0]).isEqualTo(v[1]);
    }
  }

  @Test
  @Order(3)
  void healthcheck_answersZeroForALivePeer_andNonZeroForTheDeadSeed() {
    List<String> check = image.healthcheckCommand(replacements);
    assertThat(check).as("Dockerfile.headless HEALTHCHECK").isNotEmpty();

    NetnsLab.Result live = lab.run("node3", check, containerEnv("node3", null), ANSWER);
    assertThat(live.exitCode()).as("healthcheck of node3:\n" + live.output()).isZero();
    assertThat(live.output()).contains("pong");

    // The same check with -Xshare:on, under which the JVM refuses to start unless it can map the
    // class-data archive the command names: the image's flags start it from the archive. (A build
    // packaged with -Dkadscope.cds.skip=true has none to map.)
    if (Files.isRegularFile(archive)) {
      List<String> shared = new ArrayList<>(check);
      shared.add(1, "-Xshare:on");
      NetnsLab.Result fromArchive = lab.run("node3", shared, containerEnv("node3", null), ANSWER);
      assertThat(fromArchive.exitCode())
          .as("healthcheck of node3 with -Xshare:on:\n" + fromArchive.output())
          .isZero();
    } else {
      log.info("no class-data archive at {}: the check with -Xshare:on is left out", archive);
    }

    NetnsLab.Result dead = lab.run("node0", check, containerEnv("node0", null), ANSWER);
    assertThat(dead.exitCode())
        .as("healthcheck of the killed node0:\n" + dead.output())
        .isNotZero();
    assertThat(dead.output()).contains("127.0.0.1:" + PORT);
  }

  @Test
  @Order(4)
  void visualiserNode_inTheRootNamespace_joinsThePeersByBridgeAddress_andReadsAValue()
      throws Exception {
    // The GUI embeds a KademliaNode from this factory; the root namespace plays the Linux host,
    // which reaches the containers' bridge addresses directly (docs/p2p_setup.md step 11).
    try (NodeFactory factory = new UdpNodeFactory()) {
      KademliaNode gui = factory.create(new InetSocketAddress(lab.rootAddress(), 0));
      gui.start();
      try {
        int contacts =
            gui.bootstrap(List.of(new InetSocketAddress(lab.host("node1").address(), PORT)))
                .get(JOIN.toSeconds(), TimeUnit.SECONDS);
        assertThat(contacts).as("contacts after joining through node1").isGreaterThanOrEqualTo(5);
        assertThat(gui.get("greeting").get(ANSWER.toSeconds(), TimeUnit.SECONDS))
            .contains(Value.of("hello from node3"));
      } finally {
        gui.stop();
      }
    }
  }

  @Test
  @Order(5)
  void detachedPeer_withNoTerminalAndClosedInput_stillAnswersAfterTheOtherSteps() {
    NsProcess node4 = peers.get("node4");
    assertThat(node4.lines()).anyMatch(l -> INPUT_CLOSED.matcher(l).find());
    assertThat(node4.isAlive())
        .as(
            () ->
                "node4 still running, but it ended"
                    + node4.exitDescription()
                    + "\n"
                    + node4.tail(20))
        .isTrue();

    List<String> ping = new ArrayList<>(image.healthcheckCommand(replacements));
    // The same ping command, sent to node4 from another container by address.
    ping.set(ping.size() - 2, address("node4"));
    NetnsLab.Result r = lab.run("node5", ping, containerEnv("node5", null), ANSWER);
    assertThat(r.exitCode()).as("ping node4:\n" + r.output()).isZero();
  }

  // ------------------------------------------------------------------ helpers

  /** Starts the image's command in {@code label}'s namespace, as {@code docker run}. */
  private NsProcess startPeer(String label, String remoteHost, boolean detached) {
    NsProcess p =
        lab.start(
            label, label, image.command(replacements), containerEnv(label, remoteHost), detached);
    peers.put(label, p);
    return p;
  }

  /**
   * The environment a container gets: a PATH, its host name, the image's ENV, and {@code -e
   * P2P_REMOTE_HOST=...} when given. Nothing else leaks in from this JVM's environment.
   */
  private Map<String, String> containerEnv(String label, String remoteHost) {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    env.put("HOSTNAME", label);
    env.put("HOME", lab.logDir().toString());
    env.putAll(image.env());
    if (remoteHost != null) {
      env.put("P2P_REMOTE_HOST", remoteHost);
    }
    return env;
  }

  private String address(String label) {
    InetAddress a = lab.host(label).address();
    return a.getHostAddress();
  }

  private static String requiredProperty(String name) {
    String v = System.getProperty(name);
    if (v == null || v.isBlank() || !Files.exists(Path.of(v))) {
      throw new AssertionError(
          "system property "
              + name
              + " must name the built jar (failsafe sets it after `mvn package`), found "
              + v);
    }
    return v;
  }
}
