package io.kadscope.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.Contact;
import io.kadscope.engine.Futures;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.lookup.WriteToken;
import io.kadscope.engine.rpc.HostPort;
import io.kadscope.engine.rpc.ItemData;
import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.RequestHandler;
import io.kadscope.engine.rpc.Response;
import io.kadscope.engine.rpc.RpcException;
import io.kadscope.engine.rpc.RpcKind;
import io.kadscope.engine.rpc.RpcRefusedException;
import io.kadscope.krpc.BBytes;
import io.kadscope.krpc.ErrorCode;
import io.kadscope.krpc.Id160;
import io.kadscope.krpc.KrpcCodec;
import io.kadscope.krpc.KrpcError;
import io.kadscope.krpc.KrpcQuery;
import io.kadscope.krpc.KrpcResponse;
import io.kadscope.krpc.NodeInfo;
import io.kadscope.krpc.Query;
import io.kadscope.krpc.Reply;
import io.kadscope.krpc.Want;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the KRPC port does beyond every port's rules, on real sockets on 127.0.0.1: the answers it
 * sends (id, ip, version, the families wanted, errors 203 and 204, refusals), the answers it takes
 * (not our own id, the node expected, errors as failures naming code and text), read-only queries,
 * address reports, and every kind carried both ways.
 */
class KrpcRpcPortTest {
  private static final InetSocketAddress LOOPBACK =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  private static final NodeId SELF = NodeId.fromHex("5e".repeat(20));
  private static final NodeId PEER = NodeId.fromHex("9e".repeat(20));
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final WriteToken TOKEN = WriteToken.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
  private static final Contact V4 =
      new Contact(NodeId.fromHex("11".repeat(20)), new InetSocketAddress("10.0.0.4", 6881));
  private static final Contact V6 =
      new Contact(NodeId.fromHex("22".repeat(20)), new InetSocketAddress("2001:db8::6", 6881));

