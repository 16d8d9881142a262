package io.kadscope.sim;

import io.kadscope.engine.VirtualScheduler;
import io.kadscope.engine.rpc.PendingRequests;
import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.RequestHandler;
import io.kadscope.engine.rpc.Response;
import io.kadscope.engine.rpc.RpcPort;
import io.kadscope.engine.rpc.RpcStats;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * An in-memory network of many engines on virtual time: each message takes a fixed latency and is
 * lost with a given probability. Requests and responses are records, never bytes, so the engine
 * runs here exactly as over UDP, minus the codec; a response carries the message id of its request,
 * and a port takes it by the rules of {@link RpcPort} ({@link PendingRequests}). Single-threaded:
 * drive it from the {@link VirtualScheduler}'s thread.
 */
public final class SimNetwork {
  private final VirtualScheduler scheduler;
  private final Duration latency;
  private final double loss;
  private final Random random;
  private final Map<InetSocketAddress, Host> hosts = new HashMap<>();
  private int nextHost = 1;
  private long nextMessageId = 1;
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
    return newPort(nextAddress());
  }

  /** A port at {@code address}. */
  public RpcPort newPort(InetSocketAddress address) {
    SimPort p = new SimPort(address);
    attach(address, p);
    return p;
  }

  /** Messages lost so far. */
  public long lost() {
    return lost;
  }

  /**
   * A host at a new address that keeps the requests it receives and answers only when told, with
   * any message id: a peer that breaks the rules, for tests of those rules.
   */
  RawHost newRawHost() {
    RawHost h = new RawHost(nextAddress());
    attach(h.address, h);
    return h;
  }

  private InetSocketAddress nextAddress() {
    int n = nextHost++;
    byte[] ip = {10, (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    try {
      return new InetSocketAddress(InetAddress.getByAddress(ip), 7123);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("a 4-byte address is always valid", e);
    }
  }

  private void attach(InetSocketAddress address, Host h) {
    if (hosts.containsKey(address)) {
      throw new IllegalArgumentException("address in use on the simulated network: " + address);
    }
    hosts.put(address, h);
  }

  private boolean lose() {
    if (loss > 0 && random.nextDouble() < loss) {
      lost++;
      return true;
    }
    return false;
  }

  /** Sends a request after the latency, unless it is lost. */
  private void sendRequest(InetSocketAddress from, InetSocketAddress to, long id, Request r) {
    if (lose()) {
      return;
    }
    scheduler.schedule(
        latency,
        () -> {
          Host target = hosts.get(to);
          if (target != null) {
            target.request(from, id, r);
          }
        });
  }

  /** Sends a response after the latency, unless it is lost. */
  private void sendResponse(InetSocketAddress from, InetSocketAddress to, long id, Response r) {
    if (lose()) {
      return;
    }
    scheduler.schedule(
        latency,
        () -> {
          Host target = hosts.get(to);
          if (target != null) {
            target.response(from, id, r);
          }
        });
  }

  /** Something at an address of the network that messages reach. */
  private interface Host {
    void request(InetSocketAddress from, long id, Request request);

    void response(InetSocketAddress from, long id, Response response);
  }

  private final class SimPort implements RpcPort, Host {
    private final InetSocketAddress address;
    private final PendingRequests<Long> pending =
        new PendingRequests<>(scheduler, PendingRequests.DropListener.NONE);
    private RequestHandler handler;
    private boolean open = true;
    private long received;

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
      long id = nextMessageId++;
      pending.add(id, to, request, timeout, future);
      if (open) {
        sendRequest(address, to, id, request);
      }
      return future;
    }

    @Override
    public void request(InetSocketAddress from, long id, Request request) {
      if (!open || handler == null) {
        return;
      }
      received++;
      Response response = handler.handle(from, request);
      if (response != null) {
        sendResponse(address, from, id, response);
      }
    }

    @Override
    public void response(InetSocketAddress from, long id, Response response) {
      if (!open) {
        return;
      }
      received++;
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
      return new RpcStats(received, 0, pending.unsolicited(), 0);
    }

    @Override
    public void close() {
      open = false;
      hosts.remove(address, this);
      pending.close(address);
    }
  }

  /** A request a {@link RawHost} received, and the message id to answer it with. */
  record Received(InetSocketAddress from, long messageId, Request request) {}

  /** See {@link #newRawHost()}. */
  final class RawHost implements Host {
    private final InetSocketAddress address;
    private final Queue<Received> received = new ArrayDeque<>();

    private RawHost(InetSocketAddress address) {
      this.address = address;
    }

    InetSocketAddress address() {
      return address;
    }

    /** The oldest request not yet taken, or null. */
    Received poll() {
      return received.poll();
    }

    /** Sends {@code response} under {@code messageId} to {@code to}, from this host's address. */
    void respond(long messageId, Response response, InetSocketAddress to) {
      sendResponse(address, to, messageId, response);
    }

    @Override
    public void request(InetSocketAddress from, long id, Request request) {
      received.add(new Received(from, id, request));
    }

    @Override
    public void response(InetSocketAddress from, long id, Response response) {}
  }
}
