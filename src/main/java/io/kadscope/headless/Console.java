package io.kadscope.headless;

import io.kadscope.cli.Addresses;
import io.kadscope.cli.Printable;
import io.kadscope.engine.Contact;
import io.kadscope.engine.GetResult;
import io.kadscope.engine.KademliaNode;
import io.kadscope.engine.SetResult;
import io.kadscope.engine.Value;
import io.kadscope.engine.guard.Limits;
import io.kadscope.engine.lookup.ValueChoice;
import io.kadscope.engine.routing.BucketSnapshot;
import io.kadscope.engine.routing.RoutingSnapshot;
import io.kadscope.engine.store.StoreSnapshot;
import io.kadscope.engine.store.StoredValue;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The peer's console: reads commands line by line on its own thread and answers on the given
 * stream, as the course's Python peer does ({@code get} prints {@code Received value <value>} or
 * {@code Received value None}). Each command waits for its own result before the next line is read;
 * the node itself is never blocked.
 */
public final class Console {

  /** How many stored values {@code info} lists before it only counts the rest. */
  static final int INFO_VALUES_SHOWN = 20;

  /** The longest value {@code info} prints before cutting it short. */
  static final int DISPLAY_CHARS = 60;

  /** How many peers a line names before it only counts the rest. */
  static final int NAMED_PEERS = 3;

  /** The longest value a line about a conflict quotes. */
  static final int QUOTED_CHARS = 40;

  /** The leading bits of a bucket's prefix that {@code buckets} prints. */
  static final int PREFIX_BITS_SHOWN = 16;

  /** How the console stopped reading. */
  public enum Ending {
    /** {@code q} or {@code quit} was typed. */
    QUIT,
    /** Standard input closed (a detached peer): the peer keeps serving. */
    END_OF_INPUT
  }

  private final KademliaNode node;
  private final PrintStream out;
  private final Duration opTimeout;

  /**
   * @param opTimeout how long a {@code set} or {@code get} may take before the console gives up
   *     waiting for it (the operation itself goes on)
   */
  public Console(KademliaNode node, PrintStream out, Duration opTimeout) {
    this.node = node;
    this.out = out;
    this.opTimeout = opTimeout;
  }

  /** Reads {@code in} on a new daemon thread; {@code done} hears why it stopped. */
  public Thread start(InputStream in, Consumer<Ending> done) {
    return ConsoleLoop.start(in, out, this::execute, done);
  }

  /**
   * Reads and executes lines of UTF-8 text until {@code q} or the end of input, on the calling
   * thread. A line too long to be a command, or not UTF-8, is refused with a message and skipped.
   */
  public Ending run(InputStream in) {
    return ConsoleLoop.run(in, out, this::execute);
  }

