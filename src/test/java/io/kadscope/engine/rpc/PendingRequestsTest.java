package io.kadscope.engine.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kadscope.engine.NodeId;
import io.kadscope.engine.Scheduler;
import io.kadscope.engine.VirtualScheduler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The pending-request table every port keeps, on virtual time. */
class PendingRequestsTest {
  private static final NodeId ME = NodeId.fromHex("aa".repeat(20));
  private static final InetSocketAddress PEER = new InetSocketAddress("10.0.0.2", 7123);
  private static final InetSocketAddress OTHER = new InetSocketAddress("10.0.0.3", 7123);
  private static final InetSocketAddress LOCAL = new InetSocketAddress("10.0.0.1", 7123);
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final Request PING = new Request.Ping(ME);
  private static final Response PONG = new Response.PingReply(ME);

  private final VirtualScheduler time = new VirtualScheduler();
  private final List<String> drops = new ArrayList<>();
  private final PendingRequests<Long> pending =
      new PendingRequests<>(time, (from, reason) -> drops.add(HostPort.of(from) + ": " + reason));

  private CompletableFuture<Response> send(long key) {
    CompletableFuture<Response> f = new CompletableFuture<>();
    pending.add(key, PEER, PING, TIMEOUT, f);
    return f;
  }

  @Test
  void anAnswerFromTheAddressAsked_isTakenOnce_andLeavesTheTable() {
    CompletableFuture<Response> f = send(1);

    PendingRequests<Long>.Pending p = pending.claim(1L, PEER);
    p.complete(PONG);

    assertThat(f).isCompletedWithValue(PONG);
    assertThat(p.request()).isEqualTo(PING);
    assertThat(p.to()).isEqualTo(PEER);
    assertThat(pending.size()).isZero();
    assertThat(pending.unsolicited()).isZero();
    assertThat(pending.claim(1L, PEER)).as("a second answer").isNull();
    assertThat(pending.unsolicited()).isEqualTo(1);
  }

  @Test
  void anAnswerFromAnotherAddress_isDroppedAndCounted_andTheRequestStillWaits() {
    CompletableFuture<Response> f = send(1);

    assertThat(pending.claim(1L, OTHER)).isNull();

    assertThat(f).isNotDone();
    assertThat(pending.size()).isEqualTo(1);
    assertThat(pending.unsolicited()).isEqualTo(1);
    assertThat(drops)
        .containsExactly(
            "10.0.0.3:7123: an answer to ping sent to 10.0.0.2:7123 came from another address");
    pending.claim(1L, PEER).complete(PONG);
    assertThat(f).isCompletedWithValue(PONG);
  }

  @Test
  void anAnswerWithAnUnknownKey_isDroppedAndCounted() {
    assertThat(pending.claim(42L, PEER)).isNull();

    assertThat(pending.unsolicited()).isEqualTo(1);
    assertThat(drops).containsExactly("10.0.0.2:7123: a response with unknown message id 42");
  }

  @Test
  void aRequestNobodyAnswers_failsAtItsTimeout_namingPeerRpcAndWait() {
    CompletableFuture<Response> f = send(1);

    time.advance(TIMEOUT.minusMillis(1));
    assertThat(f).isNotDone();
    time.advance(Duration.ofMillis(1));

    assertThatThrownBy(f::join)
        .cause()
        .isInstanceOf(RpcTimeoutException.class)
        .hasMessage("no answer from 10.0.0.2:7123 to ping within 5000 ms");
    assertThat(pending.size()).isZero();
  }

  @Test
  void anAnswerAfterTheTimeout_isDroppedAndCounted() {
    CompletableFuture<Response> f = send(1);
    time.advance(TIMEOUT);

    assertThat(pending.claim(1L, PEER)).isNull();

    assertThat(f).isCompletedExceptionally();
    assertThat(pending.unsolicited()).isEqualTo(1);
  }

