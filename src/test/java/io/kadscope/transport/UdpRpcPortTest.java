package io.kadscope.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.Value;
import io.kadscope.engine.rpc.MessageTooLargeException;
import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.Response;
import io.kadscope.engine.rpc.RpcException;
import io.kadscope.engine.rpc.RpcStats;
import io.kadscope.engine.rpc.RpcTimeoutException;
import io.kadscope.wire.Datagram;
import io.kadscope.wire.MessageId;
import io.kadscope.wire.WireCodec;
import io.netty.channel.MaxMessagesRecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A UdpRpcPort over real sockets on 127.0.0.1, on each transport available here. */
class UdpRpcPortTest {
  private static final Duration LONG = Duration.ofSeconds(5);
  private static final NodeId A = NodeId.fromHex("aa".repeat(20));
  private static final NodeId B = NodeId.fromHex("bb".repeat(20));
  private static final InetSocketAddress ANY_LOOPBACK =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

  private final List<AutoCloseable> closeLater = new ArrayList<>();

  static Stream<UdpTransport> transports() {
    return Stream.of(UdpTransport.values()).filter(UdpTransport::isAvailable);
  }

  @AfterEach
  void closeAll() throws Exception {
    for (int i = closeLater.size() - 1; i >= 0; i--) {
      closeLater.get(i).close();
    }
  }

  @ParameterizedTest
  @MethodSource("transports")
  void send_completesWithTheAnswerOfAnotherPort(UdpTransport transport) throws Exception {
    UdpRpcPort a = port(transport);
    UdpRpcPort b = port(transport);
    a.serve((from, request) -> new Response.PingReply(A));

    Response r = b.send(a.localAddress(), new Request.Ping(B), LONG).get(5, TimeUnit.SECONDS);

    assertThat(r).isEqualTo(new Response.PingReply(A));
  }

  @ParameterizedTest
  @MethodSource("transports")
  void sendsFromManyThreadsAtOnce_allLeaveAndAreAnswered(UdpTransport transport) throws Exception {
    UdpRpcPort a = port(transport);
    UdpRpcPort b = port(transport);
    a.serve((from, request) -> new Response.PingReply(A));
    // 128 pings at once: as many as the receiving socket's buffer holds (212 kB here), since a
    // bare port does not retransmit what the kernel drops.
    int threads = 8;
    int each = 16;
    List<CompletableFuture<Response>> answers = new CopyOnWriteArrayList<>();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> senders = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread sender =
          new Thread(
              () -> {
                go.countDown();
                for (int i = 0; i < each; i++) {
                  answers.add(b.send(a.localAddress(), new Request.Ping(B), LONG));
                }
              });
      senders.add(sender);
      sender.start();
    }
    for (Thread sender : senders) {
      sender.join();
    }

