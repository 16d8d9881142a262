package io.kadscope.headless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kadscope.krpc.Id160;
import io.kadscope.mainline.LibtorrentSwarm;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar kadscope.jar --headless --protocol mainline join} as a user meets it, in a
 * private DHT of eight libtorrent sessions on 127.0.0.1 (test resource mainline/lt_swarm.py): the
 * console's put, get, announce and peers, each checked from libtorrent's side or against it.
 * Skipped, saying why, where {@code python3 -c "import libtorrent"} fails.
 */
class MainlinePeerIT {
  private static final String LISTENING =
      "^Node ([0-9a-f]{40}) listening on 127\\.0\\.0\\.1:(\\d+) \\(BitTorrent DHT\\)";

  private static LibtorrentSwarm swarm;
  private final SplittableRandom random = new SplittableRandom();

  @BeforeAll
  static void startSwarm() throws Exception {
    assumeTrue(
        System.getProperty("kadscope.jar") != null,
        "process-level tests run in failsafe (mvn verify), against the jar just packaged");
    assumeTrue(LibtorrentSwarm.available(), LibtorrentSwarm.unavailableReason());
    swarm = LibtorrentSwarm.start(8);
    swarm.waitFormed();
  }

  @AfterAll
  static void stopSwarm() {
    if (swarm != null) {
      swarm.close();
    }
  }

  @Test
  void theConsole_putsGetsAnnouncesAndFindsPeers_withLibtorrent() throws Exception {
    LibtorrentSwarm.Session seed = swarm.session(0);
    try (PeerProcess p =
        PeerProcess.start(
            "mainline",
            "--headless",
            "--protocol",
            "mainline",
            "--bind",
            "127.0.0.1",
            "join",
            "127.0.0.1",
            "" + seed.port(),
            "0")) {
      Matcher listening = p.awaitOut(LISTENING);
      Id160 id = Id160.fromHex(listening.group(1));
      int port = Integer.parseInt(listening.group(2));
      p.awaitOut("^Joined the BitTorrent DHT through 127\\.0\\.0\\.1:" + seed.port() + ": \\d+");

      // put here, get there
      String ours = "from the console " + random.nextInt();
      p.send("put " + ours);
      Matcher stored = p.awaitOut("^Stored item ([0-9a-f]{40}) on ([1-9]\\d*) peers$");
      assertThat(swarm.getImmutable(3, Id160.fromHex(stored.group(1)))).contains(ours);

      // put there, get here
      String theirs = "from libtorrent " + random.nextInt();
      Id160 target = swarm.putImmutable(5, theirs);
      p.send("get " + target.toHex());
      p.awaitOut("^Received value \\Q" + theirs + "\\E$");

      // announce here, found there
      Id160 ih = Id160.random(random);
      p.send("announce " + ih.toHex() + " 0");
      p.awaitOut("^Announced " + ih.toHex() + " on [1-9]\\d* peers$");
      List<InetSocketAddress> found = swarm.getPeers(6, ih, 1);
      assertThat(found).extracting(InetSocketAddress::getPort).contains(port);

      // announced there, found here
      Id160 theirHash = Id160.random(random);
      int theirPort = swarm.announce(2, theirHash);
      assertThat(swarm.getPeers(7, theirHash, 1)).isNotEmpty();
      // libtorrent's announce lands asynchronously: ask again until it shows, within a deadline
      String wanted = "127.0.0.1:" + theirPort;
      long deadline = System.nanoTime() + PeerProcess.WAIT.toNanos();
      String peers;
      do {
        p.send("peers " + theirHash.toHex());
        peers = p.awaitOut("^Peers " + theirHash.toHex() + ": (.*)$").group(1);
      } while (!List.of(peers.split(" ")).contains(wanted) && System.nanoTime() < deadline);
      assertThat(peers.split(" ")).contains(wanted);

      assertThat(swarm.awaitInTable(4, id)).isNotEmpty();
      p.send("q");
      p.awaitOut("^Stopped\\.$");
      assertThat(p.awaitExit()).isZero();
    }
  }
}
