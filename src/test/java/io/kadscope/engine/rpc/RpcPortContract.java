package io.kadscope.engine.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.Futures;
import io.kadscope.engine.NodeId;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rules every {@link RpcPort} keeps, as one test that each implementation runs by extending
 * this class: an answer completes its request; a request nobody answers times out; an answer is
 * taken only from the address asked, with a known message id, once, and anything else is dropped
 * and counted as unsolicited, as is an answer after the timeout; closing fails what is pending and
 * what is sent later.
 *
 * @param <K> the message id a raw peer answers by
 */
public abstract class RpcPortContract<K> {
  protected static final NodeId A = NodeId.fromHex("aa".repeat(20));
  protected static final NodeId B = NodeId.fromHex("bb".repeat(20));
  protected static final Duration LONG = Duration.ofSeconds(5);
  protected static final Duration SHORT = Duration.ofMillis(200);

  /** Answers stun with the sender's address and ping with {@link #A}, and nothing else. */
  protected static final RequestHandler STUN_AND_PING =
      (from, request) ->
          switch (request.kind()) {
            case STUN -> new Response.StunReply(from.getAddress().getHostAddress(), from.getPort());
            case PING -> new Response.PingReply(A);
            case STORE, FIND_NODE, FIND_VALUE -> null;
          };

  private final List<AutoCloseable> closeLater = new ArrayList<>();

  /** A new port on the network under test. */
  protected abstract RpcPort newPort();

  /** A new peer on the same network that breaks the rules when told to. */
  protected abstract RawPeer<K> newRawPeer();

  /**
   * Waits, or runs the network's time, until {@code f} completes; fails the test if it does not.
   */
  protected abstract void awaitDone(CompletableFuture<?> f);

  /**
   * Lets everything the peer sent so far reach {@code port} and be handled there; the port answers
   * stun.
   */
  protected abstract void settle(RpcPort port, RawPeer<K> peer);

  /** A peer that receives requests raw and answers with any message id, from its own address. */
  public interface RawPeer<K> extends AutoCloseable {
    InetSocketAddress address();

    /** The next request to reach this peer, waiting (or running time) for it. */
    Received<K> receive();

    /** Sends {@code response} with message id {@code id} to {@code to}. */
    void respond(K id, Response response, InetSocketAddress to);

    /** A message id no port has used. */
    K unknownId();

    @Override
    void close();
  }

  /** A request a raw peer received, with the message id that answers it. */
  public record Received<K>(K id, Request request) {}

  @AfterEach
  void closeAll() throws Exception {
    for (int i = closeLater.size() - 1; i >= 0; i--) {
      closeLater.get(i).close();
    }
  }

  /** A port that answers stun and ping ({@link #STUN_AND_PING}), closed after the test. */
  protected RpcPort port() {
    RpcPort p = newPort();
    closeLater.add(p);
    p.serve(STUN_AND_PING);
    return p;
  }

  /** A raw peer, closed after the test. */
  protected RawPeer<K> rawPeer() {
    RawPeer<K> p = newRawPeer();
    closeLater.add(p);
    return p;
  }

  /** How {@code f} failed, once it has. */
  protected Throwable failure(CompletableFuture<?> f) {
    awaitDone(f);
    assertThat(f).isCompletedExceptionally();
    return Futures.unwrap(f.handle((v, e) -> e).join());
  }

  @Test
  void send_completesWithTheAnswer() {
    RpcPort a = port();
    RpcPort b = port();

    CompletableFuture<Response> f = b.send(a.localAddress(), new Request.Ping(B), LONG);

    awaitDone(f);
    assertThat(f).isCompletedWithValue(new Response.PingReply(A));
    assertThat(b.stats().unsolicited()).isZero();
  }

  @Test
  void serve_seesTheSendersListeningAddress() {
    RpcPort a = port();
    RpcPort b = port();

    CompletableFuture<Response> f = b.send(a.localAddress(), new Request.Stun(), LONG);

    awaitDone(f);
    InetSocketAddress bAt = b.localAddress();
    assertThat(f)
        .isCompletedWithValue(
            new Response.StunReply(bAt.getAddress().getHostAddress(), bAt.getPort()));
  }

