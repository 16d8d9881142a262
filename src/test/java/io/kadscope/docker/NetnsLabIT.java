package io.kadscope.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The namespace harness on its own: addresses, names, a datagram to the host, and cleanup. */
class NetnsLabIT {
  private static final Duration T = Duration.ofSeconds(20);
  private static final Map<String, String> ENV = Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");

  private static Path logRoot() {
    return Path.of(System.getProperty("kadscope.basedir", "."), "target", "netns-it");
  }

  @Test
  void namespaces_haveTheirAddressesResolveNamesAndReachTheHost() throws Exception {
    String ns0;
    String bridge;
    try (NetnsLab lab = NetnsLab.open(logRoot())) {
      NetnsLab.Host node0 = lab.addHost("node0");
      NetnsLab.Host node1 = lab.addHost("node1");
      lab.writeHostsFile(node1, List.of("node0"));
      ns0 = node0.namespace();
      bridge = lab.bridge();

      NetnsLab.Result addr = lab.run("node1", List.of("ip", "-o", "-4", "addr", "show"), ENV, T);
      assertThat(addr.output())
          .contains("lo ", "127.0.0.1/8", "eth0", node1.address().getHostAddress() + "/24");

      NetnsLab.Result name = lab.run("node1", List.of("getent", "hosts", "node0"), ENV, T);
      assertThat(name.exitCode()).isZero();
      assertThat(name.output()).startsWith(node0.address().getHostAddress());

      try (DatagramSocket host = new DatagramSocket(new InetSocketAddress(lab.rootAddress(), 0))) {
        host.setSoTimeout((int) T.toMillis());
        String to = "/dev/udp/" + lab.rootAddress().getHostAddress() + "/" + host.getLocalPort();
        NetnsLab.Result sent =
            lab.run("node0", List.of("bash", "-c", "printf hello > " + to), ENV, T);
        assertThat(sent.exitCode()).as(sent.output()).isZero();
        DatagramPacket in = new DatagramPacket(new byte[64], 64);
        host.receive(in);
        assertThat(new String(in.getData(), 0, in.getLength(), StandardCharsets.UTF_8))
            .isEqualTo("hello");
        assertThat(((InetSocketAddress) in.getSocketAddress()).getAddress())
            .isEqualTo(node0.address());
      }
    }
    assertThat(Path.of("/run/netns", ns0)).doesNotExist();
    assertThat(Path.of("/etc/netns", ns0)).doesNotExist();
    assertThat(Files.exists(Path.of("/sys/class/net", bridge))).isFalse();
  }

  @Test
  void open_deletesWhatADeadRunLeftBehind() throws Exception {
    Process done = new ProcessBuilder("true").start();
    done.waitFor();
    String leftover = NetnsLab.PREFIX + done.pid() + "-dead-node0";
    assertThat(new ProcessBuilder("ip", "netns", "add", leftover).inheritIO().start().waitFor())
        .isZero();
    Files.createDirectories(Path.of("/etc/netns", leftover));

    try (NetnsLab lab = NetnsLab.open(logRoot())) {
      assertThat(Path.of("/run/netns", leftover)).doesNotExist();
      assertThat(Path.of("/etc/netns", leftover)).doesNotExist();
    }
  }
}
