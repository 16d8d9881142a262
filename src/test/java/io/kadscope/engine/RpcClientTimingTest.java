package io.kadscope.engine;

import static io.kadscope.engine.NodeParts.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.event.EngineEvent;
import io.kadscope.engine.guard.Refusals;
import io.kadscope.engine.routing.RoutingTable;
import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.RequestHandler;
import io.kadscope.engine.rpc.Response;
import io.kadscope.engine.rpc.RpcPort;
import io.kadscope.engine.rpc.RttEstimate;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The client's timing on virtual time: retransmissions on the contact's RFC 6298 timeout, the slow
 * signal, late answers, and the hard limit. A scripted port lets each test answer any attempt at
 * any moment.
 */
class RpcClientTimingTest {
  private static final NodeId SELF = id(0x00);
  private static final Contact PEER =
      new Contact(id(0x80), new InetSocketAddress("10.0.0.8", 7123));

  private final VirtualScheduler time = new VirtualScheduler();
  private final List<EngineEvent> events = new ArrayList<>();
  private final ScriptedPort port = new ScriptedPort(time);
  private final RoutingTable routing =
      new RoutingTable(SELF, 20, 3, Defaults.SPLIT_DEPTH_MODULUS, time.clock(), events::add);
  private final RpcClient client =
      new RpcClient(
          SELF,
          port,
          routing,
          time.clock(),
          time,
          Defaults.RPC_TIMEOUT,
          events::add,
          c -> {},
          new Refusals("test", time.clock()));

  private Response ping() {
    return new Response.PingReply(PEER.id());
  }

  /** Gives the peer a measured round trip of {@code rtt}, by one answered ping. */
  private void measured(Duration rtt) {
    CompletableFuture<Response> f = client.send(PEER, new Request.Ping(SELF), 0);
    time.advance(rtt);
    port.attempts.get(port.attempts.size() - 1).future().complete(ping());
    assertThat(f).isCompleted();
  }

  private List<Duration> attemptTimes(Instant from) {
    return port.attempts.stream().map(a -> Duration.between(from, a.at())).toList();
  }

  @Test
  void aContactNeverMeasured_isRetransmittedAfterOneSecond_thenWithTheTimeoutDoubled() {
    Instant start = time.now();
    CompletableFuture<Response> f = client.send(PEER, new Request.Ping(SELF), 0);

    time.advance(Defaults.RPC_TIMEOUT);

    assertThat(attemptTimes(start))
        .containsExactly(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(3));
    assertThat(port.attempts)
        .extracting(ScriptedPort.Attempt::request)
        .containsOnly(new Request.Ping(SELF));
    assertThat(f).isCompletedExceptionally();
    assertThat(events).filteredOn(EngineEvent.RpcSent.class::isInstance).hasSize(1);
  }

  @Test
  void aMeasuredContact_isRetransmittedAtItsOwnTimeout_boundedBelow() {
    measured(Duration.ofMillis(4));
    port.attempts.clear();
    Instant start = time.now();
    client.send(PEER, new Request.Ping(SELF), 0);

    time.advance(Duration.ofMillis(400));

    // SRTT 4 ms, RTTVAR 2 ms: RTO 12 ms, raised to the 50 ms floor, then doubled
    assertThat(attemptTimes(start))
        .containsExactly(
            Duration.ZERO, Duration.ofMillis(50), Duration.ofMillis(150), Duration.ofMillis(350));
    assertThat(client.retransmissionTimeout(java.util.Optional.of(PEER.id())))
        .isEqualTo(RttEstimate.MIN_RTO);
  }

  @Test
  void theAnswerToARetransmission_completesTheRpc_andItsOwnRoundTripIsTheSample() {
    measured(Duration.ofMillis(40));
    port.attempts.clear();
    CompletableFuture<Response> f = client.send(PEER, new Request.Ping(SELF), 0);
    Duration rto = client.retransmissionTimeout(java.util.Optional.of(PEER.id()));
    time.advance(rto);
    assertThat(port.attempts).hasSize(2);

    time.advance(Duration.ofMillis(40));
    port.attempts.get(1).future().complete(ping());

    assertThat(f).isCompletedWithValue(ping());
    assertThat(routing.snapshot().contacts().get(0).rtt())
        .as("a sample of 40 ms, not of the 40 ms + RTO since the first attempt")
        .contains(Duration.ofMillis(40));
    EngineEvent.RpcAnswered answered =
        (EngineEvent.RpcAnswered)
            events.stream().filter(EngineEvent.RpcAnswered.class::isInstance).toList().get(1);
    assertThat(answered.latency()).isEqualTo(rto.plusMillis(40));
  }

