package io.kadscope;

import io.kadscope.cli.CliException;
import io.kadscope.cli.Sizes;
import io.kadscope.engine.Defaults;
import io.kadscope.engine.guard.Limits;
import io.kadscope.gui.GuiLaunch;
import io.kadscope.headless.HeadlessPeer;
import io.kadscope.mainline.node.MainlineNode;
import java.nio.file.Path;
import java.time.Duration;
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
      names = "--protocol",
      paramLabel = "PROTOCOL",
      description =
          "rpcudp (the course's, with the Python kademlia package; default) or mainline"
              + " (BitTorrent's DHT: KRPC, BEP 5, 42, 44; default ports 6881).")
  String protocol;

  @Option(
      names = "--max-keys",
      paramLabel = "N",
      description =
          "The most values held for other peers (default 65536; this peer's own values always"
              + " fit; when full, the keys nearest this peer's id are kept).")
  Integer maxKeys;

  @Option(
      names = "--max-store-bytes",
      paramLabel = "SIZE",
      description = "The most bytes of values held for other peers (default 32m).")
  String maxStoreBytes;

  @Option(
      names = "--contacts-per-address",
      paramLabel = "N",
      description =
          "The most contacts of one IP address (an IPv6 /64) in a k-bucket (default 2;"
              + " loopback is exempt).")
  Integer contactsPerAddress;

  @Option(
      names = "--save-every",
      paramLabel = "SECONDS",
      description = "How often --state is saved while the peer runs (default 600).")
  Double saveEverySeconds;

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
    o.protocol = protocol != null ? protocol : outer.protocol;
    o.maxKeys = maxKeys != null ? maxKeys : outer.maxKeys;
    o.maxStoreBytes = maxStoreBytes != null ? maxStoreBytes : outer.maxStoreBytes;
    o.contactsPerAddress =
        contactsPerAddress != null ? contactsPerAddress : outer.contactsPerAddress;
    o.saveEverySeconds = saveEverySeconds != null ? saveEverySeconds : outer.saveEverySeconds;
    return o;
  }

  /** Whether any option that only a headless peer takes was given. */
  boolean hasHeadlessOnlyOption() {
    return state != null
        || maxKeys != null
        || maxStoreBytes != null
        || contactsPerAddress != null
        || saveEverySeconds != null;
  }

  /** The limits these options ask for, over the defaults. */
  Limits limits() {
    Limits l = Limits.DEFAULT;
    if (maxKeys != null) {
      if (maxKeys < 1) {
        throw new CliException(
            "--max-keys must be at least 1, found " + maxKeys, CliException.USAGE);
      }
      l = l.withMaxKeys(maxKeys);
    }
    if (maxStoreBytes != null) {
      l = l.withMaxBytes(Sizes.parse(maxStoreBytes, "--max-store-bytes"));
    }
    if (contactsPerAddress != null) {
      if (contactsPerAddress < 1) {
        throw new CliException(
            "--contacts-per-address must be at least 1, found " + contactsPerAddress,
            CliException.USAGE);
      }
      l = l.withContactsPerAddress(contactsPerAddress);
    }
    return l;
  }

  /** How often the state is saved. */
  Duration saveInterval() {
    if (saveEverySeconds == null) {
      return HeadlessPeer.SAVE_INTERVAL;
    }
    if (!(saveEverySeconds >= 0.01) || saveEverySeconds > 366 * 86400.0) {
      throw new CliException(
          "--save-every must be a number of seconds from 0.01 to a year, found " + saveEverySeconds,
          CliException.USAGE);
    }
    return Duration.ofNanos((long) (saveEverySeconds * 1e9));
  }

  /**
   * Whether {@code --protocol} asks for the BitTorrent DHT.
   *
   * @throws CliException (usage) for a protocol other than rpcudp and mainline
   */
  boolean isMainline() {
    if (protocol == null || protocol.equalsIgnoreCase("rpcudp")) {
      return false;
    }
    if (protocol.equalsIgnoreCase("mainline")) {
      return true;
    }
    throw new CliException(
        "--protocol expects rpcudp or mainline, found '" + protocol + "'", CliException.USAGE);
  }

  /** The UDP port a peer of the chosen protocol uses unless told otherwise. */
  int defaultPort() {
    return isMainline() ? MainlineNode.DEFAULT_PORT : Defaults.PORT;
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
