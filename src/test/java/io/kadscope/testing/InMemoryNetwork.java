package io.kadscope.testing;

import io.kadscope.engine.Defaults;
import io.kadscope.engine.ExecutorScheduler;
import io.kadscope.engine.KademliaNode;
import io.kadscope.engine.NodeFactory;
import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.RequestHandler;
import io.kadscope.engine.rpc.Response;
import io.kadscope.engine.rpc.RpcPort;
import io.kadscope.engine.rpc.RpcTimeoutException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A {@link NodeFactory} whose nodes talk through memory instead of UDP: every node is reachable at
 * 127.0.0.1 and its port, requests are answered on one "I/O" thread like Netty's, and a request to
 * a port nobody serves times out after its timeout. Several factories may share one network (as
 * separate processes share the loopback interface).
 */
public final class InMemoryNetwork {
  private static final InetAddress LOOPBACK = loopback();

  private final Map<Integer, Port> ports = new ConcurrentHashMap<>();
  private final AtomicInteger nextPort = new AtomicInteger(40_000);
  private final ExecutorService io =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "in-memory-io");
            t.setDaemon(true);
            return t;
          });
  private final ExecutorScheduler scheduler = new ExecutorScheduler();

  /** A factory of nodes on this network; closing it stops nothing of the network. */
  public NodeFactory factory() {
    return factory(Defaults.RPC_TIMEOUT);
  }

  /** A factory whose nodes give up on an RPC after {@code rpcTimeout} unless told otherwise. */
  public NodeFactory factory(Duration rpcTimeout) {
    return new NodeFactory() {
      @Override
      public KademliaNode create(
          InetSocketAddress bind, Consumer<KademliaNode.Builder> customizer) {
        Port port = bind(bind.getPort());
        KademliaNode.Builder b =
            KademliaNode.builder().rpcPort(port).scheduler(scheduler).rpcTimeout(rpcTimeout);
        customizer.accept(b);
        return b.build();
      }

      @Override
      public void close() {}
    };
  }

  /** How many ports are open. */
  public int openPorts() {
    return ports.size();
  }

  /** Releases the threads. */
  public void shutdown() {
    io.shutdownNow();
    scheduler.close();
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private Port bind(int requested) {
    int p = requested == 0 ? nextPort.getAndIncrement() : requested;
    Port port = new Port(new InetSocketAddress(LOOPBACK, p));
    if (ports.putIfAbsent(p, port) != null) {
      throw new UncheckedIOException("address in use", new BindException("Address already in use"));
    }
    return port;
  }

  private final class Port implements RpcPort {
    private final InetSocketAddress address;
    private volatile RequestHandler handler;

    Port(InetSocketAddress address) {
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
      Port target = ports.get(to.getPort());
      RequestHandler h = target == null ? null : target.handler;
      if (h == null) {
        scheduler.schedule(
            timeout,
            () -> f.completeExceptionally(new RpcTimeoutException("no answer from " + to)));
        return f;
      }
      io.execute(
          () -> {
            Response r = h.handle(address, request);
            if (r == null) {
              f.completeExceptionally(new RpcTimeoutException("no answer from " + to));
            } else {
              f.complete(r);
            }
          });
      return f.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void serve(RequestHandler handler) {
      this.handler = handler;
    }

    @Override
    public void close() {
      handler = null;
      ports.remove(address.getPort(), this);
    }
  }
}