  @Test
  void late_runsAtEachRetransmission_andALateAnswerToTheFirstAttemptStillCounts() {
    measured(Duration.ofMillis(10));
    port.attempts.clear();
    AtomicInteger late = new AtomicInteger();
    CompletableFuture<Response> f =
        client.send(PEER, new Request.Ping(SELF), 0, late::incrementAndGet);

    time.advance(Duration.ofMillis(49));
    assertThat(late).hasValue(0);
    assertThat(client.failingRecently(PEER.id())).isFalse();
    time.advance(Duration.ofMillis(1));
    assertThat(late).hasValue(1);
    assertThat(client.failingRecently(PEER.id())).as("ranked last until it answers").isTrue();
    time.advance(Duration.ofMillis(200));
    assertThat(late).as("at 50 ms and at 150 ms").hasValue(2);
    assertThat(port.attempts).hasSize(3);

    port.attempts.get(0).future().complete(ping()); // the first attempt, 250 ms late

    assertThat(f).isCompletedWithValue(ping());
    assertThat(client.failingRecently(PEER.id())).isFalse();
    assertThat(routing.contains(PEER.id())).isTrue();
    time.advance(Defaults.RPC_TIMEOUT);
    assertThat(port.attempts).as("no retransmission after the answer").hasSize(3);
    assertThat(late).hasValue(2);
  }

  @Test
  void answersThatProveRetransmissionsNeedless_stretchTheTimeout_andStopTheRetransmissions() {
    measured(Duration.ofMillis(10));
    Duration before = client.retransmissionTimeout(java.util.Optional.of(PEER.id()));
    // Many requests answered late, each after its copy went out: an overloaded network.
    for (int i = 0; i < 40; i++) {
      port.attempts.clear();
      client.send(PEER, new Request.Ping(SELF), 0);
      time.advance(client.retransmissionTimeout(java.util.Optional.of(PEER.id())));
      if (port.attempts.size() > 1) {
        port.attempts.get(0).future().complete(ping());
      } else {
        time.advance(Duration.ofMillis(1));
        port.attempts.get(0).future().complete(ping());
      }
    }
    assertThat(client.retransmissionTimeout(java.util.Optional.of(PEER.id())))
        .isGreaterThan(before.multipliedBy(4));

    // With the budget spent, a lost request still gets its late signals, not its copies.
    port.attempts.clear();
    AtomicInteger late = new AtomicInteger();
    CompletableFuture<Response> f =
        client.send(PEER, new Request.Ping(SELF), 0, late::incrementAndGet);
    time.advance(Defaults.RPC_TIMEOUT);
    assertThat(f).isCompletedExceptionally();
    assertThat(late).hasPositiveValue();
    assertThat(port.attempts).hasSizeLessThan(RpcCall.MAX_ATTEMPTS);
  }

  @Test
  void noAnswerToAnyAttempt_failsAtTheHardLimit_andTheContactIsFailing() {
    routing.seen(PEER, null);
    CompletableFuture<Response> f = client.send(PEER, new Request.Ping(SELF), 0);

    time.advance(Defaults.RPC_TIMEOUT.minusMillis(1));
    assertThat(f).isNotDone();
    time.advance(Duration.ofMillis(1));

    assertThat(f).isCompletedExceptionally();
    assertThat(client.failingRecently(PEER.id())).isTrue();
    assertThat(routing.snapshot().contacts().get(0).failures()).isEqualTo(1);
    time.advance(RpcTiming.FAILING_FOR.plusMillis(1));
    assertThat(client.failingRecently(PEER.id())).as("forgotten after a while").isFalse();
  }

  @Test
  void aMessageThatCannotBeSent_failsAtOnce_withoutRetransmission() {
    RpcPort refusing =
        new RpcPort() {
          @Override
          public InetSocketAddress localAddress() {
            return port.localAddress();
          }

          @Override
          public CompletableFuture<Response> send(
              InetSocketAddress to, Request request, Duration timeout) {
            return CompletableFuture.failedFuture(
                new io.kadscope.engine.rpc.MessageTooLargeException("too large"));
          }

          @Override
          public void serve(RequestHandler handler) {}

          @Override
          public void close() {}
        };
    RpcClient c =
        new RpcClient(
            SELF,
            refusing,
            routing,
            time.clock(),
            time,
            Defaults.RPC_TIMEOUT,
            events::add,
            x -> {},
            new Refusals("test", time.clock()));

    CompletableFuture<Response> f = c.send(PEER, new Request.Ping(SELF), 0);

    assertThat(f).isCompletedExceptionally();
    assertThat(time.advance(Defaults.RPC_TIMEOUT)).as("no timer left behind").isZero();
  }
}