  /** Executes one line; false when it asked to quit. */
  public boolean execute(String line) {
    ConsoleCommand cmd = ConsoleParser.parse(line);
    try {
      if (cmd instanceof ConsoleCommand.Set s) {
        report(s.key(), await(node.set(s.key(), s.value())));
      } else if (cmd instanceof ConsoleCommand.Del d) {
        report(d.key(), await(node.delete(d.key())));
      } else if (cmd instanceof ConsoleCommand.Get g) {
        received(await(node.lookupValue(g.key())));
      } else if (cmd instanceof ConsoleCommand.Quit) {
        return false;
      } else if (cmd instanceof ConsoleCommand.Help) {
        help();
      } else if (cmd instanceof ConsoleCommand.Info) {
        info();
      } else if (cmd instanceof ConsoleCommand.Buckets) {
        buckets();
      } else if (cmd instanceof ConsoleCommand.Invalid i) {
        out.println(i.hint());
      }
    } catch (IllegalArgumentException e) {
      out.println("Refused: " + e.getMessage());
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

  private <T> T await(CompletableFuture<T> f) throws ExecutionException, TimeoutException {
    try {
      return f.get(opTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TimeoutException("interrupted");
    }
  }

  /**
   * A get's answer, as the course's peer prints it ({@code Received value …}, {@code None} when
   * there is none), and a second line when that alone would mislead: no peer answered, so the key
   * may exist; or peers returned different values.
   */
  private void received(GetResult r) {
    received(r, out);
  }

  /** What {@link #received(GetResult)} prints, to {@code out}. */
  static void received(GetResult r, PrintStream out) {
    out.println("Received value " + r.value().map(Console::shown).orElse("None"));
    if (r.outcome() == GetResult.Outcome.NO_ANSWER) {
      out.println(
          "No peer answered: "
              + r.asked()
              + (r.asked() == 1 ? " peer was" : " peers were")
              + " asked and none replied, so whether the key exists is not known.");
    }
    if (r.conflicting()) {
      int closest = r.lookup().map(l -> l.closest().size()).orElse(0);
      ValueChoice.Candidate chosen = r.candidates().get(0);
      StringBuilder line =
          new StringBuilder("Peers disagree on this key: that value is held by ")
              .append(chosen.amongClosest())
              .append(" of the ")
              .append(closest)
              .append(" closest peers that answered; also seen:");
      for (ValueChoice.Candidate c : r.candidates().subList(1, r.candidates().size())) {
        line.append(' ')
            .append(Printable.quote(c.value().display(), QUOTED_CHARS))
            .append(" from ")
            .append(peers(c.holders()))
            .append(';');
      }
      line.setLength(line.length() - 1);
      out.println(line);
    }
  }

  /** {@code 2 peers (ab12cd34@10.0.0.3:7123, …)}, naming a few. */
  private static String peers(List<Contact> holders) {
    String named =
        holders.stream()
            .limit(NAMED_PEERS)
            .map(Contact::toString)
            .collect(Collectors.joining(", "));
    return holders.size()
        + (holders.size() == 1 ? " peer (" : " peers (")
        + named
        + (holders.size() > NAMED_PEERS ? ", …" : "")
        + ")";
  }

  /**
   * A set's answer: on how many of the closest peers it was stored, and what became of the others.
   */
  private void report(String key, SetResult r) {
    String k = Printable.escape(key);
    String others = others(r);
    switch (r.outcome()) {
      case ALONE -> out.println("Stored " + k + " on this node only (no other peer known)");
      case NOT_STORED ->
          out.println(
              (r.storedLocally() ? "Stored " + k + " on this node only: " : "Not stored: ")
                  + (r.asked() == 0
                      ? "no peer answered the lookup for the closest peers"
                      : "none of the "
                          + r.asked()
                          + " closest peers acknowledged it ("
                          + others
                          + ")"));
      case STORED, PARTLY_STORED ->
          out.println(
              "Stored "
                  + k
                  + " on "
                  + r.acknowledged()
                  + " of the "
                  + r.asked()
                  + " closest peers"
                  + (r.storedLocally() ? " and here" : "")
                  + (others.isEmpty() ? "" : "; " + others));
    }
  }

  /** What became of the peers that did not acknowledge a store. */
  private static String others(SetResult r) {
    List<String> parts = new ArrayList<>();
    if (!r.failedOn().isEmpty()) {
      parts.add(r.failedOn().size() + " did not answer: " + named(r.failedOn()));
    }
    if (!r.refusedBy().isEmpty()) {
      parts.add(
          r.refusedBy().size()
              + " refused it (a full store or a rate limit): "
              + named(r.refusedBy()));
    }
    return String.join("; ", parts);
  }

  private static String named(List<Contact> contacts) {
    return contacts.stream()
            .limit(NAMED_PEERS)
            .map(Contact::toString)
            .collect(Collectors.joining(", "))
        + (contacts.size() > NAMED_PEERS ? ", …" : "");
  }

  private void help() {
    out.println("Commands:");
    out.println("  set <key> <value>   store a string value (the rest of the line) in the network");
    out.println("  set --int|--float|--bool|--bytes <key> <value>");
    out.println("                      store a typed value (bytes as hex digits)");
    out.println("  get <key>           look a value up: Received value <value> | None");
    out.println("  del <key>           store the empty string under <key> (the course's delete)");
    out.println("  info                this node's id, address, contacts and stored values");
    out.println("  buckets             one line per non-empty k-bucket");
    out.println("  help                this list");
    out.println("  q, quit             save the state (with --state), stop the node and exit");
    out.println("Closing the input (Ctrl-D) leaves the peer running; stop it with Ctrl-C.");
  }

  private void info() {
    RoutingSnapshot routing = node.routingSnapshot();
    StoreSnapshot store = node.storeSnapshot();
    out.println("id        " + node.id().toHex());
    out.println(
        "address   "
            + Addresses.format(node.address())
            + (node.address().getAddress().isAnyLocalAddress() ? " (all interfaces)" : ""));
    out.println(
        "contacts  "
            + routing.size()
            + " in "
            + routing.nonEmptyBuckets().size()
            + " buckets (k = "
            + routing.k()
            + ")");
    out.println("stored    " + store.size() + " value" + (store.size() == 1 ? "" : "s"));
    Limits limits = node.limits();
    long bytes = store.values().stream().mapToLong(v -> v.value().encodedSizeBound()).sum();
    out.println(
        "quota     "
            + store.size()
            + " of "
            + limits.maxKeys()
            + " keys, "
            + bytes
            + " of "
            + limits.maxBytes()
            + " bytes; "
            + limits.contactsPerAddress()
            + " contacts per address in a bucket"
            + (limits.loopbackExempt() ? " (loopback exempt)" : ""));
    long refused = node.refusals().total();
    if (refused > 0) {
      out.println("refused   " + refused + " messages from peers (see the log)");
    }
    int shown = 0;
    for (StoredValue v : store.values()) {
      if (shown++ == INFO_VALUES_SHOWN) {
        out.println("  ... and " + (store.size() - INFO_VALUES_SHOWN) + " more");
        break;
      }
      out.println(
          "  "
              + v.key().toHex()
              + " = "
              + clip(shown(v.value()))
              + " ("
              + v.value().typeName()
              + (v.original() ? ", set here" : "")
              + ")");
    }
  }

  private void buckets() {
    RoutingSnapshot routing = node.routingSnapshot();
    if (routing.size() == 0) {
      out.println("No contacts: every bucket is empty.");
      return;
    }
    for (BucketSnapshot b : routing.nonEmptyBuckets()) {
      out.println(describe(b, routing.k()));
    }
  }

  /** One line for a bucket: index, prefix, range (first 8 hex digits of each end), fill. */
  static String describe(BucketSnapshot b, int k) {
    String bits = b.prefix().leadingBits(Math.min(b.depth(), PREFIX_BITS_SHOWN));
    String prefix =
        (b.depth() == 0 ? "*" : b.depth() > PREFIX_BITS_SHOWN ? bits + ".." : bits)
            + "/"
            + b.depth();
    String low = String.format("%040x", b.low());
    String high = String.format("%040x", b.high());
    return String.format(
        "bucket %3d  prefix %-22s range %s..%s  %2d/%d%s%s",
        b.index(),
        prefix,
        low.substring(0, 8),
        high.substring(0, 8),
        b.contacts().size(),
        k,
        b.replacements().isEmpty() ? "" : " (+" + b.replacements().size() + " waiting)",
        b.containsSelf() ? "  [own id]" : "");
  }

  /**
   * A value as the console prints it: as the Python peers print it, with control characters
   * escaped, since a value may come from any peer and must not drive the terminal.
   */
  static String shown(Value v) {
    return Printable.escape(v.display());
  }

  static String clip(String s) {
    return s.length() <= DISPLAY_CHARS ? s : s.substring(0, DISPLAY_CHARS) + "...";
  }
}