  private final List<AutoCloseable> closeLater = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = closeLater.size() - 1; i >= 0; i--) {
      closeLater.get(i).close();
    }
  }

  private KrpcRpcPort port(NodeId self, RequestHandler handler) {
    KrpcRpcPort p = KrpcRpcPort.open(LOOPBACK, self);
    closeLater.add(p);
    if (handler != null) {
      p.serve(handler);
    }
    return p;
  }

  private RawKrpcPeer raw(NodeId id) {
    RawKrpcPeer r = new RawKrpcPeer(id);
    closeLater.add(r);
    return r;
  }

  private static <T> Throwable failure(CompletableFuture<T> f) {
    return Futures.unwrap(f.handle((v, e) -> e).orTimeout(10, TimeUnit.SECONDS).join());
  }

  private static <T> T await(CompletableFuture<T> f) {
    return f.orTimeout(10, TimeUnit.SECONDS).join();
  }

  @Test
  void queriesBeyondTheirPace_waitTheirTurn_andThoseThatWouldWaitOver10s_failAtOnceSayingSo() {
    try (KrpcNetwork network = new KrpcNetwork(UdpTransport.best(), 1, 1)) {
      KrpcRpcPort p = network.open(LOOPBACK, NodeId.random(new Random(5)));
      RawKrpcPeer silent = raw(NodeId.random(new Random(6)));
      List<CompletableFuture<Response>> sent = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        sent.add(p.send(silent.address(), new Request.Ping(p.self()), Duration.ofSeconds(30)));
      }

      assertThat(silent.receiveQuery().query()).isEqualTo(new Query.Ping());
      assertThat(failure(sent.get(19)))
          .isInstanceOf(RpcException.class)
          .hasMessage(
              "cannot send ping to "
                  + HostPort.of(silent.address())
                  + ": more than 10 s of queries are waiting for their turn (at most 1 a second)");
      // at 1 a second, the first leaves at once and the next 10 are within 10 s of their turn
      assertThat(sent.subList(0, 11)).noneMatch(CompletableFuture::isDone);
      p.close();
    }
  }

  // ------------------------------------------------------------------ serving

  @Test
  void aPing_isAnsweredNamingTheResponder_theRequestersAddress_andOurVersion() {
    KrpcRpcPort p = port(SELF, (from, r) -> new Response.PingReply(SELF));
    RawKrpcPeer asker = raw(PEER);

    KrpcResponse r = asker.askForResponse(p.localAddress(), new Query.Ping());

    assertThat(r.responder()).isEqualTo(KrpcRecords.id(SELF));
    assertThat(r.reply()).isEqualTo(new Reply.Ping());
    assertThat(r.requesterAddress()).contains(asker.address());
    assertThat(r.clientVersion()).contains(KrpcCodec.CLIENT_VERSION);
  }

  @Test
  void findNode_listsTheRequestersFamily_orTheFamiliesItWants() {
    KrpcRpcPort p = port(SELF, (from, r) -> new Response.Nodes(List.of(V4, V6)));
    RawKrpcPeer asker = raw(PEER);
    Id160 target = Id160.random(new java.util.Random(1));

    Reply.FindNode plain =
        (Reply.FindNode) asker.askForResponse(p.localAddress(), new Query.FindNode(target)).reply();
    Reply.FindNode both =
        (Reply.FindNode)
            asker
                .askForResponse(
                    p.localAddress(), new Query.FindNode(target, EnumSet.of(Want.N4, Want.N6)))
                .reply();
    Reply.FindNode six =
        (Reply.FindNode)
            asker
                .askForResponse(p.localAddress(), new Query.FindNode(target, Set.of(Want.N6)))
                .reply();

    NodeInfo v4 = new NodeInfo(KrpcRecords.id(V4.id()), V4.address());
    NodeInfo v6 = new NodeInfo(KrpcRecords.id(V6.id()), V6.address());
    assertThat(plain).isEqualTo(new Reply.FindNode(List.of(v4), List.of()));
    assertThat(both).isEqualTo(new Reply.FindNode(List.of(v4), List.of(v6)));
    assertThat(six).isEqualTo(new Reply.FindNode(List.of(), List.of(v6)));
  }

  @Test
  void anUnknownMethod_isAnswered204() {
    KrpcRpcPort p = port(SELF, (from, r) -> new Response.PingReply(SELF));

    KrpcError e = raw(PEER).askForError(p.localAddress(), new Query.Unknown(BBytes.utf8("vote")));

    assertThat(e.code()).isEqualTo(204);
    assertThat(e.message()).isEqualTo("method unknown");
    assertThat(e.responder()).contains(KrpcRecords.id(SELF));
  }

  @Test
  void aMalformedQuery_isAnswered203_sayingWhatWasWrong_andCountedMalformed() {
    KrpcRpcPort p = port(SELF, (from, r) -> new Response.PingReply(SELF));
    RawKrpcPeer asker = raw(PEER);
    String target19 = "x".repeat(19);
    byte[] bad =
        ("d1:ad2:id20:"
                + "a".repeat(20)
                + "6:target19:"
                + target19
                + "e1:q9:find_node1:t2:aa1:y1:qe")
            .getBytes(StandardCharsets.ISO_8859_1);

    asker.send(bad, p.localAddress());
    KrpcError e = (KrpcError) asker.receive();

    assertThat(e.errorCode()).contains(ErrorCode.PROTOCOL);
    assertThat(e.message())
        .startsWith("find_node query a.target: expected a byte string of 20 bytes (the target id)");
    assertThat(p.stats().malformed()).isEqualTo(1);
  }

  @Test
  void aRefusal_isSentAsAnError_withItsCodeAndText() {
    KrpcRpcPort p = port(SELF, (from, r) -> new Response.Refused(203, "invalid token"));
    Query announce =
        new Query.AnnouncePeer(Id160.fromHex("ab".repeat(20)), 6881, BBytes.utf8("bad"), false);

    KrpcError e = raw(PEER).askForError(p.localAddress(), announce);

    assertThat(e.code()).isEqualTo(203);
    assertThat(e.message()).isEqualTo("invalid token");
  }

  @Test
  void anAnnounceWithAnEmptyToken_isAnswered203_withoutReachingTheHandler() {
    List<Request> seen = new CopyOnWriteArrayList<>();
    KrpcRpcPort p =
        port(
            SELF,
            (from, r) -> {
              seen.add(r);
              return new Response.StoreReply(true);
            });
    Query announce =
        new Query.AnnouncePeer(Id160.fromHex("ab".repeat(20)), 6881, BBytes.EMPTY, false);

    KrpcError e = raw(PEER).askForError(p.localAddress(), announce);

    assertThat(e.code()).isEqualTo(203);
    assertThat(e.message()).isEqualTo("invalid token");
    assertThat(seen).isEmpty();
  }

  @Test
  void aReadOnlyQuery_goesToTheHandlersReadOnlyDoor() {
    List<String> doors = new CopyOnWriteArrayList<>();
    RequestHandler h =
        new RequestHandler() {
          @Override
          public Response handle(InetSocketAddress from, Request request) {
            doors.add("keeps");
            return new Response.PingReply(SELF);
          }

          @Override
          public Response handleReadOnly(InetSocketAddress from, Request request) {
            doors.add("read-only");
            return new Response.PingReply(SELF);
          }
        };
    KrpcRpcPort p = port(SELF, h);
    RawKrpcPeer asker = raw(PEER);

    asker.send(
        KrpcQuery.of(asker.randomTransaction(), asker.id(), new Query.Ping()).asReadOnly(),
        p.localAddress());
    asker.receive();
    asker.askForResponse(p.localAddress(), new Query.Ping());

    assertThat(doors).containsExactly("read-only", "keeps");
  }

  @Test
  void aQueryNamingThisNodesOwnId_isDroppedUnanswered() {
    List<Request> seen = new CopyOnWriteArrayList<>();
    KrpcRpcPort p =
        port(
            SELF,
            (from, r) -> {
              seen.add(r);
              return new Response.PingReply(SELF);
            });
    RawKrpcPeer mirror = raw(SELF);

    mirror.send(
        KrpcQuery.of(mirror.randomTransaction(), mirror.id(), new Query.Ping()), p.localAddress());
    raw(PEER).sync(p.localAddress());

    assertThat(seen).hasSize(1); // the sync's ping only
    assertThat(p.stats().malformed()).isEqualTo(1);
  }

  // ------------------------------------------------------------------ asking

  @Test
  void anErrorAnswer_failsTheRequest_namingThePeerCodeAndText() {
    KrpcRpcPort p = port(SELF, null);
    RawKrpcPeer peer = raw(PEER);

    CompletableFuture<Response> f = p.send(peer.address(), new Request.Ping(SELF), WAIT);
    KrpcQuery q = peer.receiveQuery();
    peer.send(
        KrpcError.of(q.transaction(), ErrorCode.GENERIC, "A Generic Error Ocurred"),
        p.localAddress());

    assertThat(failure(f))
        .isInstanceOf(RpcRefusedException.class)
        .hasMessage(
            HostPort.of(peer.address()) + " refused ping: error 201 \"A Generic Error Ocurred\"");
  }

  @Test
  void anAnswerNamingThisNodesOwnId_failsTheRequest() {
    KrpcRpcPort p = port(SELF, null);
    RawKrpcPeer peer = raw(SELF);

    CompletableFuture<Response> f = p.send(peer.address(), new Request.Ping(SELF), WAIT);
    KrpcQuery q = peer.receiveQuery();
    peer.send(KrpcResponse.of(q.transaction(), peer.id(), new Reply.Ping()), p.localAddress());

    assertThat(failure(f))
        .isInstanceOf(RpcException.class)
        .hasMessage(HostPort.of(peer.address()) + " answered ping with this node's own id");
  }

  @Test
  void anAnswerFromAnotherNodeThanExpected_failsTheRequest_namingBoth() {
    KrpcRpcPort p = port(SELF, null);
    RawKrpcPeer peer = raw(PEER);
    NodeId believed = NodeId.fromHex("77".repeat(20));

    CompletableFuture<Response> f =
        p.send(peer.address(), Optional.of(believed), new Request.Ping(SELF), WAIT);
    KrpcQuery q = peer.receiveQuery();
    peer.send(KrpcResponse.of(q.transaction(), peer.id(), new Reply.Ping()), p.localAddress());

    assertThat(failure(f))
        .isInstanceOf(RpcException.class)
        .hasMessage(
            "expected node "
                + believed.toHex()
                + " at "
                + HostPort.of(peer.address())
                + " to answer ping, found "
                + PEER.toHex());
  }

  @Test
  void queriesCarryUnpredictableTransactionIdsOfFourBytes_andOurVersion() {
    KrpcRpcPort p = port(SELF, null);
    RawKrpcPeer peer = raw(PEER);

    p.send(peer.address(), new Request.Ping(SELF), WAIT);
    p.send(peer.address(), new Request.Ping(SELF), WAIT);
    KrpcQuery a = peer.receiveQuery();
    KrpcQuery b = peer.receiveQuery();

    assertThat(a.transaction().length()).isEqualTo(KrpcRpcPort.TRANSACTION_BYTES);
    assertThat(a.transaction()).isNotEqualTo(b.transaction());
    assertThat(a.clientVersion()).contains(KrpcCodec.CLIENT_VERSION);
    assertThat(a.sender()).isEqualTo(KrpcRecords.id(SELF));
  }

  @Test
  void addressReports_hearTheIpOfAnswersTaken_andNotOfAnswersDropped() {
    KrpcRpcPort p = port(SELF, (from, r) -> new Response.PingReply(SELF));
    List<String> reports = new CopyOnWriteArrayList<>();
    p.addressReports(
        (reporter, seen) -> reports.add(HostPort.of(reporter) + " saw " + HostPort.of(seen)));
    RawKrpcPeer peer = raw(PEER);
    InetSocketAddress claimed = new InetSocketAddress("203.0.113.7", 4242);

    CompletableFuture<Response> f = p.send(peer.address(), new Request.Ping(SELF), WAIT);
    KrpcQuery q = peer.receiveQuery();
    KrpcResponse answer =
        KrpcResponse.of(q.transaction(), peer.id(), new Reply.Ping()).withRequesterAddress(claimed);
    peer.send(answer, p.localAddress());
    await(f);
    peer.send(
        KrpcResponse.of(peer.randomTransaction(), peer.id(), new Reply.Ping())
            .withRequesterAddress(new InetSocketAddress("198.51.100.1", 1)),
        p.localAddress());
    peer.sync(p.localAddress());

    assertThat(reports).containsExactly(HostPort.of(peer.address()) + " saw 203.0.113.7:4242");
  }

  @ParameterizedTest
  @EnumSource(
      value = RpcKind.class,
      names = {"STORE", "FIND_VALUE"})
  void theKindsKrpcHasNot_areNotSent_sayingSo(RpcKind kind) {
    KrpcRpcPort p = port(SELF, null);
    Request r =
        kind == RpcKind.STORE
            ? new Request.Store(SELF, PEER, io.kadscope.engine.Value.of("v"))
            : new Request.FindValue(SELF, PEER);

    assertThat(p.speaks()).doesNotContain(kind).contains(RpcKind.GET_PEERS, RpcKind.PUT_ITEM);
    assertThat(failure(p.send(V4.address(), r, WAIT)))
        .isInstanceOf(RpcException.class)
        .hasMessage(
            "cannot send "
                + kind.label()
                + " to 10.0.0.4:6881: the BitTorrent DHT has no such query");
  }

  // ------------------------------------------------------------------ every kind, both ways

  private static final byte[] SIGNED_V = "6:signed".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] KEY = new byte[32];
  private static final byte[] SIG = new byte[64];

  /** A request of each kind KRPC carries, and the answer a server gives it. */
  private static Request request(RpcKind kind) {
    NodeId target = NodeId.fromHex("ab".repeat(20));
    return switch (kind) {
      case PING -> new Request.Ping(PEER);
      case FIND_NODE -> new Request.FindNode(PEER, target);
      case GET_PEERS -> new Request.GetPeers(PEER, target);
      case ANNOUNCE_PEER -> new Request.AnnouncePeer(PEER, target, 51413, true, TOKEN);
      case GET_ITEM -> new Request.GetItem(PEER, target, OptionalLong.of(3));
      case PUT_ITEM ->
          new Request.PutItem(
              PEER,
              TOKEN,
              new ItemData(
                  SIGNED_V, Optional.of(new ItemData.Signed(KEY, "salt".getBytes(), 4, SIG))),
              OptionalLong.of(3));
      case STUN, STORE, FIND_VALUE -> throw new IllegalArgumentException(kind.label());
    };
  }

  private static Response answer(RpcKind kind) {
    return switch (kind) {
      case PING -> new Response.PingReply(SELF);
      case FIND_NODE -> new Response.Nodes(List.of(V4));
      case GET_PEERS ->
          new Response.Peers(
              List.of(new InetSocketAddress("10.1.1.1", 51413)), List.of(V4), Optional.of(TOKEN));
      case ANNOUNCE_PEER, PUT_ITEM -> new Response.StoreReply(true);
      case GET_ITEM ->
          new Response.ItemReply(
              Optional.of(
                  new ItemData(
                      SIGNED_V, Optional.of(new ItemData.Signed(KEY, new byte[0], 4, SIG)))),
              OptionalLong.of(4),
              List.of(V4),
              Optional.of(TOKEN));
      case STUN, STORE, FIND_VALUE -> throw new IllegalArgumentException(kind.label());
    };
  }

  @ParameterizedTest
  @EnumSource(
      value = RpcKind.class,
      names = {"PING", "FIND_NODE", "GET_PEERS", "ANNOUNCE_PEER", "GET_ITEM", "PUT_ITEM"})
  void eachKind_reachesTheOtherPortWhole_andItsAnswerComesBackWhole(RpcKind kind) {
    List<Request> served = new CopyOnWriteArrayList<>();
    KrpcRpcPort server =
        port(
            SELF,
            (from, r) -> {
              served.add(r);
              return answer(kind);
            });
    KrpcRpcPort asker = port(PEER, null);

    Response r = await(asker.send(server.localAddress(), request(kind), WAIT));

    assertThat(served).containsExactly(request(kind));
    assertThat(r).isEqualTo(answer(kind));
  }

  @Test
  void stun_travelsAsAPing_andIsAnsweredByTheAddressTheResponderSaw() {
    KrpcRpcPort server = port(SELF, (from, r) -> new Response.PingReply(SELF));
    KrpcRpcPort asker = port(PEER, null);

    Response r = await(asker.send(server.localAddress(), new Request.Stun(), WAIT));

    InetSocketAddress at = asker.localAddress();
    assertThat(r).isEqualTo(new Response.StunReply(at.getAddress().getHostAddress(), at.getPort()));
  }
}
