package io.kadscope.headless;

import io.kadscope.cli.Addresses;
import io.kadscope.cli.Printable;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.guard.Refusal;
import io.kadscope.engine.routing.BucketSnapshot;
import io.kadscope.engine.routing.RoutingSnapshot;
import io.kadscope.mainline.node.MainlineNode;
import io.kadscope.mainline.node.Results;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The console of a peer on BitTorrent's Mainline DHT: reads commands line by line on its own thread
 * and answers on the given stream with lines scripts can read by their first words:
 *
 * <pre>
 * put &lt;text&gt;                 Stored item &lt;40 hex digits&gt; on N peers
 * get &lt;40 hex digits&gt;        Received value &lt;text&gt; | Received value None
 * announce &lt;info-hash&gt; &lt;port&gt; Announced &lt;info-hash&gt; on N peers
 * peers &lt;info-hash&gt;          Peers &lt;info-hash&gt;: &lt;ip:port&gt; ... | Peers &lt;info-hash&gt;: none
 * </pre>
 *
 * <p>and {@code info}, {@code buckets}, {@code help}, {@code q} as the course's console has them.
 * Each command waits for its result before the next line is read; the node is never blocked. A line
 * that is no command (an empty one, one that is not UTF-8 text, one too long) gets one line saying
 * what was expected, and what the console echoes of input or of a peer's value has its control
 * characters escaped ({@link Printable}).
 */
public final class MainlineConsole {

  /** What an empty line is answered. */
  public static final String EMPTY_LINE = "Empty line: type a command (help lists them)";

  /** How much of a wrong argument an error message echoes. */
  private static final int ECHO_CHARS = 48;

  /** The commands in one line, for hints. */
  public static final String SUMMARY =
      "put <text> | get <target> | announce <info-hash> <port> | peers <info-hash> | info |"
          + " buckets | help | q";

  private final MainlineNode node;
  private final PrintStream out;
  private final Duration opTimeout;

  /**
   * @param opTimeout how long a command may take before the console gives up waiting for it (the
   *     operation itself goes on)
   */
  public MainlineConsole(MainlineNode node, PrintStream out, Duration opTimeout) {
    this.node = node;
    this.out = out;
    this.opTimeout = opTimeout;
  }

  /** Reads {@code in} on a new daemon thread; {@code done} hears why it stopped. */
  public Thread start(InputStream in, Consumer<Console.Ending> done) {
    return ConsoleLoop.start(in, out, this::execute, done);
  }

  /**
   * Reads and executes lines of UTF-8 text until {@code q} or the end of input, on the calling
   * thread. A line too long to be a command, or not UTF-8, is refused with a message and skipped.
   */
  public Console.Ending run(InputStream in) {
    return ConsoleLoop.run(in, out, this::execute);
  }

  /** Executes one line; false when it asked to quit. */
  public boolean execute(String line) {
    String trimmed = line.strip();
    if (trimmed.isEmpty()) {
      out.println(EMPTY_LINE);
      return true;
    }
    String[] head = trimmed.split("\\s+", 2);
    String verb = head[0].toLowerCase(Locale.ROOT);
    String rest = head.length > 1 ? head[1] : "";
    try {
      switch (verb) {
        case "put" -> put(line.stripLeading().substring(head[0].length()));
        case "get" -> get(rest);
        case "announce" -> announce(rest);
        case "peers" -> peers(rest);
        case "info" -> noArguments("info", rest, this::info);
        case "buckets" -> noArguments("buckets", rest, this::buckets);
        case "help", "?" -> help();
        case "q", "quit", "exit" -> {
          if (rest.isEmpty()) {
            return false;
          }
          out.println("Usage: " + verb);
        }
        case "set", "del" ->
            out.println(
                verb
                    + " is a command of the course's network; on the BitTorrent DHT use put <text>"
                    + " and get <target>");
        default ->
            out.println(
                "Unknown command " + Printable.quote(head[0], ECHO_CHARS) + ". Usage: " + SUMMARY);
      }
    } catch (IllegalArgumentException e) {
      out.println("Refused: " + Printable.escape(e.getMessage()));
    } catch (TimeoutException e) {
      out.println(
          "No result within "
              + opTimeout.toSeconds()
              + " s; the operation goes on in the background");
    } catch (ExecutionException e) {
      out.println("Failed: " + Printable.escape(e.getCause().getMessage()));
    }
    return true;
  }

  private void noArguments(String verb, String rest, Runnable r) {
    if (rest.isEmpty()) {
      r.run();
    } else {
      out.println("Usage: " + verb);
    }
  }