  @Test
  void aRequestNobodyAnswers_failsAfterItsTimeout_namingPeerRpcAndWait() {
    RpcPort b = port();
    RawPeer<K> silent = rawPeer();

    CompletableFuture<Response> f = b.send(silent.address(), new Request.FindNode(B, A), SHORT);

    assertThat(failure(f))
        .isInstanceOf(RpcTimeoutException.class)
        .hasMessage(
            "no answer from " + HostPort.of(silent.address()) + " to find_node within 200 ms");
  }

  @Test
  void aHandlerThatReturnsNull_answersNothing() {
    RpcPort a = port();
    a.serve((from, request) -> null);
    RpcPort b = port();

    CompletableFuture<Response> f = b.send(a.localAddress(), new Request.Ping(B), SHORT);

    assertThat(failure(f)).isInstanceOf(RpcTimeoutException.class);
  }

  @Test
  void anAnswerWithAnUnknownId_isDroppedAndCounted() {
    RpcPort b = port();
    RawPeer<K> peer = rawPeer();

    peer.respond(peer.unknownId(), new Response.PingReply(A), b.localAddress());
    settle(b, peer);

    assertThat(b.stats().unsolicited()).isEqualTo(1);
  }

  @Test
  void aSecondAnswer_isDroppedAndCounted() {
    RpcPort b = port();
    RawPeer<K> peer = rawPeer();
    CompletableFuture<Response> f = b.send(peer.address(), new Request.Ping(B), LONG);
    K id = peer.receive().id();

    peer.respond(id, new Response.PingReply(A), b.localAddress());
    peer.respond(id, new Response.PingReply(B), b.localAddress());
    settle(b, peer);

    assertThat(f).isCompletedWithValue(new Response.PingReply(A));
    assertThat(b.stats().unsolicited()).isEqualTo(1);
  }

  @Test
  void anAnswerFromAnotherAddress_isDroppedAndCounted_andTheAskedPeersAnswerIsTaken() {
    RpcPort b = port();
    RawPeer<K> asked = rawPeer();
    RawPeer<K> impostor = rawPeer();
    CompletableFuture<Response> f = b.send(asked.address(), new Request.Ping(B), LONG);
    Received<K> r = asked.receive();
    assertThat(r.request()).isEqualTo(new Request.Ping(B));

    impostor.respond(r.id(), new Response.PingReply(B), b.localAddress());
    settle(b, impostor);
    assertThat(f).as("an impostor's answer is not taken").isNotDone();
    asked.respond(r.id(), new Response.PingReply(A), b.localAddress());

    awaitDone(f);
    assertThat(f).isCompletedWithValue(new Response.PingReply(A));
    assertThat(b.stats().unsolicited()).isEqualTo(1);
  }

  @Test
  void anAnswerAfterTheTimeout_isDroppedAndCounted() {
    RpcPort b = port();
    RawPeer<K> slow = rawPeer();
    CompletableFuture<Response> f = b.send(slow.address(), new Request.Ping(B), SHORT);
    K id = slow.receive().id();
    assertThat(failure(f)).isInstanceOf(RpcTimeoutException.class);

    slow.respond(id, new Response.PingReply(A), b.localAddress());
    settle(b, slow);

    assertThat(b.stats().unsolicited()).isEqualTo(1);
  }

  @Test
  void close_failsWhatIsPending_andWhatIsSentLater() {
    RpcPort b = port();
    RawPeer<K> silent = rawPeer();
    CompletableFuture<Response> pending = b.send(silent.address(), new Request.Ping(B), LONG);
    silent.receive(); // it reached the peer, so it is pending

    b.close();

    assertThat(failure(pending))
        .isInstanceOf(RpcException.class)
        .hasMessage(
            "port "
                + HostPort.of(b.localAddress())
                + " closed before "
                + HostPort.of(silent.address())
                + " answered ping");
    assertThat(failure(b.send(silent.address(), new Request.Ping(B), LONG)))
        .isInstanceOf(RpcException.class)
        .hasMessage(
            "port "
                + HostPort.of(b.localAddress())
                + " is closed: cannot send ping to "
                + HostPort.of(silent.address()));
  }
}
