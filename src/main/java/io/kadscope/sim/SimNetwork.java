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
import java.util.Optional;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * An in-memory network of many engines on virtual time: each message takes the delay of its {@link
 * Latency} model and is lost with a given probability. Requests and responses are records, never
 * bytes, so the engine runs here exactly as over UDP, minus the codec; a response carries the
 * message id of its request, and a port takes it by the rules of {@link RpcPort} ({@link
 * PendingRequests}). A closed port is gone at once, as a peer that loses its socket: what is sent
 * to it is lost, and it says goodbye to no one. Single-threaded: drive it from the {@link
 * VirtualScheduler}'s thread.
 *
 * <p>Deterministic: given the same seed (the {@link Random} handed in, which draws the losses and
 * the jitter, and the links' delays when they differ) and the same calls, every message is lost or
 * delivered at the same virtual instant. Each host of {@link #newPort()} has an address object of
 * its own that every message from it carries, so a network of a million peers holds a million
 * addresses, not one per message.
 */
public final class SimNetwork {
  private final VirtualScheduler scheduler;
  private final Latency latency;
  private final long seed;
  private final double loss;
  private final Random random;
  private final Map<InetSocketAddress, Host> hosts = new HashMap<>();
  private int nextHost = 1;
  private long nextMessageId = 1;
  private long sent;
  private long lost;

  /**
   * A network where every message takes the same time.
   *
   * @param latency one-way delay of every message
   * @param loss probability in [0, 1) that a message is dropped
   */
  public SimNetwork(VirtualScheduler scheduler, Duration latency, double loss, Random random) {
    this(scheduler, Latency.fixed(latency), loss, random);
  }

  /**
   * @param latency the delay model; a model whose links differ draws its seed from {@code random}
   * @param loss probability in [0, 1) that a message is dropped
   * @param random draws the losses and the jitter
   */
  public SimNetwork(VirtualScheduler scheduler, Latency latency, double loss, Random random) {
    if (!(loss >= 0 && loss < 1)) {
      throw new IllegalArgumentException("loss is a probability in [0, 1), found " + loss);
    }
    this.scheduler = scheduler;
    this.latency = latency;
    this.loss = loss;
    this.random = random;
    this.seed = latency.needsSeed() ? random.nextLong() : 0;
  }

  /** The scheduler whose time the network runs on. */
  public VirtualScheduler scheduler() {
    return scheduler;
  }

  /** A port at a new address (10.x.y.z:7123). */
  public RpcPort newPort() {
    InetSocketAddress a = nextAddress();
    SimPort p = new SimPort(a, nextHost - 1);
    attach(a, p);
    return p;
  }

  /** A port at {@code address}. */
  public RpcPort newPort(InetSocketAddress address) {
    SimPort p = new SimPort(address, nextHost++);
    attach(address, p);
    return p;
  }

  /** The delay model. */
  public Latency latency() {
    return latency;
  }

  /** The probability that a message is lost. */
  public double loss() {
    return loss;
  }

  /** Messages sent so far, lost ones included. */
  public long sent() {
    return sent;
  }

  /** Messages lost so far. */
  public long lost() {
    return lost;
  }

  /** How many hosts are attached (ports open). */
  public int hosts() {
    return hosts.size();
  }

  /**
   * The fixed part of the one-way delay between two attached hosts (without jitter), or empty when
   * either is not attached.
   */
  public Optional<Duration> linkDelay(InetSocketAddress a, InetSocketAddress b) {
    long n = linkNanos(a, b);
    return n < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(n));
  }

  /** {@link #linkDelay} in nanoseconds, -1 when either host is not attached. */
  long linkNanos(InetSocketAddress a, InetSocketAddress b) {
    if (latency.kind() == Latency.Kind.FIXED) {
      return hosts.containsKey(a) && hosts.containsKey(b) ? latency.linkNanos(seed, 0, 0) : -1;
    }
    Host ha = hosts.get(a);
    Host hb = hosts.get(b);
    if (ha == null || hb == null) {
      return -1;
    }
    return latency.linkNanos(seed, ha.number(), hb.number());
  }

  /**
   * A host at a new address that keeps the requests it receives and answers only when told, with
   * any message id: a peer that breaks the rules, for tests of those rules.
   */
  RawHost newRawHost() {
    RawHost h = new RawHost(nextAddress(), nextHost - 1);
    attach(h.address, h);
    return h;
  }

  private InetSocketAddress nextAddress() {
    int n = nextHost++;
    if (n >= 1 << 24) {
      throw new IllegalStateException("the simulated network has no address left in 10.0.0.0/8");
    }
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
    sent++;
    if (loss > 0 && random.nextDouble() < loss) {
      lost++;
      return true;
    }
    return false;
  }

  /**
   * Sends a request after its delay, unless it is lost; it reaches whoever is attached at {@code
   * to} when it was sent and still is when it arrives.
   */
  private void sendRequest(Host from, InetSocketAddress to, long id, Request r) {
    Host target = hosts.get(to);
    if (lose() || target == null) {
      return;
    }
    scheduler.schedule(
        delay(from, target),
        () -> {
          if (hosts.get(to) == target) {
            target.request(from.address(), id, r);
          }
        });
  }

  /** Sends a response after its delay, unless it is lost. */
  private void sendResponse(Host from, InetSocketAddress to, long id, Response r) {
    Host target = hosts.get(to);
    if (lose() || target == null) {
      return;
    }
    scheduler.schedule(
        delay(from, target),
        () -> {
          if (hosts.get(to) == target) {
            target.response(from.address(), id, r);
          }
        });
  }

  private Duration delay(Host from, Host to) {
    return Duration.ofNanos(latency.messageNanos(seed, from.number(), to.number(), random));
  }

  /** Something at an address of the network that messages reach. */
  private interface Host {
    InetSocketAddress address();

    /** Its number on the network, which the latency model draws its links from. */
    int number();

    void request(InetSocketAddress from, long id, Request request);

    void response(InetSocketAddress from, long id, Response response);
  }

  private final class SimPort implements RpcPort, Host {
    private final InetSocketAddress address;
    private final int number;
    private final PendingRequests<Long> pending =
        new PendingRequests<>(scheduler, PendingRequests.DropListener.NONE);
    private RequestHandler handler;
    private boolean open = true;
    private long received;

    SimPort(InetSocketAddress address, int number) {
      this.address = address;
      this.number = number;
    }

    @Override
    public InetSocketAddress localAddress() {
      return address;
    }

    @Override
    public InetSocketAddress address() {
      return address;
    }

    @Override
    public int number() {
      return number;
    }

    @Override
    public CompletableFuture<Response> send(
        InetSocketAddress to, Request request, Duration timeout) {
      CompletableFuture<Response> future = new CompletableFuture<>();
      long id = nextMessageId++;
      pending.add(id, to, request, timeout, future);
      if (open) {
        sendRequest(this, to, id, request);
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
        sendResponse(this, from, id, response);
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
    private final int number;
    private final Queue<Received> received = new ArrayDeque<>();

    private RawHost(InetSocketAddress address, int number) {
      this.address = address;
      this.number = number;
    }

    @Override
    public InetSocketAddress address() {
      return address;
    }

    @Override
    public int number() {
      return number;
    }

    /** The oldest request not yet taken, or null. */
    Received poll() {
      return received.poll();
    }

    /** Sends {@code response} under {@code messageId} to {@code to}, from this host's address. */
    void respond(long messageId, Response response, InetSocketAddress to) {
      sendResponse(this, to, messageId, response);
    }

    @Override
    public void request(InetSocketAddress from, long id, Request request) {
      received.add(new Received(from, id, request));
    }

    @Override
    public void response(InetSocketAddress from, long id, Response response) {}
  }
}