  @Test
  void aClaimedRequest_doesNotTimeOutLater() {
    CompletableFuture<Response> f = send(1);
    PendingRequests<Long>.Pending p = pending.claim(1L, PEER);
    time.advance(TIMEOUT.multipliedBy(2));

    assertThat(f).isNotDone();
    p.complete(PONG);
    assertThat(f).isCompletedWithValue(PONG);
  }

  @Test
  void close_failsEverythingPending_andEveryLaterRequest() {
    CompletableFuture<Response> first = send(1);
    CompletableFuture<Response> second = send(2);

    pending.close(LOCAL);
    CompletableFuture<Response> later = send(3);

    for (CompletableFuture<Response> f : List.of(first, second)) {
      assertThatThrownBy(f::join)
          .cause()
          .isExactlyInstanceOf(RpcException.class)
          .hasMessage("port 10.0.0.1:7123 closed before 10.0.0.2:7123 answered ping");
    }
    assertThatThrownBy(later::join)
        .cause()
        .isExactlyInstanceOf(RpcException.class)
        .hasMessage("port 10.0.0.1:7123 is closed: cannot send ping to 10.0.0.2:7123");
    assertThat(pending.size()).isZero();
    assertThat(pending.isClosed()).isTrue();
    time.advance(TIMEOUT.multipliedBy(2)); // the timers were stopped: nothing fails twice
  }

  @Test
  void abandon_failsTheRequestAtOnce_andOnlyWhileItIsPending() {
    CompletableFuture<Response> f = new CompletableFuture<>();
    PendingRequests<Long>.Pending p = pending.add(1L, PEER, PING, TIMEOUT, f);

    p.abandon(new RpcException("cannot send ping to 10.0.0.2:7123: network unreachable"));
    p.abandon(new RpcException("a second failure is ignored"));

    assertThatThrownBy(f::join).cause().hasMessageContaining("network unreachable");
    assertThat(pending.size()).isZero();
    assertThat(pending.claim(1L, PEER)).isNull();
  }

  @Test
  void aKeyAlreadyAwaitingAnAnswer_failsTheSecondRequest_notTheFirst() {
    CompletableFuture<Response> first = send(7);

    CompletableFuture<Response> second = send(7);

    assertThatThrownBy(second::join)
        .cause()
        .hasMessage(
            "cannot send ping to 10.0.0.2:7123: message id 7 is already awaiting an answer");
    assertThat(first).isNotDone();
    pending.claim(7L, PEER).complete(PONG);
    assertThat(first).isCompletedWithValue(PONG);
  }

  @Test
  void requestsAddedAndAnsweredFromManyThreads_allCompleteOnce() throws Exception {
    Scheduler noTimers =
        new Scheduler() {
          @Override
          public Cancellable schedule(Duration delay, Runnable task) {
            return () -> {};
          }

          @Override
          public Cancellable scheduleEvery(Duration period, Runnable task) {
            return () -> {};
          }
        };
    PendingRequests<Long> shared =
        new PendingRequests<>(noTimers, PendingRequests.DropListener.NONE);
    int threads = 4;
    int each = 5_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<CompletableFuture<Response>>>> work = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        long base = (long) t * each;
        work.add(
            pool.submit(
                () -> {
                  List<CompletableFuture<Response>> fs = new ArrayList<>();
                  for (long k = base; k < base + each; k++) {
                    CompletableFuture<Response> f = new CompletableFuture<>();
                    shared.add(k, PEER, PING, TIMEOUT, f);
                    fs.add(f);
                  }
                  for (long k = base; k < base + each; k++) {
                    // every key is claimed twice: once it is taken, once it is a duplicate
                    PendingRequests<Long>.Pending p = shared.claim(k, PEER);
                    p.complete(PONG);
                    assertThat(shared.claim(k, PEER)).isNull();
                  }
                  return fs;
                }));
      }
      for (Future<List<CompletableFuture<Response>>> w : work) {
        assertThat(w.get(30, TimeUnit.SECONDS))
            .allSatisfy(f -> assertThat(f).isCompletedWithValue(PONG));
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(shared.size()).isZero();
    assertThat(shared.unsolicited()).isEqualTo((long) threads * each);
  }
}
