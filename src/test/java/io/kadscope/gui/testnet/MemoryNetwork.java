package io.kadscope.gui.testnet;

import io.kadscope.engine.ExecutorScheduler;
import io.kadscope.engine.KademliaNode;
import io.kadscope.engine.NodeFactory;
import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.RequestHandler;
import io.kadscope.engine.rpc.Response;
import io.kadscope.engine.rpc.RpcException;
import io.kadscope.engine.rpc.RpcPort;
import io.kadscope.engine.rpc.RpcTimeoutException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An in-memory stand-in for the UDP transport, for GUI tests and the dev entry point until the real
 * {@code UdpNodeFactory} is merged: ports are entries in a map, a datagram is a task on one network
 * thread delivered after a small random latency, and a request to an address nobody listens on
 * times out as over UDP.
 */
public final class MemoryNetwork implements NodeFactory {
  private static final AtomicInteger NEXT_PORT = new AtomicInteger(41000);

  private final Map<InetSocketAddress, MemoryPort> ports = new ConcurrentHashMap<>();
  private final ScheduledThreadPoolExecutor wire;
  private final ExecutorScheduler scheduler = new ExecutorScheduler();
  private final int minLatencyMs;
  private final int maxLatencyMs;

  /** A network whose one-way latency is uniform in [{@code minMs}, {@code maxMs}]. */
  public MemoryNetwork(int minMs, int maxMs) {
    this.minLatencyMs = minMs;
    this.maxLatencyMs = maxMs;
    this.wire =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "memory-net");
              t.setDaemon(true);
              return t;
            });
  }

  /** A network with 2–12 ms one-way latency, like a busy LAN. */
  public MemoryNetwork() {
    this(2, 12);
  }

  @Override
  public KademliaNode create(InetSocketAddress bind, Consumer<KademliaNode.Builder> customizer) {
    int port = bind.getPort() == 0 ? NEXT_PORT.getAndIncrement() : bind.getPort();
    InetSocketAddress address = new InetSocketAddress(bind.getAddress(), port);
    MemoryPort p = new MemoryPort(address);
    if (ports.putIfAbsent(address, p) != null) {
      throw new UncheckedIOException(
          new BindException("address already in use in the memory network: " + address));
    }
    KademliaNode.Builder b = KademliaNode.builder().rpcPort(p).scheduler(scheduler);
    customizer.accept(b);
    return b.build();
  }

  /** How many ports are open. */
  public int openPorts() {
    return ports.size();
  }

  @Override
  public void close() {
    wire.shutdownNow();
    scheduler.close();
  }

  private long latency() {
    return ThreadLocalRandom.current().nextLong(minLatencyMs, maxLatencyMs + 1);
  }

  private final class MemoryPort implements RpcPort {
    private final InetSocketAddress address;
    private volatile RequestHandler handler;

    MemoryPort(InetSocketAddress address) {
      this.address = address;
    }

    @Override
    public InetSocketAddress localAddress() {
      return address;
    }

    @Override
    public CompletableFuture<Response> send(
        InetSocketAddress to, Request request, Duration timeout) {
      CompletableFuture<Response> f = new CompletableFuture<>();
      if (!ports.containsKey(address)) {
        return CompletableFuture.failedFuture(new RpcException("port closed: " + address));
      }
      var timer =
          wire.schedule(
              () ->
                  f.completeExceptionally(
                      new RpcTimeoutException(
                          "no answer from "
                              + to
                              + " to "
                              + request.rpcName()
                              + " within "
                              + timeout.toMillis()
                              + " ms")),
              timeout.toMillis(),
              TimeUnit.MILLISECONDS);
      wire.schedule(
          () -> {
            MemoryPort dest = ports.get(to);
            RequestHandler h = dest == null ? null : dest.handler;
            if (h == null) {
              return;
            }
            Response r = h.handle(address, request);
            if (r != null) {
              wire.schedule(
                  () -> {
                    if (ports.containsKey(address) && timer.cancel(false)) {
                      f.complete(r);
                    }
                  },
                  latency(),
                  TimeUnit.MILLISECONDS);
            }
          },
          latency(),
          TimeUnit.MILLISECONDS);
      return f;
    }

    @Override
    public void serve(RequestHandler handler) {
      this.handler = handler;
    }

    @Override
    public void close() {
      ports.remove(address, this);
    }
  }
}
