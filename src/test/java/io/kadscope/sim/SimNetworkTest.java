package io.kadscope.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kadscope.engine.NodeId;
import io.kadscope.engine.VirtualScheduler;
import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.Response;
import io.kadscope.engine.rpc.RpcException;
import io.kadscope.engine.rpc.RpcPort;
import io.kadscope.engine.rpc.RpcTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SimNetworkTest {
  private final VirtualScheduler time = new VirtualScheduler();
  private final SimNetwork net = new SimNetwork(time, Duration.ofMillis(10), 0, new Random(1));
  private final NodeId me = NodeId.random(new Random(2));

  @Test
  void aRequestIsAnsweredAfterTwoLatencies() {
    RpcPort a = net.newPort();
    RpcPort b = net.newPort();
    b.serve((from, req) -> new Response.PingReply(me));
    CompletableFuture<Response> f =
        a.send(b.localAddress(), new Request.Ping(me), Duration.ofSeconds(5));
    time.advance(Duration.ofMillis(19));
    assertThat(f).isNotDone();
    time.advance(Duration.ofMillis(1));
    assertThat(f).isCompletedWithValue(new Response.PingReply(me));
  }

  @Test
  void anUnansweredRequestTimesOut() {
    RpcPort a = net.newPort();
    RpcPort silent = net.newPort();
    silent.serve((from, req) -> null);
    CompletableFuture<Response> f =
        a.send(silent.localAddress(), new Request.Ping(me), Duration.ofSeconds(5));
    time.advance(Duration.ofSeconds(5));
    assertThatThrownBy(f::join).hasCauseInstanceOf(RpcTimeoutException.class);
  }

  @Test
  void closingAPortFailsWhatItStillAwaits() {
    RpcPort a = net.newPort();
    RpcPort silent = net.newPort();
    silent.serve((from, req) -> null);
    CompletableFuture<Response> f =
        a.send(silent.localAddress(), new Request.Ping(me), Duration.ofSeconds(5));
    a.close();
    assertThat(f).isCompletedExceptionally();
    assertThatThrownBy(f::join)
        .hasCauseInstanceOf(RpcException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void eachLinkHasItsOwnDelay_fromTheModel_theSameForEveryMessage() {
    VirtualScheduler t = new VirtualScheduler();
    SimNetwork n = new SimNetwork(t, Latency.parse("uniform:5ms..150ms"), 0, new Random(4));
    RpcPort a = n.newPort();
    RpcPort b = n.newPort();
    RpcPort c = n.newPort();
    Duration ab = n.linkDelay(a.localAddress(), b.localAddress()).orElseThrow();
    assertThat(n.linkDelay(b.localAddress(), a.localAddress())).contains(ab);
    assertThat(ab).isNotEqualTo(n.linkDelay(a.localAddress(), c.localAddress()).orElseThrow());
    b.serve((from, req) -> new Response.PingReply(me));
    for (int i = 0; i < 3; i++) {
      Instant sent = t.now();
      CompletableFuture<Response> f =
          a.send(b.localAddress(), new Request.Ping(me), Duration.ofSeconds(5));
      while (!f.isDone()) {
        t.runNext();
      }
      assertThat(Duration.between(sent, t.now())).isEqualTo(ab.multipliedBy(2));
    }
  }

  @Test
  void lossDropsAboutTheShareAsked_andTheSameSeedLosesTheSameMessages() {
    long[] lostA = lossRun(9);
    long[] lostB = lossRun(9);
    assertThat(lostA).isEqualTo(lostB);
    assertThat(lostA[0] / (double) lostA[1]).as("share lost").isBetween(0.17, 0.23);
  }

  private long[] lossRun(long seed) {
    VirtualScheduler t = new VirtualScheduler();
    SimNetwork n = new SimNetwork(t, Latency.parse("10ms+3ms"), 0.2, new Random(seed));
    RpcPort a = n.newPort();
    RpcPort b = n.newPort();
    b.serve((from, req) -> new Response.PingReply(me));
    long answeredAt = 0;
    for (int i = 0; i < 2000; i++) {
      CompletableFuture<Response> f =
          a.send(b.localAddress(), new Request.Ping(me), Duration.ofSeconds(1));
      while (!f.isDone()) {
        t.runNext();
      }
      if (!f.isCompletedExceptionally()) {
        answeredAt += t.now().toEpochMilli();
      }
    }
    return new long[] {n.lost(), n.sent(), answeredAt};
  }

  @Test
  void aClosedPort_isGoneAtOnce_whatIsSentToItIsLostAndItsSenderTimesOut() {
    RpcPort a = net.newPort();
    RpcPort b = net.newPort();
    b.serve((from, req) -> new Response.PingReply(me));
    CompletableFuture<Response> inFlight =
        a.send(b.localAddress(), new Request.Ping(me), Duration.ofSeconds(5));
    time.advance(Duration.ofMillis(5));
    b.close();
    CompletableFuture<Response> after =
        a.send(b.localAddress(), new Request.Ping(me), Duration.ofSeconds(5));
    time.advance(Duration.ofSeconds(5));

    assertThatThrownBy(inFlight::join).hasCauseInstanceOf(RpcTimeoutException.class);
    assertThatThrownBy(after::join).hasCauseInstanceOf(RpcTimeoutException.class);
    assertThat(net.hosts()).isEqualTo(1);
  }
}
