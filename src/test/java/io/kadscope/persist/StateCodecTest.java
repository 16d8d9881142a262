package io.kadscope.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.NodeState;
import io.kadscope.engine.Value;
import io.kadscope.engine.store.StoredValue;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateCodecTest {
  private static final Instant T = Instant.parse("2025-03-01T12:34:56.123456789Z");
  private final StateCodec codec = new StateCodec();

  @Test
  void publishedButNotHeldValues_roundTripApartFromHeldOnes() throws Exception {
    StoredValue held = new StoredValue(NodeId.ofKey("held"), Value.of("h"), T, false, T);
    StoredValue elsewhere =
        new StoredValue(NodeId.ofKey("elsewhere"), new Value.Int(7), T, true, T.plusSeconds(5));
    NodeState state =
        new NodeState(NodeId.ofKey("me"), List.of(), List.of(held), List.of(elsewhere));

    NodeState back = roundTrip(state);

    assertThat(back.values()).containsExactly(held);
    assertThat(back.published()).containsExactly(elsewhere);
  }

  @Test
  void roundTrip_keepsIdContactsAndEveryValueTypeExactly() throws Exception {
    List<Value> values =
        List.of(
            Value.of("hello world"),
            Value.of(""),
            Value.of("ünïcødé \"quoted\" <tag> \n newline"),
            new Value.Bin(new byte[] {0, 1, (byte) 0xff, 127, -128}),
            new Value.Bin(new byte[0]),
            new Value.Int(Long.MAX_VALUE),
            new Value.Int(Long.MIN_VALUE),
            new Value.Int(9_007_199_254_740_993L),
            new Value.Int(0),
            new Value.Float(0.1),
            new Value.Float(-0.0),
            new Value.Float(Double.MIN_VALUE),
            new Value.Float(Double.MAX_VALUE),
            new Value.Float(Double.NaN),
            new Value.Float(Double.POSITIVE_INFINITY),
            new Value.Float(Double.NEGATIVE_INFINITY),
            new Value.Bool(true),
            new Value.Bool(false));
    List<StoredValue> stored = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      stored.add(
          new StoredValue(
              NodeId.ofKey("key-" + i),
              values.get(i),
              T.plusSeconds(i),
              i % 2 == 0,
              T.minusMillis(i)));
    }
    NodeState state =
        new NodeState(
            NodeId.ofKey("me"),
            List.of(
                new Contact(NodeId.ofKey("a"), new InetSocketAddress("10.0.0.2", 7123)),
                new Contact(NodeId.ofKey("b"), new InetSocketAddress("127.0.0.1", 40001))),
            stored);

    NodeState back = roundTrip(state);

    assertThat(back.id()).isEqualTo(state.id());
    assertThat(back.contacts()).isEqualTo(state.contacts());
    assertThat(back.values()).hasSize(values.size());
    for (int i = 0; i < values.size(); i++) {
      StoredValue want = state.values().get(i);
      StoredValue got = back.values().get(i);
      assertThat(got.key()).isEqualTo(want.key());
      assertThat(got.storedAt()).isEqualTo(want.storedAt());
      assertThat(got.republishedAt()).isEqualTo(want.republishedAt());
      assertThat(got.original()).isEqualTo(want.original());
      assertThat(got.value().typeName()).isEqualTo(want.value().typeName());
      if (want.value() instanceof Value.Float f) {
        assertThat(Double.doubleToRawLongBits(((Value.Float) got.value()).value()))
            .as("bits of %s", f.value())
            .isEqualTo(Double.doubleToRawLongBits(f.value()));
      } else {
        assertThat(got.value()).isEqualTo(want.value());
      }
    }
  }

  @Test
  void write_storesBytesAsBase64AndIntsAsExactJsonIntegers() throws Exception {
    NodeState state =
        new NodeState(
            NodeId.ofKey("me"),
            List.of(),
            List.of(
                new StoredValue(NodeId.ofKey("b"), new Value.Bin(new byte[] {1, 2, 3}), T, true, T),
                new StoredValue(NodeId.ofKey("i"), new Value.Int(Long.MAX_VALUE), T, true, T)));
    StringWriter out = new StringWriter();
    codec.write(state, out);

    assertThat(out.toString())
        .contains("\"type\": \"bytes\"", "\"value\": \"AQID\"")
        .contains("\"value\": 9223372036854775807")
        .contains("\"id\": \"" + NodeId.ofKey("me").toHex() + "\"");
  }

  @Test
  void read_refusesAnIntThatDoesNotFit64BitsAndSaysWhere() {
    String json =
        "{\"format\":\"kadscope-state\",\"version\":1,\"id\":\""
            + NodeId.ofKey("me").toHex()
            + "\",\"contacts\":[],\"values\":[{\"key\":\""
            + NodeId.ofKey("k").toHex()
            + "\",\"type\":\"int\",\"value\":9223372036854775808,"
            + "\"storedAt\":\"2025-01-01T00:00:00Z\",\"original\":true,"
            + "\"republishedAt\":\"2025-01-01T00:00:00Z\"}]}";

    assertThatThrownBy(() -> codec.read(new StringReader(json)))
        .isInstanceOf(StateFormatException.class)
        .hasMessage("values[0].value: expected a 64-bit integer, found 9223372036854775808");
  }

  @Test
  void read_refusesAnotherFormatOrVersion() {
    assertThatThrownBy(() -> codec.read(new StringReader("{\"format\":\"x\"}")))
        .isInstanceOf(StateFormatException.class)
        .hasMessage("format: expected \"kadscope-state\", found \"x\"");
    assertThatThrownBy(
            () -> codec.read(new StringReader("{\"format\":\"kadscope-state\",\"version\":2}")))
        .isInstanceOf(StateFormatException.class)
        .hasMessageStartingWith("version: expected 1, found 2");
  }

  @Test
  void read_refusesAContactWithAHostNameInsteadOfAnAddress() {
    String json =
        "{\"format\":\"kadscope-state\",\"version\":1,\"id\":\""
            + NodeId.ofKey("me").toHex()
            + "\",\"contacts\":[{\"id\":\""
            + NodeId.ofKey("a").toHex()
            + "\",\"host\":\"node0\",\"port\":7123}],\"values\":[]}";

    assertThatThrownBy(() -> codec.read(new StringReader(json)))
        .isInstanceOf(StateFormatException.class)
        .hasMessage("contacts[0].host: expected an IP address, found \"node0\"");
  }

  @Test
  void write_leavesOutAContactKnownByNameOnly_soTheFileStaysReadable() throws Exception {
    Contact byAddress = new Contact(NodeId.ofKey("a"), new InetSocketAddress("fd00::2", 7123));
    Contact byName =
        new Contact(NodeId.ofKey("b"), InetSocketAddress.createUnresolved("node0", 7123));
    NodeState state = new NodeState(NodeId.ofKey("me"), List.of(byAddress, byName), List.of());

    assertThat(roundTrip(state).contacts()).containsExactly(byAddress);
  }

  private NodeState roundTrip(NodeState state) throws Exception {
    StringWriter out = new StringWriter();
    codec.write(state, out);
    return codec.read(new StringReader(out.toString()));
  }
}
