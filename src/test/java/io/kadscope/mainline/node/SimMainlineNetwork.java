package io.kadscope.mainline.node;

import io.kadscope.engine.NodeId;
import io.kadscope.engine.Scheduler;
import io.kadscope.engine.VirtualScheduler;
import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.RequestHandler;
import io.kadscope.engine.rpc.Response;
import io.kadscope.engine.rpc.RpcKind;
import io.kadscope.engine.rpc.RpcStats;
import io.kadscope.sim.SimNetwork;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * Mainline ports on the simulated network, on virtual time: each speaks the BitTorrent DHT's kinds,
 * and every answer it takes reports the asker's address as {@link #seenAs} says (its own, unless a
 * test makes it look like a public one), as KRPC's {@code ip} does.
 */
final class SimMainlineNetwork implements MainlineNetwork {
  static final Set<RpcKind> KRPC =
      EnumSet.of(
          RpcKind.PING,
          RpcKind.FIND_NODE,
          RpcKind.GET_PEERS,
          RpcKind.ANNOUNCE_PEER,
          RpcKind.GET_ITEM,
          RpcKind.PUT_ITEM,
          RpcKind.STUN);

  private final SimNetwork net;
  private final VirtualScheduler time;
  private volatile UnaryOperator<InetSocketAddress> seenAs = a -> a;

  SimMainlineNetwork(SimNetwork net, VirtualScheduler time) {
    this.net = net;
    this.time = time;
  }

  /** How responders see each asker's address from now on. */
  void seenAs(UnaryOperator<InetSocketAddress> f) {
    this.seenAs = f;
  }

  @Override
  public MainlinePort open(InetSocketAddress bind, NodeId self) {
    var inner = bind.getAddress().isAnyLocalAddress() ? net.newPort() : net.newPort(bind);
    return new MainlinePort() {
      private volatile AddressReports reports = AddressReports.NONE;

      @Override
      public void addressReports(AddressReports r) {
        this.reports = r;
      }

      @Override
      public InetSocketAddress localAddress() {
        return inner.localAddress();
      }

      @Override
      public CompletableFuture<Response> send(
          InetSocketAddress to, Request request, Duration timeout) {
        return inner
            .send(to, request, timeout)
            .thenApply(
                r -> {
                  reports.reported(to, seenAs.apply(inner.localAddress()));
                  return r;
                });
      }

      @Override
      public void serve(RequestHandler handler) {
        inner.serve(handler);
      }

      @Override
      public Set<RpcKind> speaks() {
        return KRPC;
      }

      @Override
      public RpcStats stats() {
        return inner.stats();
      }

      @Override
      public void close() {
        inner.close();
      }
    };
  }

  @Override
  public Scheduler scheduler() {
    return time;
  }

  @Override
  public void close() {}
}
