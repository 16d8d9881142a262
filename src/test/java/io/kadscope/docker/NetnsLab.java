package io.kadscope.docker;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Docker-like bridge network built from Linux network namespaces, for tests: one Linux bridge,
 * one namespace per "container" joined to it by a veth pair (named {@code eth0} inside), each with
 * its own address in a private /24 picked at random and loopback up, an optional {@code
 * /etc/netns/NAME/hosts} file that {@code ip netns exec} mounts over {@code /etc/hosts}, and an
 * address for the root namespace on the bridge (the host's view of a Docker bridge).
 *
 * <p>Everything it makes carries the prefix {@value #PREFIX} and the id of the JVM that made it, so
 * a later run deletes what a dead run left behind and never touches a live run's network. {@link
 * #close()} (also run by a shutdown hook) kills the processes, deletes the namespaces, links and
 * hosts files; it is safe to call twice.
 *
 * <p>Needs root and iproute2; {@link #open(Path)} fails with an {@link AssertionError} that says so
 * when namespaces cannot be made, so a test built on it never passes or skips silently.
 */
final class NetnsLab implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NetnsLab.class);

  /** The prefix of every namespace name and link alias this class makes. */
  static final String PREFIX = "ksit-";

  private static final Duration IP_TIMEOUT = Duration.ofSeconds(20);
  private static final Path NETNS_ETC = Path.of("/etc/netns");
  private static final Pattern OWNER = Pattern.compile("^" + PREFIX + "(\\d+)-");

  private final String ip;
  private final String runId;
  private final String tag;
  private final String bridge;
  private final int subnet;
  private final Path logDir;
  private final Map<String, Host> hosts = new LinkedHashMap<>();
  private final List<NsProcess> processes = new ArrayList<>();
  private final Thread shutdownHook;
  private boolean closed;

  /** One namespace: its name, the label it was made with, and its address on the bridge. */
  record Host(String label, String namespace, String veth, InetAddress address) {}

  private NetnsLab(String ip, String tag, int subnet, Path logDir) {
    this.ip = ip;
    this.tag = tag;
    this.runId = PREFIX + ProcessHandle.current().pid() + "-" + tag;
    this.bridge = "ksb" + tag;
    this.subnet = subnet;
    this.logDir = logDir;
    this.shutdownHook = new Thread(this::close, "netns-lab-cleanup");
  }

  /**
   * Makes the bridge, after deleting what dead runs of this class left behind. Process output is
   * logged under {@code logDir}.
   *
   * @throws AssertionError when this machine does not allow network namespaces
   */
  static NetnsLab open(Path logDir) {
    String ip = findIp();
    deleteLeftovers(ip);
    String tag = HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt(1 << 16));
    NetnsLab lab = new NetnsLab(ip, tag, freeSubnet(ip), logDir.resolve(tag));
    Runtime.getRuntime().addShutdownHook(lab.shutdownHook);
    try {
      Files.createDirectories(lab.logDir);
      lab.createBridge();
      return lab;
    } catch (IOException e) {
      lab.close();
      throw new UncheckedIOException("cannot create " + lab.logDir, e);
    } catch (RuntimeException | AssertionError e) {
      lab.close();
      throw e;
    }
  }

  /** The address that the root namespace holds on the bridge (a Docker host's bridge address). */
  InetAddress rootAddress() {
    return address(254);
  }

  /** The subnet, as CIDR. */
  String subnet() {
    return "10.77." + subnet + ".0/24";
  }

  String bridge() {
    return bridge;
  }

  /** Folder that holds each process's output. */
  Path logDir() {
    return logDir;
  }

  Host host(String label) {
    Host h = hosts.get(label);
    if (h == null) {
      throw new IllegalArgumentException("no namespace labelled " + label + "; have " + hosts);
    }
    return h;
  }

  /**
   * Adds a namespace on the bridge with the next free address, and a hosts file in which {@code
   * localhost} and its own label resolve (see {@link #writeHostsFile}).
   */
  Host addHost(String label) {
    if (hosts.size() >= 250) {
      throw new IllegalStateException("a /24 holds 250 hosts here");
    }
    int index = hosts.size();
    String ns = runId + "-" + label;
    String veth = "ksv" + tag + index;
    InetAddress addr = address(index + 1);
    Host host = new Host(label, ns, veth, addr);
    hosts.put(label, host);
    ip("netns", "add", ns);
    ip("link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", ns);
    ip("link", "set", "dev", veth, "alias", runId);
    ip("link", "set", "dev", veth, "master", bridge, "up");
    ip("-n", ns, "link", "set", "dev", "lo", "up");
    ip("-n", ns, "addr", "add", addr.getHostAddress() + "/24", "dev", "eth0");
    ip("-n", ns, "link", "set", "dev", "eth0", "up");
    writeHostsFile(host, List.of());
    return host;
  }

  /**
   * Rewrites a host's hosts file, which {@code ip netns exec} mounts over {@code /etc/hosts}: each
   * of {@code names} resolves there to the address of the host with that label, as Docker's DNS
   * resolves a container name on a user-defined network.
   */
  void writeHostsFile(Host host, List<String> names) {
    StringBuilder sb = new StringBuilder("127.0.0.1\tlocalhost\n");
    sb.append(host.address().getHostAddress()).append('\t').append(host.label()).append('\n');
    for (String n : names) {
      sb.append(host(n).address().getHostAddress()).append('\t').append(n).append('\n');
    }
    try {
      Path dir = NETNS_ETC.resolve(host.namespace());
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("hosts"), sb.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the hosts file of " + host.namespace(), e);
    }
  }

  /** Spawns {@code argv} in {@code label}'s namespace with exactly {@code env}, stdin piped. */
  NsProcess start(String label, List<String> argv, Map<String, String> env) {
    return start(label, label, argv, env, false);
  }

  /**
   * Spawns {@code argv} in {@code label}'s namespace through {@code ip netns exec}, with exactly
   * {@code env} (nothing inherited from this JVM, as in a container), stderr merged into stdout.
   * With {@code noInput} its stdin is {@code /dev/null}, as in {@code docker run -d} without {@code
   * -i}.
   */
  NsProcess start(
      String label,
      String processName,
      List<String> argv,
      Map<String, String> env,
      boolean noInput) {
    Host host = host(label);
    List<String> cmd = new ArrayList<>(List.of(ip, "netns", "exec", host.namespace()));
    cmd.addAll(argv);
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).directory(logDir.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    if (noInput) {
      pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    }
    try {
      NsProcess p = new NsProcess(processName, pb.start(), logDir.resolve(processName + ".log"));
      synchronized (this) {
        processes.add(p);
      }
      log.info(
          "{}: started pid {} in {}: {} (env {})",
          processName,
          p.pid(),
          host.namespace(),
          argv,
          env);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + cmd, e);
    }
  }

  /** Runs {@code argv} in a namespace to its end and returns its exit code and output. */
  Result run(String label, List<String> argv, Map<String, String> env, Duration timeout) {
    NsProcess p = start(label, label + "-run" + processes.size(), argv, env, true);
    int code = p.awaitExit(timeout);
    return new Result(code, String.join("\n", p.lines()));
  }

  /** Exit code and output of a command run to its end. */
  record Result(int exitCode, String output) {}

  // ------------------------------------------------------------------ cleanup

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (NsProcess p : processes) {
      if (p.isAlive()) {
        p.stop(Duration.ofSeconds(5));
      }
    }
    for (Host h : hosts.values()) {
      deleteNamespace(ip, h.namespace());
      quietIp(ip, "link", "del", h.veth()); // gone with its namespace, unless that failed midway
    }
    quietIp(ip, "link", "del", bridge);
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // called from the hook itself
    }
    log.info("network {} ({}) removed", runId, subnet());
  }

  /** Kills what still runs in a namespace, deletes it and its /etc/netns folder. */
  private static void deleteNamespace(String ip, String ns) {
    Optional<String> pids = quietIp(ip, "netns", "pids", ns);
    pids.ifPresent(
        out ->
            out.lines()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .forEach(
                    pid ->
                        ProcessHandle.of(Long.parseLong(pid))
                            .ifPresent(
                                ph -> {
                                  ph.destroyForcibly();
                                  ph.onExit()
                                      .orTimeout(5, TimeUnit.SECONDS)
                                      .exceptionally(t -> ph)
                                      .join();
                                })));
    quietIp(ip, "netns", "del", ns);
    deleteTree(NETNS_ETC.resolve(ns));
  }

  /**
   * Deletes the namespaces, links and hosts folders whose name or alias carries this class's prefix
   * and the id of a JVM that is no longer running.
   */
  private static void deleteLeftovers(String ip) {
    String namespaces = quietIp(ip, "netns", "list").orElse("");
    namespaces
        .lines()
        .map(l -> l.split("\\s+")[0])
        .filter(NetnsLab::ownerIsDead)
        .forEach(
            ns -> {
              log.warn("deleting namespace {} left by a run that died", ns);
              deleteNamespace(ip, ns);
            });
    if (Files.isDirectory(NETNS_ETC)) {
      try (Stream<Path> dirs = Files.list(NETNS_ETC)) {
        dirs.filter(d -> ownerIsDead(d.getFileName().toString())).forEach(NetnsLab::deleteTree);
      } catch (IOException e) {
        log.warn("cannot list {}: {}", NETNS_ETC, e.toString());
      }
    }
    // "2: ksb1a2b: <...> ...\    alias ksit-123-1a2b" with -o: one line per link.
    Pattern link = Pattern.compile("^\\d+: ([^:@]+)[:@].*alias (" + PREFIX + "\\S+)");
    for (String line : quietIp(ip, "-o", "link", "show").orElse("").lines().toList()) {
      Matcher m = link.matcher(line);
      if (m.find() && ownerIsDead(m.group(2))) {
        log.warn("deleting link {} left by a run that died", m.group(1));
        quietIp(ip, "link", "del", m.group(1));
      }
    }
  }

  private static boolean ownerIsDead(String name) {
    Matcher m = OWNER.matcher(name);
    if (!m.find()) {
      return false;
    }
    long pid = Long.parseLong(m.group(1));
    return pid != ProcessHandle.current().pid()
        && ProcessHandle.of(pid).map(ph -> !ph.isAlive()).orElse(true);
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      log.warn("cannot delete {}: {}", dir, e.toString());
    }
  }

  // ------------------------------------------------------------------ setup

  private void createBridge() {
    ip("link", "add", "name", bridge, "type", "bridge");
    ip("link", "set", "dev", bridge, "alias", runId);
    ip("addr", "add", rootAddress().getHostAddress() + "/24", "dev", bridge);
    ip("link", "set", "dev", bridge, "up");
    log.info(
        "network {}: bridge {} with {} (root namespace {})",
        runId,
        bridge,
        subnet(),
        rootAddress().getHostAddress());
  }

  /** A /24 in 10.77.0.0/16 that no address of the root namespace lies in yet. */
  private static int freeSubnet(String ip) {
    String addrs = quietIp(ip, "-o", "-4", "addr", "show").orElse("");
    for (int attempt = 0; attempt < 50; attempt++) {
      int third = 1 + ThreadLocalRandom.current().nextInt(250);
      if (!addrs.contains(" 10.77." + third + ".")) {
        return third;
      }
    }
    throw new AssertionError("no free /24 in 10.77.0.0/16 for a test network:\n" + addrs);
  }

  private InetAddress address(int last) {
    try {
      return InetAddress.getByAddress(new byte[] {10, 77, (byte) subnet, (byte) last});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Finds {@code ip}, and checks that a namespace can be made. */
  private static String findIp() {
    String ip =
        Stream.concat(
                Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)),
                Stream.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"))
            .filter(d -> !d.isEmpty())
            .map(d -> Path.of(d, "ip"))
            .filter(Files::isExecutable)
            .map(Path::toString)
            .findFirst()
            .orElseThrow(
                () ->
                    new AssertionError(
                        "network namespaces are not available: the `ip` command (Debian package"
                            + " iproute2) is not installed. This test builds a Docker-like bridge"
                            + " network from namespaces and cannot run without it."));
    String probe = PREFIX + ProcessHandle.current().pid() + "-probe";
    Run r = exec(List.of(ip, "netns", "add", probe));
    if (r.code() != 0) {
      throw new AssertionError(
          "network namespaces are not available: `ip netns add "
              + probe
              + "` failed with exit "
              + r.code()
              + ": "
              + r.output().strip()
              + ". This test must run as root (or with CAP_SYS_ADMIN and CAP_NET_ADMIN) on a"
              + " Linux kernel that allows network namespaces; user "
              + System.getProperty("user.name")
              + " could not make one.");
    }
    exec(List.of(ip, "netns", "del", probe));
    return ip;
  }

  /** Runs {@code ip ARGS}, failing the test when it fails. */
  private void ip(String... args) {
    List<String> cmd = new ArrayList<>(List.of(ip));
    cmd.addAll(List.of(args));
    Run r = exec(cmd);
    if (r.code() != 0) {
      throw new AssertionError(
          "`"
              + String.join(" ", cmd)
              + "` failed with exit "
              + r.code()
              + ": "
              + r.output().strip());
    }
  }

  /** Runs {@code ip ARGS} and returns its output, or empty when it failed (logged at debug). */
  private static Optional<String> quietIp(String ip, String... args) {
    List<String> cmd = new ArrayList<>(List.of(ip));
    cmd.addAll(List.of(args));
    Run r = exec(cmd);
    if (r.code() != 0) {
      log.debug("`{}` failed ({}): {}", String.join(" ", cmd), r.code(), r.output().strip());
      return Optional.empty();
    }
    return Optional.of(r.output());
  }

  private record Run(int code, String output) {}

  private static Run exec(List<String> cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(IP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        return new Run(-1, "timed out after " + IP_TIMEOUT.toMillis() + " ms");
      }
      return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new Run(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Run(-1, "interrupted");
    }
  }
}