  private <T> T await(CompletableFuture<T> f) throws ExecutionException, TimeoutException {
    try {
      return f.get(opTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TimeoutException("interrupted");
    }
  }

  private void put(String afterVerb) throws ExecutionException, TimeoutException {
    // the text is the rest of the line after one space, spaces included
    String text = afterVerb.startsWith(" ") ? afterVerb.substring(1) : afterVerb;
    if (text.isEmpty()) {
      out.println("Usage: put <text>");
      return;
    }
    Results.ItemPut r = await(node.putText(text));
    out.println("Stored item " + r.target().toHex() + " on " + r.storedOn().size() + " peers");
  }

  private void get(String rest) throws ExecutionException, TimeoutException {
    NodeId target = id(rest, "get", "<target>", "an item's target");
    if (target == null) {
      return;
    }
    Results.ItemGot r = await(node.get(target));
    // the value comes from any peer: it must not drive the terminal
    out.println("Received value " + r.text().map(Printable::escape).orElse("None"));
  }

  private void announce(String rest) throws ExecutionException, TimeoutException {
    String[] args = rest.split("\\s+");
    if (rest.isEmpty() || args.length != 2) {
      out.println("Usage: announce <info-hash> <port>  (40 hex digits; port 0 = this node's own)");
      return;
    }
    NodeId infoHash = id(args[0], "announce", "<info-hash> <port>", "the info-hash");
    if (infoHash == null) {
      return;
    }
    int port;
    try {
      port = Integer.parseInt(args[1]);
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 0 || port > 65535) {
      out.println(
          "announce expects a port 0..65535, found " + Printable.quote(args[1], ECHO_CHARS));
      return;
    }
    Results.Announced r = await(node.announce(infoHash, port));
    out.println("Announced " + infoHash.toHex() + " on " + r.on().size() + " peers");
  }

  private void peers(String rest) throws ExecutionException, TimeoutException {
    NodeId infoHash = id(rest, "peers", "<info-hash>", "the info-hash");
    if (infoHash == null) {
      return;
    }
    Results.PeersFound r = await(node.peers(infoHash));
    StringJoiner peers = new StringJoiner(" ");
    for (InetSocketAddress p : r.peers()) {
      peers.add(Addresses.format(p));
    }
    out.println("Peers " + infoHash.toHex() + ": " + (r.peers().isEmpty() ? "none" : peers));
  }

  /** The id in {@code text}, or null after saying what was expected. */
  private NodeId id(String text, String verb, String args, String what) {
    if (text.isEmpty() || text.chars().anyMatch(Character::isWhitespace)) {
      out.println("Usage: " + verb + " " + args + "  (" + what + ": 40 hex digits)");
      return null;
    }
    if (text.length() != 40 || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      out.println(
          verb
              + " expects "
              + what
              + " as 40 hex digits, found "
              + Printable.quote(text, ECHO_CHARS)
              + (text.length() > ECHO_CHARS ? "" : " (" + text.length() + " characters)"));
      return null;
    }
    return NodeId.of(HexFormat.of().parseHex(text.toLowerCase(Locale.ROOT)));
  }

  private void help() {
    out.println("Commands (BitTorrent DHT):");
    out.println("  put <text>                   store the text as an immutable item (BEP 44):");
    out.println("                               Stored item <target> on N peers");
    out.println("  get <target>                 look an item up by its 40 hex digits:");
    out.println("                               Received value <text> | None");
    out.println("  announce <info-hash> <port>  announce this host as a peer (port 0: this");
    out.println("                               node's own UDP port): Announced <info-hash> on N");
    out.println("                               peers");
    out.println("  peers <info-hash>            look the peers of an info-hash up:");
    out.println("                               Peers <info-hash>: <ip:port> ... | none");
    out.println(
        "  info                         this node's id, address, contacts and what it holds");
    out.println("  buckets                      one line per non-empty k-bucket");
    out.println("  help                         this list");
    out.println("  q, quit                      stop the node and exit");
    out.println("Closing the input (Ctrl-D) leaves the peer running; stop it with Ctrl-C.");
  }

  private void info() {
    RoutingSnapshot routing = node.engine().routingSnapshot();
    out.println("id        " + node.id().toHex());
    out.println(
        "address   "
            + Addresses.format(node.address())
            + (node.address().getAddress().isAnyLocalAddress() ? " (all interfaces)" : ""));
    out.println(
        "external  "
            + node.externalAddress()
                .map(a -> a.getHostAddress() + " (as peers report it, BEP 42)")
                .orElse("not known yet"));
    out.println(
        "contacts  "
            + routing.size()
            + " in "
            + routing.nonEmptyBuckets().size()
            + " buckets (k = "
            + routing.k()
            + ")");
    out.println(
        "held      "
            + node.peersHeld()
            + " peers of "
            + node.infoHashesHeld()
            + " info-hashes, "
            + node.itemsHeld()
            + " items (for others)");
    out.println(
        "refused   "
            + node.engine().refusals().of(Refusal.REQUEST_RATE)
            + " requests and "
            + node.writesRefused()
            + " writes over their address's rate");
  }

  private void buckets() {
    RoutingSnapshot routing = node.engine().routingSnapshot();
    if (routing.size() == 0) {
      out.println("No contacts: every bucket is empty.");
      return;
    }
    for (BucketSnapshot b : routing.nonEmptyBuckets()) {
      out.println(Console.describe(b, routing.k()));
    }
  }
}
