package io.kadscope.persist;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.NodeState;
import io.kadscope.engine.Value;
import io.kadscope.engine.store.StoredValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * State files written by earlier releases (test resources {@code persist/*.json}, each written by
 * that release's own code) still load, field for field.
 */
class EarlierStateFilesTest {
  /** Written by KadScope 0.1.0: held values and values published elsewhere. */
  private static final String V1 = "/persist/state-v1.json";

  /** Written before values published elsewhere were saved: no {@code published} member. */
  private static final String V1_BEFORE_PUBLISHED = "/persist/state-v1-before-published.json";

  private static final Instant T = Instant.parse("2025-03-01T12:34:56.123456789Z");

  private final StateCodec codec = new StateCodec();

  @Test
  void v1File_loadsItsIdAndContactsOnIpv4AndIpv6() throws Exception {
    NodeState state = read(V1);

    assertThat(state.id()).isEqualTo(NodeId.ofKey("kadscope-0.1.0 state file"));
    assertThat(state.contacts())
        .containsExactly(
            contact("peer-ipv4", "10.0.0.2", 7123),
            contact("peer-loopback", "127.0.0.1", 40001),
            contact("peer-ipv6", "fd00::2", 7124),
            contact("peer-ipv6-loopback", "::1", 65535));
  }

  @Test
  void v1File_loadsHeldValuesOfEveryTypeWithTheirTimestampsAndOrigin() throws Exception {
    List<StoredValue> values = read(V1).values();

    assertThat(values).containsExactlyElementsOf(heldValues());
    // Value.Float's equality treats every NaN alike and tells -0.0 from 0.0; check the bits too.
    assertThat(floatBits(values, "float-nan")).isEqualTo(Double.doubleToRawLongBits(Double.NaN));
    assertThat(floatBits(values, "float-negative-zero"))
        .isEqualTo(Double.doubleToRawLongBits(-0.0));
  }

  @Test
  void v1File_loadsValuesPublishedElsewhereApartFromHeldOnes() throws Exception {
    assertThat(read(V1).published())
        .containsExactly(
            new StoredValue(
                NodeId.ofKey("published-str"),
                Value.of("held by others"),
                T,
                true,
                T.plusSeconds(3600)),
            new StoredValue(
                NodeId.ofKey("published-int"), new Value.Int(42), T, true, T.plusMillis(1)));
  }

  @Test
  void v1FileWithoutPublished_loadsAsHavingPublishedNothingElsewhere() throws Exception {
    NodeState state = read(V1_BEFORE_PUBLISHED);

    assertThat(state.id()).isEqualTo(NodeId.ofKey("kadscope-0.1.0 state file"));
    assertThat(state.contacts()).hasSize(4);
    assertThat(state.values()).containsExactlyElementsOf(heldValues());
    assertThat(state.published()).isEmpty();
  }

  @Test
  void v1File_isWrittenBackByteForByte() throws Exception {
    String file = text(V1);
    StringWriter out = new StringWriter();

    codec.write(codec.read(new StringReader(file)), out);

    assertThat(out.toString()).isEqualTo(file);
  }

  @Test
  void v1File_loadsThroughStateFileWithoutBeingMovedAside(@TempDir Path dir) throws Exception {
    Path path = dir.resolve("node.json");
    Files.writeString(path, text(V1), StandardCharsets.UTF_8);

    NodeState state = new StateFile(path).load().orElseThrow();

    assertThat(state.values()).hasSize(heldValues().size());
    assertThat(path).exists();
  }

  private static List<StoredValue> heldValues() {
    return List.of(
        held("greeting", Value.of("hello world"), 0, true, T.plusSeconds(60)),
        held("deleted", Value.of(""), 1, false, T),
        held("unicode", Value.of("ünïcødé \"quoted\" <tag> \n newline"), 2, false, T),
        held("bytes", new Value.Bin(new byte[] {0, 1, (byte) 0xff, 127, -128}), 3, true, T),
        held("no-bytes", new Value.Bin(new byte[0]), 4, false, T),
        held("int-max", new Value.Int(Long.MAX_VALUE), 5, false, T),
        held("int-min", new Value.Int(Long.MIN_VALUE), 6, false, T),
        held("int-past-double", new Value.Int(9_007_199_254_740_993L), 7, false, T),
        held("float", new Value.Float(0.1), 8, true, T),
        held("float-negative-zero", new Value.Float(-0.0), 9, false, T),
        held("float-nan", new Value.Float(Double.NaN), 10, false, T),
        held("float-infinity", new Value.Float(Double.POSITIVE_INFINITY), 11, false, T),
        held("float-minus-infinity", new Value.Float(Double.NEGATIVE_INFINITY), 12, false, T),
        held("float-max", new Value.Float(Double.MAX_VALUE), 13, false, T),
        held("float-min", new Value.Float(Double.MIN_VALUE), 14, false, T),
        held("true", new Value.Bool(true), 15, false, T),
        new StoredValue(
            NodeId.ofKey("false"),
            new Value.Bool(false),
            Instant.parse("2025-03-02T00:00:00Z"),
            true,
            Instant.parse("2025-03-02T00:00:00Z")));
  }

  private static StoredValue held(
      String key, Value value, int storedSecondsAfterT, boolean original, Instant republished) {
    return new StoredValue(
        NodeId.ofKey(key), value, T.plusSeconds(storedSecondsAfterT), original, republished);
  }

  private static long floatBits(List<StoredValue> values, String key) {
    StoredValue v =
        values.stream().filter(s -> s.key().equals(NodeId.ofKey(key))).findFirst().orElseThrow();
    return Double.doubleToRawLongBits(((Value.Float) v.value()).value());
  }

  private static Contact contact(String name, String ip, int port) throws IOException {
    return new Contact(NodeId.ofKey(name), new InetSocketAddress(InetAddress.getByName(ip), port));
  }

  private NodeState read(String resource) throws IOException, StateFormatException {
    try (Reader in = new InputStreamReader(open(resource), StandardCharsets.UTF_8)) {
      return codec.read(in);
    }
  }

  private static String text(String resource) throws IOException {
    try (InputStream in = open(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static InputStream open(String resource) {
    InputStream in = EarlierStateFilesTest.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("test resource " + resource + " missing");
    }
    return in;
  }
}
