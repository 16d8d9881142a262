package io.kadscope;

import io.kadscope.gui.GuiLaunch;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options of a peer, accepted before or after {@code create}/{@code join}: {@code kadscope
 * --headless join …} and {@code kadscope join … --headless} mean the same. Unset options are null,
 * so that the command's own value can win over the top level's.
 */
final class PeerOptions {
  @Option(
      names = "--headless",
      description = "Run a peer with a console on standard input instead of the visualiser.")
  Boolean headless;

  @Option(
      names = "--state",
      paramLabel = "FILE",
      description =
          "Save the node's id, contacts and values to FILE (JSON) every 10 minutes and at"
              + " shutdown; come back from it at start (--headless only).")
  Path state;

  @Option(
      names = "--bind",
      paramLabel = "IP",
      description = "The local address to listen on (default 0.0.0.0: every interface).")
  String bind;

  @Option(
      names = "--peers",
      paramLabel = "N",
      description = "Peers of the visualiser's live local network (default 24); implies --local.")
  Integer peers;

  @Option(
      names = "--local",
      description =
          "Open the visualiser on a live network of --peers peers on 127.0.0.1 instead of a"
              + " simulated one.")
  Boolean local;

  @Option(
      names = "--sim-peers",
      paramLabel = "N",
      description =
          "Peers of the visualiser's simulated network (default 10,000; 1,000 to 100,000).")
  Integer simPeers;

  /** The fewest peers of a simulated network (as the visualiser's simulator allows). */
  static final int MIN_SIM_PEERS = 1_000;

  /** The most peers of a simulated network. */
  static final int MAX_SIM_PEERS = 100_000;

  /** Peers of the simulated network unless told otherwise. */
  static final int DEFAULT_SIM_PEERS = 10_000;

  /** This command's options, falling back to {@code outer}'s where unset. */
  PeerOptions over(PeerOptions outer) {
    PeerOptions o = new PeerOptions();
    o.headless = headless != null ? headless : outer.headless;
    o.state = state != null ? state : outer.state;
    o.bind = bind != null ? bind : outer.bind;
    o.peers = peers != null ? peers : outer.peers;
    o.local = local != null ? local : outer.local;
    o.simPeers = simPeers != null ? simPeers : outer.simPeers;
    return o;
  }

  /** Whether the window opens on the live local network rather than a simulated one. */
  boolean wantsLocal() {
    return Boolean.TRUE.equals(local) || peers != null;
  }

  int simPeersOrDefault() {
    return simPeers != null ? simPeers : DEFAULT_SIM_PEERS;
  }

  boolean isHeadless() {
    return Boolean.TRUE.equals(headless);
  }

  String bindOrDefault() {
    return bind != null ? bind : "0.0.0.0";
  }

  int peersOrDefault() {
    return peers != null ? peers : GuiLaunch.DEFAULT_LOCAL_PEERS;
  }
}
