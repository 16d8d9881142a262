package io.kadscope.sim;

import io.kadscope.engine.VirtualScheduler;
import io.kadscope.engine.rpc.Response;
import io.kadscope.engine.rpc.RpcPort;
import io.kadscope.engine.rpc.RpcPortContract;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/** The simulated network's ports keep the rules of every port, on virtual time. */
class SimPortContractTest extends RpcPortContract<Long> {
  private static final Duration LATENCY = Duration.ofMillis(10);

  private final VirtualScheduler time = new VirtualScheduler();
  private final SimNetwork net = new SimNetwork(time, LATENCY, 0, new Random(1));

  @Override
  protected RpcPort newPort() {
    return net.newPort();
  }

  @Override
  protected RawPeer<Long> newRawPeer() {
    SimNetwork.RawHost host = net.newRawHost();
    return new RawPeer<>() {
      @Override
      public InetSocketAddress address() {
        return host.address();
      }

      @Override
      public Received<Long> receive() {
        SimNetwork.Received r;
        while ((r = host.poll()) == null) {
          if (!time.runNext()) {
            throw new AssertionError("no request reached " + host.address());
          }
        }
        return new Received<>(r.messageId(), r.request());
      }

      @Override
      public void respond(Long id, Response response, InetSocketAddress to) {
        host.respond(id, response, to);
      }

      @Override
      public Long unknownId() {
        return -1L;
      }

      @Override
      public void close() {}
    };
  }

  @Override
  protected void awaitDone(CompletableFuture<?> f) {
    while (!f.isDone() && time.runNext()) {
      // each step runs the next message or timer
    }
    if (!f.isDone()) {
      throw new AssertionError("the network ran out of work before the request ended");
    }
  }

  @Override
  protected void settle(RpcPort port, RawPeer<Long> peer) {
    time.advance(LATENCY.multipliedBy(3));
  }
}
