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
      description = "Peers of the visualiser's local network (default 24).")
  Integer peers;

  /** This command's options, falling back to {@code outer}'s where unset. */
  PeerOptions over(PeerOptions outer) {
    PeerOptions o = new PeerOptions();
    o.headless = headless != null ? headless : outer.headless;
    o.state = state != null ? state : outer.state;
    o.bind = bind != null ? bind : outer.bind;
    o.peers = peers != null ? peers : outer.peers;
    return o;
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
