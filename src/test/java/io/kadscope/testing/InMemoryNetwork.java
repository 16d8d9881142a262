package io.kadscope.testing;

import io.kadscope.engine.Defaults;
import io.kadscope.engine.ExecutorScheduler;
import io.kadscope.engine.KademliaNode;
import io.kadscope.engine.NodeFactory;
import io.kadscope.engine.rpc.PendingRequests;
import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.RequestHandler;
import io.kadscope.engine.rpc.Response;
import io.kadscope.engine.rpc.RpcPort;
import io.kadscope.engine.rpc.RpcStats;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A {@link NodeFactory} whose nodes talk through memory instead of UDP: every node is reachable at
 * 127.0.0.1 and its port, requests and answers are delivered on one "I/O" thread like Netty's, each
 * answer carrying its request's message id, and a request nobody answers times out after its
 * timeout. Several factories may share one network (as separate processes share the loopback
 * interface).
 */
public final class InMemoryNetwork {
  private static final InetAddress LOOPBACK = loopback();

  private final Map<Integer, Endpoint> endpoints = new ConcurrentHashMap<>();
  private final AtomicInteger nextPort = new AtomicInteger(40_000);
  private final AtomicLong nextMessageId = new AtomicLong();
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
        KademliaNode.Builder b =
            KademliaNode.builder().rpcPort(port(bind)).scheduler(scheduler).rpcTimeout(rpcTimeout);
        customizer.accept(b);
        return b.build();
      }

      @Override
      public void close() {}
    };
  }

  /** A bare port on {@code bind} (port 0 picks a free one), for tests of ports themselves. */
  public RpcPort port(InetSocketAddress bind) {
    Port port = new Port(address(bind.getPort()));
    attach(port.address, port);
    return port;
  }

  /**
   * A peer at a new port that keeps the requests it receives and answers only when told, with any
   * message id: one that breaks the rules, for tests of those rules.
   */
  public RawPeer rawPeer() {
    RawPeer peer = new RawPeer(address(0));
    attach(peer.address, peer);
    return peer;
  }

  /** Waits until the I/O thread has delivered everything sent before this call. */
  public void drain() {
    try {
      io.submit(() -> {}).get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while draining the in-memory network", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the in-memory network did not drain in 5 s", e);
    }
  }

  /** How many ports are open. */
  public int openPorts() {
    return (int) endpoints.values().stream().filter(e -> e instanceof Port).count();
  }

  /** Releases the threads. */
  public void shutdown() {
    io.shutdownNow();
    scheduler.close();
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private InetSocketAddress address(int requested) {
    return new InetSocketAddress(LOOPBACK, requested == 0 ? nextPort.getAndIncrement() : requested);
  }

  private void attach(InetSocketAddress address, Endpoint e) {
    if (endpoints.putIfAbsent(address.getPort(), e) != null) {
      throw new UncheckedIOException("address in use", new BindException("Address already in use"));
    }
  }

  /** Delivers on the I/O thread, if anything listens at {@code to}. */
  private void deliver(InetSocketAddress to, Consumer<Endpoint> delivery) {
    io.execute(
        () -> {
          Endpoint e = endpoints.get(to.getPort());
          if (e != null) {
            delivery.accept(e);
          }
        });
  }

  /** Something at a port of the network that messages reach, on the I/O thread. */
  private interface Endpoint {
    void request(InetSocketAddress from, long id, Request request);

    void response(InetSocketAddress from, long id, Response response);
  }

  private final class Port implements RpcPort, Endpoint {
    private final InetSocketAddress address;
    private final PendingRequests<Long> pending =
        new PendingRequests<>(scheduler, PendingRequests.DropListener.NONE);
    private final AtomicLong received = new AtomicLong();
    private volatile RequestHandler handler;
    private volatile boolean open = true;

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
      long id = nextMessageId.incrementAndGet();
      pending.add(id, to, request, timeout, f);
      if (open) {
        deliver(to, e -> e.request(address, id, request));
      }
      return f;
    }

    @Override
    public void request(InetSocketAddress from, long id, Request request) {
      RequestHandler h = handler;
      if (!open || h == null) {
        return;
      }
      received.incrementAndGet();
      Response r = h.handle(from, request);
      if (r != null) {
        deliver(from, e -> e.response(address, id, r));
      }
    }

    @Override
    public void response(InetSocketAddress from, long id, Response response) {
      if (!open) {
        return;
      }
      received.incrementAndGet();
      PendingRequests<Long>.Pending p = pending.claim(id, from);
      if (p != null) {
        p.complete(response);
      }
    }

    @Override
    public void serve(RequestHandler handler) {
      this.handler = handler;
    }

    @Override
    public RpcStats stats() {
      return new RpcStats(received.get(), 0, pending.unsolicited(), 0);
    }

    @Override
    public void close() {
      open = false;
      handler = null;
      endpoints.remove(address.getPort(), this);
      pending.close(address);
    }
  }

  /** A request a {@link RawPeer} received, and the message id to answer it with. */
  public record Received(InetSocketAddress from, long messageId, Request request) {}

  /** See {@link #rawPeer()}. */
  public final class RawPeer implements Endpoint, AutoCloseable {
    private final InetSocketAddress address;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

    private RawPeer(InetSocketAddress address) {
      this.address = address;
    }

    /** Where it listens. */
    public InetSocketAddress address() {
      return address;
    }

    /** The next request to reach it, waiting at most 5 s (a blocking wait, not a sleep). */
    public Received receive() {
      try {
        Received r = received.poll(5, TimeUnit.SECONDS);
        if (r == null) {
          throw new AssertionError("no request reached " + address + " within 5 s");
        }
        return r;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for a request", e);
      }
    }

    /** Sends {@code response} under {@code messageId} to {@code to}, from this peer's address. */
    public void respond(long messageId, Response response, InetSocketAddress to) {
      deliver(to, e -> e.response(address, messageId, response));
    }

    @Override
    public void request(InetSocketAddress from, long id, Request request) {
      received.add(new Received(from, id, request));
    }

    @Override
    public void response(InetSocketAddress from, long id, Response response) {}

    @Override
    public void close() {
      endpoints.remove(address.getPort(), this);
    }
  }
}
