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
}
