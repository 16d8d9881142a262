package io.kadscope.mainline.node;

import io.kadscope.engine.rpc.RpcPort;
import java.net.InetSocketAddress;

/**
 * An {@link RpcPort} that speaks the BitTorrent DHT's KRPC, and tells who reports seeing this node
 * at which address: every KRPC answer may carry the requester's address as the responder saw it
 * (BEP 42's {@code ip}), from which a node behind a NAT learns its external address and the id it
 * should have. Implemented over UDP by {@code io.kadscope.transport.KrpcRpcPort}.
 */
public interface MainlinePort extends RpcPort {

  /** Hears the address reports of answers to this port's requests. */
  @FunctionalInterface
  interface AddressReports {
    /** Does nothing. */
    AddressReports NONE = (reporter, seenAs) -> {};

    /**
     * {@code reporter} answered a request of ours and saw it come from {@code seenAs}; runs on the
     * port's I/O thread, only for answers the port took (from the address asked, with a known
     * transaction id).
     */
    void reported(InetSocketAddress reporter, InetSocketAddress seenAs);
  }

  /** Sends every later address report to {@code reports} (replacing any earlier listener). */
  void addressReports(AddressReports reports);
}
