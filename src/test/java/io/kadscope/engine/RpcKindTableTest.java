package io.kadscope.engine;

import static io.kadscope.engine.NodeParts.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.event.EngineEvent;
import io.kadscope.engine.lookup.WriteToken;
import io.kadscope.engine.rpc.HostPort;
import io.kadscope.engine.rpc.ItemData;
import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.Response;
import io.kadscope.engine.rpc.ResponseKind;
import io.kadscope.engine.rpc.RpcException;
import io.kadscope.engine.rpc.RpcKind;
import io.kadscope.wire.Datagram;
import io.kadscope.wire.MessageId;
import io.kadscope.wire.WireCodec;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of RPC, walked from {@link RpcKind#values()}: for the paper's, the codec encodes and
 * decodes it, the server answers it with a reply of its shape, the codec carries that reply, and
 * the client takes it; the others go to the node's extension, and are never sent through a port
 * that does not speak them. A kind added to the table and forgotten in one of those places fails
 * here.
 */
class RpcKindTableTest {
  private static final NodeId SELF = id(0x00);
  private static final NodeId SENDER = id(0x80);
  private static final NodeId KEY = id(0x40);
  private static final NodeId ANSWERER = id(0xc0);
  private static final InetSocketAddress FROM = new InetSocketAddress("10.9.9.9", 7123);
  private static final MessageId MESSAGE = MessageId.fromHex("ab".repeat(20));
  private static final WriteToken TOKEN = WriteToken.of(new byte[] {1, 2, 3, 4});

  /** A request of each kind: a switch expression, so that a new kind needs one here too. */
  static Request sample(RpcKind kind) {
    return switch (kind) {
      case PING -> new Request.Ping(SENDER);
      case STORE -> new Request.Store(SENDER, KEY, Value.of("v"));
      case FIND_NODE -> new Request.FindNode(SENDER, KEY);
      case FIND_VALUE -> new Request.FindValue(SENDER, KEY);
      case STUN -> new Request.Stun();
      case GET_PEERS -> new Request.GetPeers(SENDER, KEY);
      case ANNOUNCE_PEER -> new Request.AnnouncePeer(SENDER, KEY, 6881, false, TOKEN);
      case GET_ITEM -> new Request.GetItem(SENDER, KEY, OptionalLong.empty());
      case PUT_ITEM ->
          new Request.PutItem(
              SENDER, TOKEN, ItemData.immutable("5:hello".getBytes()), OptionalLong.empty());
    };
  }

  /** The kinds rpcudp speaks, which its codec carries and the node's own server answers. */
  static Stream<RpcKind> kademlia() {
    return RpcKind.KADEMLIA.stream();
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
  @MethodSource("kademlia")
  void eachKind_isEncodedAndDecodedWhole(RpcKind kind) {
    WireCodec codec = new WireCodec();
    Request request = sample(kind);
    assertThat(request.kind()).isEqualTo(kind);

    Datagram d = codec.decode(bytes(codec.encodeRequest(MESSAGE, request)));

    assertThat(d).isEqualTo(new Datagram.OfRequest(MESSAGE, request));
  }

  @ParameterizedTest
  @MethodSource("kademlia")
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
  @MethodSource("kademlia")
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

  @ParameterizedTest
  @EnumSource(RpcKind.class)
  void eachSample_isOfItsKind(RpcKind kind) {
    assertThat(sample(kind).kind()).isEqualTo(kind);
  }

  @ParameterizedTest
  @EnumSource(
      value = RpcKind.class,
      names = {"GET_PEERS", "ANNOUNCE_PEER", "GET_ITEM", "PUT_ITEM"})
  void eachKindBeyondThePapers_goesToTheExtension_withTheClosestContactsAsNeighbours(RpcKind kind) {
    NodeParts n = server(false);
    assertThat(n.server.handle(FROM, sample(kind))).as("no extension: no answer").isNull();
    List<List<Contact>> neighbours = new ArrayList<>();
    n.server.extend(
        (from, request, near) -> {
          neighbours.add(near.closest(KEY));
          return new Response.Refused(204, "no " + request.kind());
        });

    Response r = n.server.handle(FROM, sample(kind));

    assertThat(r).isEqualTo(new Response.Refused(204, "no " + kind.label()));
    assertThat(neighbours)
        .singleElement()
        .isEqualTo(List.of(new Contact(id(0x41), new InetSocketAddress("10.0.0.4", 7123))));
  }

  @ParameterizedTest
  @EnumSource(
      value = RpcKind.class,
      names = {"GET_PEERS", "ANNOUNCE_PEER", "GET_ITEM", "PUT_ITEM"})
  void eachKindBeyondThePapers_isNotSentThroughAPortThatDoesNotSpeakIt(RpcKind kind) {
    NodeParts asker = new NodeParts(SELF, 3);
    NodeParts.Peer peer = asker.peer(SENDER, (from, r) -> new Response.PingReply(SENDER));

    CompletableFuture<Response> f = asker.client.send(peer.contact(), sample(kind), 0);

    assertThat(f).isCompletedExceptionally();
    assertThat(Futures.unwrap(f.handle((v, e) -> e).join()))
        .isInstanceOf(RpcException.class)
        .hasMessageStartingWith(
            "cannot send "
                + kind.label()
                + " to "
                + HostPort.of(peer.address())
                + ": this node's protocol does not have it");
    assertThat(peer.received()).isEmpty();
    assertThat(asker.events(EngineEvent.RpcSent.class)).isEmpty();
  }

  @Test
  void everyShapeOfReply_answersSomeKind_butARefusal_whichAnswersAnyAndFailsIt() {
    Set<ResponseKind> answering = EnumSet.noneOf(ResponseKind.class);
    Stream.of(RpcKind.values()).forEach(k -> answering.addAll(k.replies()));

    assertThat(answering)
        .containsExactlyInAnyOrderElementsOf(
            EnumSet.complementOf(EnumSet.of(ResponseKind.REFUSED)));
  }

  @Test
  void labels_areTheNamesEventsAndLogsShow() {
    assertThat(Arrays.stream(RpcKind.values()).map(RpcKind::label))
        .containsExactly(
            "ping",
            "store",
            "find_node",
            "find_value",
            "stun",
            "get_peers",
            "announce_peer",
            "get_item",
            "put_item");
    assertThat(RpcKind.FIND_VALUE).hasToString("find_value");
    assertThat(RpcKind.KADEMLIA)
        .containsExactlyInAnyOrder(
            RpcKind.PING, RpcKind.STORE, RpcKind.FIND_NODE, RpcKind.FIND_VALUE, RpcKind.STUN);
  }
}
