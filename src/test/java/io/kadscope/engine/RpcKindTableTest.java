package io.kadscope.engine;

import static io.kadscope.engine.NodeParts.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.event.EngineEvent;
import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.Response;
import io.kadscope.engine.rpc.ResponseKind;
import io.kadscope.engine.rpc.RpcKind;
import io.kadscope.wire.Datagram;
import io.kadscope.wire.MessageId;
import io.kadscope.wire.WireCodec;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every kind of RPC, walked from {@link RpcKind#values()}: the codec encodes and decodes it, the
 * server answers it with a reply of its shape, the codec carries that reply, and the client takes
 * it. A kind added to the table and forgotten in one of those places fails here.
 */
class RpcKindTableTest {
  private static final NodeId SELF = id(0x00);
  private static final NodeId SENDER = id(0x80);
  private static final NodeId KEY = id(0x40);
  private static final NodeId ANSWERER = id(0xc0);
  private static final InetSocketAddress FROM = new InetSocketAddress("10.9.9.9", 7123);
  private static final MessageId MESSAGE = MessageId.fromHex("ab".repeat(20));

  /** A request of each kind: a switch expression, so that a new kind needs one here too. */
  static Request sample(RpcKind kind) {
    return switch (kind) {
      case PING -> new Request.Ping(SENDER);
      case STORE -> new Request.Store(SENDER, KEY, Value.of("v"));
      case FIND_NODE -> new Request.FindNode(SENDER, KEY);
      case FIND_VALUE -> new Request.FindValue(SENDER, KEY);
      case STUN -> new Request.Stun();
    };
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  /** A server whose node knows one contact and holds {@link #KEY} or not. */
  private static NodeParts server(boolean holdsKey) {
    return server(SELF, holdsKey);
  }

  private static NodeParts server(NodeId id, boolean holdsKey) {
    NodeParts n = new NodeParts(id, 3);
    n.routing.seen(new Contact(id(0x41), new InetSocketAddress("10.0.0.4", 7123)), null);
    if (holdsKey) {
      n.store.put(KEY, Value.of("held"), n.time.now(), false);
    }
    return n;
  }

  @ParameterizedTest
  @EnumSource(RpcKind.class)
  void eachKind_isEncodedAndDecodedWhole(RpcKind kind) {
    WireCodec codec = new WireCodec();
    Request request = sample(kind);
    assertThat(request.kind()).isEqualTo(kind);

    Datagram d = codec.decode(bytes(codec.encodeRequest(MESSAGE, request)));

    assertThat(d).isEqualTo(new Datagram.OfRequest(MESSAGE, request));
  }

  @ParameterizedTest
  @EnumSource(RpcKind.class)
  void eachKind_isAnsweredByTheServer_inEveryShapeItsTableNames_andTheCodecCarriesIt(RpcKind kind) {
    WireCodec codec = new WireCodec();
    Set<ResponseKind> shapes = EnumSet.noneOf(ResponseKind.class);
    for (boolean holdsKey : new boolean[] {false, true}) {
      Response answer = server(holdsKey).server.handle(FROM, sample(kind));
      assertThat(answer).as("%s answered", kind).isNotNull();
      shapes.add(answer.kind());

      Datagram d = codec.decode(bytes(codec.encodeResponse(MESSAGE, answer)));
      Response decoded = codec.decodeResponse(sample(kind), ((Datagram.OfResponse) d).body());

      assertThat(decoded).isEqualTo(answer);
    }
    assertThat(shapes).isEqualTo(kind.replies());
  }

  @ParameterizedTest
  @EnumSource(RpcKind.class)
  void eachKind_isAnsweredThroughThePort_andTakenByTheClient(RpcKind kind) {
    NodeParts asker = new NodeParts(SELF, 3);
    NodeParts answerer = server(ANSWERER, kind == RpcKind.FIND_VALUE);
    NodeParts.Peer peer = asker.peer(ANSWERER, answerer.server);

    Response r = asker.await(asker.client.send(peer.contact(), sample(kind), 0));

    assertThat(kind.isAnsweredBy(r)).isTrue();
    assertThat(asker.events(EngineEvent.RpcFailed.class)).isEmpty();
    assertThat(asker.events(EngineEvent.RpcAnswered.class))
        .singleElement()
        .satisfies(a -> assertThat(a.rpc()).isEqualTo(kind.label()));
  }

  @Test
  void everyShapeOfReply_answersSomeKind() {
    Set<ResponseKind> answering = EnumSet.noneOf(ResponseKind.class);
    Stream.of(RpcKind.values()).forEach(k -> answering.addAll(k.replies()));

    assertThat(answering).containsExactlyInAnyOrder(ResponseKind.values());
  }

  @Test
  void labels_areTheNamesEventsAndLogsShow() {
    assertThat(Arrays.stream(RpcKind.values()).map(RpcKind::label))
        .containsExactly("ping", "store", "find_node", "find_value", "stun");
    assertThat(RpcKind.FIND_VALUE).hasToString("find_value");
  }
}
