package io.kadscope.sim;

import io.kadscope.engine.VirtualScheduler;
import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.RequestHandler;
import io.kadscope.engine.rpc.Response;
import io.kadscope.engine.rpc.RpcException;
import io.kadscope.engine.rpc.RpcPort;
import io.kadscope.engine.rpc.RpcStats;
import io.kadscope.engine.rpc.RpcTimeoutException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * An in-memory network of many engines on virtual time: each message takes a fixed latency and is
 * lost with a given probability. Requests and responses are records, never bytes, so the engine
 * runs here exactly as over UDP, minus the codec. Single-threaded: drive it from the {@link
 * VirtualScheduler}'s thread.
 */
public final class SimNetwork {
  private final VirtualScheduler scheduler;
  private final Duration latency;
  private final double loss;
  private final Random random;
  private final Map<InetSocketAddress, SimPort> ports = new HashMap<>();
  private int nextHost = 1;
  private long delivered;
  private long lost;

  /**
   * @param latency one-way delay of every message
   * @param loss probability in [0, 1) that a message is dropped
   */
  public SimNetwork(VirtualScheduler scheduler, Duration latency, double loss, Random random) {
    if (loss < 0 || loss >= 1) {
      throw new IllegalArgumentException("loss is a probability in [0, 1), found " + loss);
    }
    this.scheduler = scheduler;
    this.latency = latency;
    this.loss = loss;
    this.random = random;
  }

  /** The scheduler whose time the network runs on. */
  public VirtualScheduler scheduler() {
    return scheduler;
  }

  /** A port at a new address (10.x.y.z:7123). */
  public RpcPort newPort() {
    int n = nextHost++;
    byte[] ip = {10, (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    try {
      return newPort(new InetSocketAddress(InetAddress.getByAddress(ip), 7123));
    } catch (UnknownHostException e) {
      throw new IllegalStateException("a 4-byte address is always valid", e);
    }
  }

  /** A port at {@code address}. */
  public RpcPort newPort(InetSocketAddress address) {
    if (ports.containsKey(address)) {
      throw new IllegalArgumentException("address in use on the simulated network: " + address);
    }
    SimPort p = new SimPort(address);
    ports.put(address, p);
    return p;
  }

  /** Messages delivered so far. */
  public long delivered() {
    return delivered;
  }

  /** Messages lost so far. */
  public long lost() {
    return lost;
  }

  private boolean lose() {
    if (loss > 0 && random.nextDouble() < loss) {
      lost++;
      return true;
    }
    return false;
  }

  private final class SimPort implements RpcPort {
    private final InetSocketAddress address;
    private RequestHandler handler;
    private boolean open = true;
    private long received;
    private final java.util.Set<CompletableFuture<Response>> pending = new java.util.HashSet<>();

    SimPort(InetSocketAddress address) {
      this.address = address;
    }

    @Override
    public InetSocketAddress localAddress() {
      return address;
    }

    @Override
    public CompletableFuture<Response> send(
        InetSocketAddress to, Request request, Duration timeout) {
      CompletableFuture<Response> future = new CompletableFuture<>();
      if (!open) {
        future.completeExceptionally(new RpcException("port " + address + " is closed"));
        return future;
      }
      var timer =
          scheduler.schedule(
              timeout,
              () ->
                  future.completeExceptionally(
                      new RpcTimeoutException(
                          "no answer from "
                              + to
                              + " to "
                              + request.kind().label()
                              + " within "
                              + timeout.toMillis()
                              + " ms")));
      pending.add(future);
      future.whenComplete((r, e) -> pending.remove(future));
      if (lose()) {
        return future;
      }
      scheduler.schedule(
          latency,
          () -> {
            SimPort target = ports.get(to);
            if (target == null || !target.open || target.handler == null) {
              return;
            }
            delivered++;
            target.received++;
            Response response = target.handler.handle(address, request);
            if (response == null || lose()) {
              return;
            }
            scheduler.schedule(
                latency,
                () -> {
                  if (open) {
                    delivered++;
                    received++;
                    timer.cancel();
                    future.complete(response);
                  }
                });
          });
      return future;
    }

    @Override
    public void serve(RequestHandler handler) {
      this.handler = handler;
    }

    @Override
    public RpcStats stats() {
      return new RpcStats(received, 0, 0, 0);
    }

    @Override
    public void close() {
      open = false;
      ports.remove(address);
      for (CompletableFuture<Response> f : List.copyOf(pending)) {
        f.completeExceptionally(new RpcException("port " + address + " closed"));
      }
    }
  }
}
