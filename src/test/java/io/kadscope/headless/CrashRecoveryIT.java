package io.kadscope.headless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kadscope.engine.NodeId;
import io.kadscope.engine.NodeState;
import io.kadscope.engine.store.StoredValue;
import io.kadscope.persist.StateCodec;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A headless peer that saves its state every 20 ms is killed with SIGKILL again and again while it
 * stores values and saves them, and started again on the same state file: each time the file holds
 * a complete state (the last save, or the one before), the peer comes back with its id, its values
 * and its contact, the temporary file of an interrupted save is gone, and no good file is ever set
 * aside as corrupt.
 */
class CrashRecoveryIT {
  private static final String LISTENING = "^Node ([0-9a-f]{40}) listening on 0\\.0\\.0\\.0:(\\d+)";
  private static final Logger log = LoggerFactory.getLogger(CrashRecoveryIT.class);
  private static final int KILLS = 6;
  private static final int KEYS_PER_ROUND = 8;

  /** Values of a kilobyte make each save long enough that some kills land inside one. */
  private static final String FILLER = "x".repeat(1000);

  @TempDir Path dir;

  @BeforeAll
  static void onlyAgainstTheJarJustPackaged() {
    assumeTrue(
        System.getProperty("kadscope.jar") != null,
        "process-level tests run in failsafe (mvn verify), against the jar just packaged");
  }

  @Test
  void aPeerKilledMidWork_comesBackFromItsLastSave_withNoTemporaryOrCorruptFileLeft()
      throws Exception {
    Path state = dir.resolve("peer.json");
    String file = Pattern.quote(state.toString());
    Random random = new Random(9);
    int interrupted = 0;
    try (PeerProcess seed = PeerProcess.start("seed", "--headless", "create", "0")) {
      int seedPort = Integer.parseInt(seed.awaitOut(LISTENING).group(2));
      String seedAddress = "127\\.0\\.0\\.1:" + seedPort;
      String id = null;
      int confirmed = 0;
      for (int round = 0; round <= KILLS; round++) {
        boolean last = round == KILLS;
        List<String> args =
            new ArrayList<>(
                round == 0
                    ? List.of("--headless", "join", "127.0.0.1", "" + seedPort, "0")
                    : List.of("--headless", "create", "0"));
        args.addAll(List.of("--state", state.toString(), "--save-every", "0.02"));
        try (PeerProcess p = PeerProcess.start("peer-" + round, args.toArray(String[]::new))) {
          Matcher m = p.awaitOut(LISTENING + (round == 0 ? "" : " \\(restored from " + file));
          if (round == 0) {
            id = m.group(1);
            p.awaitOut("^Joined the network through " + seedAddress + ": 1 contact\\.");
          } else {
            // The contact comes back from the file alone: no seed is named on this command line.
            assertThat(m.group(1)).as("the id after restart " + round).isEqualTo(id);
            p.awaitOut("^Joining through 1 saved contact \\(" + seedAddress + "\\) \\.\\.\\.$");
            p.awaitOut("^Joined the network through 1 saved contact .*: 1 contact\\.");
            assertThat(temporaryFiles(p.pid()))
                .as("temporary files of the killed peer after restart " + round)
                .isEmpty();
            p.send("info");
            Matcher stored = p.awaitOut("^stored    (\\d+) values?$");
            assertThat(Integer.parseInt(stored.group(1)))
                .as("values back after restart " + round)
                .isGreaterThanOrEqualTo(confirmed);
            p.send("get key-0");
            p.awaitOut("^Received value value-0-x{1000}$");
          }
          if (last) {
            p.send("q");
            assertThat(p.awaitExit()).as("exit code of q").isZero();
            break;
          }

          for (int i = confirmed; i < confirmed + KEYS_PER_ROUND; i++) {
            p.send("set key-" + i + " " + value(i));
            p.awaitOut("^Stored key-" + i + " on 1 of the 1 closest peers and here$");
          }
          confirmed += KEYS_PER_ROUND;
          p.awaitErr("State saved to " + file + " \\(1 contacts, " + confirmed + " values\\)$");

          // More work in flight, then SIGKILL at a moment of the seeded random's choosing: the
          // peer saves every 20 ms, so the kill falls before, in or after a save.
          for (int i = confirmed; i < confirmed + KEYS_PER_ROUND; i++) {
            p.send("set key-" + i + " " + value(i));
          }
          Thread.sleep(random.nextInt(60));
          p.signal("KILL");
          assertThat(p.awaitExit()).as("exit code of SIGKILL").isEqualTo(137);
        }

        if (!temporaryFiles(-1).isEmpty()) {
          interrupted++;
        }
        NodeState saved = read(state);
        assertThat(saved.id().toHex()).isEqualTo(id);
        assertThat(saved.contacts())
            .as("contacts in the file after kill " + round)
            .singleElement()
            .satisfies(c -> assertThat(c.address().getPort()).isEqualTo(seedPort));
        Set<String> keys =
            saved.values().stream().map(v -> v.key().toHex()).collect(Collectors.toSet());
        for (int i = 0; i < confirmed; i++) {
          assertThat(keys).as("key-" + i + " in the file after kill " + round).contains(hex(i));
        }
        for (StoredValue v : saved.values()) {
          assertThat(v.value().display()).startsWith("value-").endsWith(FILLER);
        }
        assertThat(corruptFiles()).as("files set aside as corrupt").isEmpty();
      }
      seed.send("q");
      assertThat(seed.awaitExit()).isZero();
    }
    assertThat(temporaryFiles(-1)).as("temporary files after the last, clean stop").isEmpty();
    assertThat(corruptFiles()).as("files set aside as corrupt").isEmpty();
    assertThat(read(state).values()).hasSizeGreaterThanOrEqualTo(KILLS * KEYS_PER_ROUND);
    log.info("{} of {} kills left the temporary file of a save behind", interrupted, KILLS);
  }

  private static String value(int i) {
    return "value-" + i + "-" + FILLER;
  }

  private static String hex(int i) {
    return NodeId.ofKey("key-" + i).toHex();
  }

  private static NodeState read(Path state) throws Exception {
    try (Reader r = Files.newBufferedReader(state)) {
      return new StateCodec().read(r);
    }
  }

  private List<String> listing() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  /** The temporary files of saves, but those of the running process {@code running}. */
  private List<String> temporaryFiles(long running) throws Exception {
    String own = ".saving-" + running + "-";
    return listing().stream().filter(n -> n.endsWith(".tmp") && !n.contains(own)).toList();
  }

  private List<String> corruptFiles() throws Exception {
    return listing().stream().filter(n -> n.contains(".corrupt-")).toList();
  }
}