    assertThat(answers).hasSize(threads * each);
    assertThat(CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)))
        .succeedsWithin(10, TimeUnit.SECONDS);
    assertThat(answers).allSatisfy(f -> assertThat(f.join()).isEqualTo(new Response.PingReply(A)));
  }

  @ParameterizedTest
  @MethodSource("transports")
  void serve_seesTheSendersListeningAddress(UdpTransport transport) throws Exception {
    UdpRpcPort a = port(transport);
    UdpRpcPort b = port(transport);
    a.serve(
        (from, request) ->
            new Response.StunReply(from.getAddress().getHostAddress(), from.getPort()));

    Response r = b.send(a.localAddress(), new Request.Stun(), LONG).get(5, TimeUnit.SECONDS);

    assertThat(r).isEqualTo(new Response.StunReply("127.0.0.1", b.localAddress().getPort()));
  }

  @ParameterizedTest
  @MethodSource("transports")
  void send_carriesAStoreOfTheLargestValueWhole(UdpTransport transport) throws Exception {
    UdpRpcPort a = port(transport);
    UdpRpcPort b = port(transport);
    List<Request> seen = new ArrayList<>();
    a.serve(
        (from, request) -> {
          seen.add(request);
          return new Response.StoreReply(true);
        });
    Value big = Value.of("v".repeat(8130)); // a datagram of ~8200 bytes, well past 2048

    Response r =
        b.send(a.localAddress(), new Request.Store(B, A, big), LONG).get(5, TimeUnit.SECONDS);

    assertThat(r).isEqualTo(new Response.StoreReply(true));
    assertThat(seen).containsExactly(new Request.Store(B, A, big));
  }

  @ParameterizedTest
  @MethodSource("transports")
  void send_answersFindNodeWithContacts(UdpTransport transport) throws Exception {
    UdpRpcPort a = port(transport);
    UdpRpcPort b = port(transport);
    List<Contact> contacts =
        List.of(
            new Contact(A, new InetSocketAddress("10.0.0.1", 7123)),
            new Contact(B, new InetSocketAddress("::1", 7124)));
    a.serve((from, request) -> new Response.Nodes(contacts));

    Response r =
        b.send(a.localAddress(), new Request.FindNode(B, A), LONG).get(5, TimeUnit.SECONDS);

    assertThat(r).isEqualTo(new Response.Nodes(contacts));
  }

  @ParameterizedTest
  @MethodSource("transports")
  void send_failsWithTimeoutWhenNobodyAnswers(UdpTransport transport) {
    UdpRpcPort b = port(transport);
    try (RawPeer silent = new RawPeer()) {
      CompletableFuture<Response> f =
          b.send(silent.address(), new Request.FindNode(B, A), Duration.ofMillis(200));

      assertThat(f)
          .failsWithin(5, TimeUnit.SECONDS)
          .withThrowableOfType(ExecutionException.class)
          .havingCause()
          .isInstanceOf(RpcTimeoutException.class)
          .withMessage(
              "no answer from 127.0.0.1:"
                  + silent.address().getPort()
                  + " to find_node within 200 ms");
    }
  }

  @ParameterizedTest
  @MethodSource("transports")
  void response_fromAnotherAddress_isDroppedAndCounted(UdpTransport transport) throws Exception {
    UdpRpcPort b = port(transport);
    try (RawPeer asked = new RawPeer();
        RawPeer impostor = new RawPeer()) {
      CompletableFuture<Response> f = b.send(asked.address(), new Request.Ping(B), LONG);
      MessageId id = asked.receiveRequest().id();

      impostor.sendResponse(id, new Response.PingReply(B), b.localAddress());
      asked.sendResponse(id, new Response.PingReply(A), b.localAddress());

      // Both arrive on one socket in send order; the genuine answer wins.
      assertThat(f.get(5, TimeUnit.SECONDS)).isEqualTo(new Response.PingReply(A));
      assertThat(b.stats()).isEqualTo(new RpcStats(2, 0, 1, 0));
    }
  }

  @ParameterizedTest
  @MethodSource("transports")
  void response_withUnknownMessageId_isDroppedAndCounted(UdpTransport transport) {
    UdpRpcPort b = servingStun(transport);
    try (RawPeer peer = new RawPeer()) {
      peer.sendResponse(peer.randomId(), new Response.PingReply(A), b.localAddress());
      peer.sync(b.localAddress());

      assertThat(b.stats()).isEqualTo(new RpcStats(2, 0, 1, 0));
    }
  }

  @ParameterizedTest
  @MethodSource("transports")
  void duplicateResponse_isDroppedAndCounted(UdpTransport transport) throws Exception {
    UdpRpcPort b = servingStun(transport);
    try (RawPeer peer = new RawPeer()) {
      CompletableFuture<Response> f = b.send(peer.address(), new Request.Ping(B), LONG);
      MessageId id = peer.receiveRequest().id();

      peer.sendResponse(id, new Response.PingReply(A), b.localAddress());
      peer.sendResponse(id, new Response.PingReply(B), b.localAddress());
      peer.sync(b.localAddress());

      assertThat(f.get(5, TimeUnit.SECONDS)).isEqualTo(new Response.PingReply(A));
      assertThat(b.stats()).isEqualTo(new RpcStats(3, 0, 1, 0));
    }
  }

  @ParameterizedTest
  @MethodSource("transports")
  void malformedAnswer_fromTheAskedPeer_failsTheRequestAndIsCounted(UdpTransport transport) {
    UdpRpcPort b = port(transport);
    try (RawPeer peer = new RawPeer()) {
      CompletableFuture<Response> f = b.send(peer.address(), new Request.Ping(B), LONG);
      MessageId id = peer.receiveRequest().id();

      peer.sendResponse(id, new Response.StoreReply(true), b.localAddress());

      assertThat(f)
          .failsWithin(5, TimeUnit.SECONDS)
          .withThrowableOfType(ExecutionException.class)
          .havingCause()
          .isInstanceOf(RpcException.class)
          .withMessage(
              "malformed answer from 127.0.0.1:"
                  + peer.address().getPort()
                  + " to ping: ping reply: expected bin of 20 bytes, found bool at byte 21");
      assertThat(b.stats().malformed()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @MethodSource("transports")
  void malformedAndOversizedDatagrams_areCountedAndNeverAnswered(UdpTransport transport) {
    UdpRpcPort b = servingStun(transport);
    List<Request> handled = new ArrayList<>();
    b.serve(
        (from, request) -> {
          handled.add(request);
          return new Response.StunReply("127.0.0.1", from.getPort());
        });
    try (RawPeer peer = new RawPeer()) {
      peer.send(new byte[] {0, 1, 2}, b.localAddress()); // too short
      peer.send(new byte[30], b.localAddress()); // a request whose body is 0x00, not an array
      byte[] badKind = new byte[30];
      badKind[0] = 7;
      peer.send(badKind, b.localAddress());
      peer.send(new byte[WireCodec.MAX_DATAGRAM_BYTES + 100], b.localAddress());
      peer.send(new byte[60_000], b.localAddress());
      peer.sync(b.localAddress());

      assertThat(b.stats()).isEqualTo(new RpcStats(6, 3, 0, 2));
      assertThat(handled).containsExactly(new Request.Stun());
    }
  }

  @ParameterizedTest
  @MethodSource("transports")
  void send_refusesARequestOverTheBodyLimit(UdpTransport transport) {
    UdpRpcPort b = port(transport);
    Request tooBig = new Request.Store(B, A, new Value.Bin(new byte[9000]));

    CompletableFuture<Response> f = b.send(new InetSocketAddress("127.0.0.1", 9), tooBig, LONG);

    assertThat(f)
        .failsWithin(5, TimeUnit.SECONDS)
        .withThrowableOfType(ExecutionException.class)
        .havingCause()
        .isInstanceOf(MessageTooLargeException.class)
        .withMessageContaining("9055 bytes");
  }

  @ParameterizedTest
  @MethodSource("transports")
  void close_failsPendingRequestsAndLaterSends(UdpTransport transport) {
    UdpRpcPort b = port(transport);
    try (RawPeer silent = new RawPeer()) {
      CompletableFuture<Response> f = b.send(silent.address(), new Request.Ping(B), LONG);
      silent.receiveRequest(); // it is on the wire, hence pending

      b.close();

      assertThat(f)
          .failsWithin(1, TimeUnit.SECONDS)
          .withThrowableOfType(ExecutionException.class)
          .havingCause()
          .isInstanceOf(RpcException.class)
          .withMessageContaining("closed before 127.0.0.1:" + silent.address().getPort())
          .withMessageEndingWith("answered ping");
      assertThat(b.send(silent.address(), new Request.Ping(B), LONG))
          .failsWithin(1, TimeUnit.SECONDS)
          .withThrowableOfType(ExecutionException.class)
          .havingCause()
          .withMessageContaining("is closed: cannot send ping");
    }
  }

  @ParameterizedTest
  @MethodSource("transports")
  void open_onATakenAddress_failsNamingIt(UdpTransport transport) {
    UdpRpcPort a = port(transport);
    InetSocketAddress taken = a.localAddress();

    assertThatThrownBy(() -> UdpRpcPort.open(taken, transport))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage(
            "cannot listen on UDP 127.0.0.1:" + taken.getPort() + ": Address already in use");
  }

  @ParameterizedTest
  @MethodSource("transports")
  void channel_readsInBatchesOfUpTo64Datagrams(UdpTransport transport) {
    UdpRpcPort a = port(transport);

    MaxMessagesRecvByteBufAllocator alloc = a.channel().config().getRecvByteBufAllocator();

    assertThat(alloc.maxMessagesPerRead()).isEqualTo(64);
    if (transport == UdpTransport.EPOLL) {
      assertThat(a.channel().config().getOption(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE))
          .isEqualTo(WireCodec.MAX_DATAGRAM_BYTES + 1);
    }
  }

  @ParameterizedTest
  @MethodSource("transports")
  void requestsSentFromInsideAHandler_areFlushedAtTheEndOfTheReadBatch(UdpTransport transport)
      throws Exception {
    UdpRpcPort a = port(transport);
    UdpRpcPort b = port(transport);
    UdpRpcPort c = port(transport);
    c.serve((from, request) -> new Response.PingReply(NodeId.fromHex("cc".repeat(20))));
    CompletableFuture<Response> relayed = new CompletableFuture<>();
    // a, asked by b, asks c from its event loop before answering: that write must go out too.
    a.serve(
        (from, request) -> {
          a.send(c.localAddress(), new Request.Ping(A), LONG)
              .whenComplete((r, e) -> relayed.complete(r));
          return new Response.PingReply(A);
        });

    assertThat(b.send(a.localAddress(), new Request.Ping(B), LONG).get(5, TimeUnit.SECONDS))
        .isEqualTo(new Response.PingReply(A));
    assertThat(relayed.get(5, TimeUnit.SECONDS))
        .isEqualTo(new Response.PingReply(NodeId.fromHex("cc".repeat(20))));
  }

  @ParameterizedTest
  @MethodSource("transports")
  void ipv6Ports_talkOverIpv6Loopback(UdpTransport transport) throws Exception {
    UdpRpcPort a = port(transport, new InetSocketAddress("::1", 0));
    UdpRpcPort b = port(transport, new InetSocketAddress("::1", 0));
    a.serve(
        (from, request) ->
            new Response.StunReply(from.getAddress().getHostAddress(), from.getPort()));

    Response r = b.send(a.localAddress(), new Request.Stun(), LONG).get(5, TimeUnit.SECONDS);

    assertThat(r).isEqualTo(new Response.StunReply("0:0:0:0:0:0:0:1", b.localAddress().getPort()));
  }

  @ParameterizedTest
  @MethodSource("transports")
  void dualStackPort_acceptsAnswersFromTheIpv4AddressItAsked(UdpTransport transport)
      throws Exception {
    UdpRpcPort dual = port(transport, new InetSocketAddress("::", 0));
    UdpRpcPort v4 = port(transport);
    v4.serve((from, request) -> new Response.PingReply(A));
    dual.serve(
        (from, request) ->
            new Response.StunReply(from.getAddress().getHostAddress(), from.getPort()));
    InetSocketAddress dualViaV4 = new InetSocketAddress("127.0.0.1", dual.localAddress().getPort());

    Response pong =
        dual.send(v4.localAddress(), new Request.Ping(B), LONG).get(5, TimeUnit.SECONDS);
    Response stun = v4.send(dualViaV4, new Request.Stun(), LONG).get(5, TimeUnit.SECONDS);

    assertThat(pong).isEqualTo(new Response.PingReply(A));
    assertThat(stun).isEqualTo(new Response.StunReply("127.0.0.1", v4.localAddress().getPort()));
    assertThat(dual.stats().unsolicited()).isZero();
  }

  private UdpRpcPort servingStun(UdpTransport transport) {
    UdpRpcPort p = port(transport);
    p.serve(
        (from, request) ->
            request instanceof Request.Stun
                ? new Response.StunReply(from.getAddress().getHostAddress(), from.getPort())
                : null);
    return p;
  }

  private UdpRpcPort port(UdpTransport transport) {
    return port(transport, ANY_LOOPBACK);
  }

  private UdpRpcPort port(UdpTransport transport, InetSocketAddress bind) {
    UdpRpcPort p = UdpRpcPort.open(bind, transport);
    closeLater.add(p);
    return p;
  }

  static Datagram decode(byte[] bytes) {
    return new WireCodec().decode(bytes);
  }
}
