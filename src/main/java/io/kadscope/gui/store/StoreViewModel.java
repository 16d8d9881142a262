package io.kadscope.gui.store;

import io.kadscope.engine.Contact;
import io.kadscope.engine.GetResult;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.SetResult;
import io.kadscope.engine.Value;
import io.kadscope.engine.lookup.LookupResult;
import io.kadscope.gui.common.KeyHolders;
import io.kadscope.gui.common.LookupFollower;
import io.kadscope.gui.common.SnapshotCache;
import io.kadscope.gui.fx.BackgroundTask;
import io.kadscope.gui.fx.Notifier;
import io.kadscope.gui.session.KeyNames;
import io.kadscope.gui.session.NodeSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The set / get / delete form: turns what was typed into a value, runs the operation on the node,
 * and says how it went in one line (for a set, how many of the k closest acknowledged the store;
 * for a get, whether the key does not exist or no peer answered); what went wrong goes to the
 * notifier in words. Before each operation's lookup starts, the {@link LookupFollower} is told its
 * key, so the window can follow it live. A line of hint says what to try next.
 */
public final class StoreViewModel {
  private final NodeSession session;
  private final SnapshotCache snapshots;
  private final KeyNames names;
  private final Notifier notifier;
  private final Executor fx;
  private final LookupFollower follower;
  private final KeyHolders holders;
  private final StringProperty key = new SimpleStringProperty("");
  private final StringProperty value = new SimpleStringProperty("");
  private final ObjectProperty<ValueType> type = new SimpleObjectProperty<>(ValueType.STR);
  private final StringProperty result = new SimpleStringProperty("");
  private final StringProperty hint = new SimpleStringProperty("");
  private final BooleanProperty busy = new SimpleBooleanProperty(false);
  private final BooleanProperty networkOffered = new SimpleBooleanProperty(false);
  private final BooleanBinding valueEmpty;

  /**
   * @param snapshots told when the local store was cleared, which the engine announces by no event
   * @param fx runs completions on the FX thread (the bridge)
   * @param follower told the key before each operation, so the window can follow its lookup
   * @param holders told the holders of each key set or got, for the network map to light
   */
  public StoreViewModel(
      NodeSession session,
      SnapshotCache snapshots,
      Notifier notifier,
      Executor fx,
      LookupFollower follower,
      KeyHolders holders) {
    this.session = session;
    this.snapshots = snapshots;
    this.names = session.keys();
    this.notifier = notifier;
    this.fx = fx;
    this.follower = follower;
    this.holders = holders;
    this.valueEmpty =
        Bindings.createBooleanBinding(() -> value.get() == null || value.get().isEmpty(), value);
    key.addListener((o, a, b) -> refreshHint());
    value.addListener((o, a, b) -> refreshHint());
    refreshHint();
  }

  /**
   * Offers {@code k} as the key to try first (a key stored elsewhere in the network), with the
   * value left empty so that Get is the button Enter presses.
   */
  public void offerKey(String k) {
    key.set(k);
    value.set("");
    refreshHint();
  }

  private void refreshHint() {
    String k = keyText();
    if (k.isEmpty()) {
      hint.set(
          "Try: type a key and a value and press Set; then Get it back and watch its lookup in"
              + " the Lookup tab.");
    } else if (value.get() == null || value.get().isEmpty()) {
      hint.set(
          "Try: press Get (or Enter) to look \""
              + k
              + "\" up: the Lookup tab shows each round of the search. Type a value to Set it"
              + " instead.");
    } else {
      hint.set(
          "Press Set (or Enter) to store \""
              + k
              + "\" on the "
              + session.k()
              + " nodes closest to its SHA-1; the ring then lights them in the Network map.");
    }
  }

  private boolean noContacts() {
    return session.routingSnapshot().size() == 0;
  }

  private String keyText() {
    return key.get() == null ? "" : key.get().trim();
  }

  private boolean checkKey() {
    if (keyText().isEmpty()) {
      fail("Type a key first: any text; its SHA-1 is the 160-bit key.");
      return false;
    }
    return true;
  }

  /** Stores the typed value under the typed key. Completes when the result line is written. */
  public CompletableFuture<Void> set() {
    if (!checkKey()) {
      return CompletableFuture.completedFuture(null);
    }
    Value v;
    try {
      v = type.get().parse(value.get());
    } catch (IllegalArgumentException e) {
      fail(e.getMessage());
      return CompletableFuture.completedFuture(null);
    }
    String k = keyText();
    NodeId id = names.remember(k);
    if (noContacts()) {
      notifier.error(
          "No contacts yet: \""
              + k
              + "\" is kept on this node only. Join a network in the"
              + " Network panel to store it on the k closest nodes.");
    }
    follower.lookupStarting(id);
    return run(
        id,
        "set " + k,
        () -> session.set(k, v),
        r -> {
          result.set(describeSet("stored", k, v, r));
          light(id, k, r);
          if (r.copies() > 0) {
            names.confirm(id);
          } else {
            names.unconfirm(id);
          }
        },
        () -> names.unconfirm(id));
  }

  /**
   * Looks the typed key up: from this node's own store when it holds the key (then the lookup is
   * offered, see {@link #getFromNetwork()}), else by a value lookup. Completes when the result line
   * is written.
   */
  public CompletableFuture<Void> get() {
    if (!checkKey()) {
      return CompletableFuture.completedFuture(null);
    }
    String k = keyText();
    NodeId id = names.remember(k);
    if (noContacts() && session.localValue(id).isEmpty()) {
      fail(
          "No contacts yet: nobody to ask for \"" + k + "\". Join a network in the Network panel.");
      return CompletableFuture.completedFuture(null);
    }
    follower.lookupStarting(id);
    return run(id, "get " + k, () -> session.lookupValue(id), r -> got(k, id, r), () -> {});
  }

  /**
   * Looks the typed key up in the network even though this node holds it: the lookup a student
   * wants to watch. Completes when the result line is written.
   */
  public CompletableFuture<Void> getFromNetwork() {
    if (!checkKey()) {
      return CompletableFuture.completedFuture(null);
    }
    String k = keyText();
    NodeId id = names.remember(k);
    if (noContacts()) {
      fail(
          "No contacts yet: nobody to ask for \"" + k + "\". Join a network in the Network panel.");
      return CompletableFuture.completedFuture(null);
    }
    follower.lookupStarting(id);
    return run(
        id,
        "get " + k + " from the network",
        () -> session.lookupValueInNetwork(id),
        r -> got(k, id, r),
        () -> {});
  }

  private void light(NodeId id, String k, SetResult r) {
    List<NodeId> held = new ArrayList<>(r.storedOn().stream().map(Contact::id).toList());
    if (r.storedLocally()) {
      held.add(session.id());
    }
    holders.light(
        new KeyHolders.Lit(
            id,
            "\"" + k + "\"",
            held,
            r.failedOn().stream().map(Contact::id).toList(),
            Optional.empty(),
            "set: " + held.size() + " peers hold it, " + r.failedOn().size() + " did not answer"));
  }

  private void got(String k, NodeId id, GetResult r) {
    result.set(describeGet(k, r));
    r.lookup()
        .ifPresent(
            l ->
                holders.light(
                    new KeyHolders.Lit(
                        id,
                        "\"" + k + "\"",
                        List.of(),
                        List.of(),
                        l.holder().map(Contact::id),
                        l.holder().isPresent()
                            ? "get: the value came from the peer in gold"
                            : "get: no peer returned a value")));
    if (r.local()) {
      networkOffered.set(true);
      follower.lookupSkipped(
          id,
          "No lookup ran: this node holds \""
              + k
              + "\" itself. Press “Ask the network” in the Store panel to watch one.");
    } else if (r.value().isPresent()) {
      names.confirm(id);
    } else {
      names.unconfirm(id);
    }
  }

  /** Looks up the k nodes closest to the typed key (a node lookup, which always converges). */
  public CompletableFuture<Void> findNodes() {
    if (!checkKey()) {
      return CompletableFuture.completedFuture(null);
    }
    String k = keyText();
    NodeId id = names.remember(k);
    if (noContacts()) {
      fail("No contacts yet: nobody to ask. Join a network in the Network panel.");
      return CompletableFuture.completedFuture(null);
    }
    follower.lookupStarting(id);
    return run(
        id,
        "find the nodes closest to " + k,
        () -> session.findNode(id),
        r ->
            result.set(
                "The "
                    + r.closest().size()
                    + " nodes closest to \""
                    + k
                    + "\" answered after "
                    + r.rpcs()
                    + " RPCs (hop depth "
                    + r.rounds()
                    + "; the Lookup tab counts its rounds); the closest is "
                    + (r.closest().isEmpty() ? "none" : r.closest().get(0).toString())
                    + "."),
        () -> {});
  }

  /** Deletes the typed key: stores the empty string, as the course's {@code del} does. */
  public CompletableFuture<Void> delete() {
    if (!checkKey()) {
      return CompletableFuture.completedFuture(null);
    }
    String k = keyText();
    NodeId id = names.remember(k);
    if (noContacts()) {
      notifier.error("No contacts yet: \"" + k + "\" is deleted on this node only.");
    }
    follower.lookupStarting(id);
    return run(
        id,
        "delete " + k,
        () -> session.delete(k),
        r -> result.set(describeSet("deleted (stored \"\")", k, Value.of(""), r)),
        () -> {});
  }

  /** Forgets every value this node holds, so the next get must ask the network. */
  public void clearLocalStore() {
    int n = session.storeSnapshot().size();
    session.clearLocalStore();
    snapshots.storeChanged();
    result.set(
        "Cleared "
            + n
            + (n == 1 ? " value" : " values")
            + " held here: the next get asks the network.");
  }

  private <T> CompletableFuture<Void> run(
      NodeId target,
      String what,
      Supplier<CompletionStage<T>> op,
      Consumer<T> done,
      Runnable failed) {
    return BackgroundTask.of(what, op)
        .onRunning(
            () -> {
              busy.set(true);
              networkOffered.set(false);
              result.set("working…");
            })
        .onSuccess(done)
        .onFailure(
            e -> {
              failed.run();
              fail(capitalised(String.valueOf(e.getMessage())));
            })
        .onFinished(
            () -> {
              busy.set(false);
              follower.operationEnded(target);
            })
        .executeWith(fx);
  }

  private void fail(String message) {
    result.set(message);
    notifier.error(message);
  }

  private static String capitalised(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private String describeSet(String verb, String k, Value v, SetResult r) {
    int asked = r.storedOn().size() + r.failedOn().size();
    String what = verb + " \"" + k + "\" = " + v.display() + " (" + v.typeName() + ")";
    if (asked == 0) {
      return capitalised(what + " on this node only: it knows no other node.");
    }
    String line =
        what
            + ": "
            + r.storedOn().size()
            + " of the "
            + asked
            + " closest nodes acknowledged the store"
            + (r.storedLocally() ? ", and this node, one of the closest, holds it too" : "")
            + ".";
    if (r.storedOn().isEmpty()) {
      notifier.error(
          "No node acknowledged the store of \""
              + k
              + "\": all "
              + asked
              + " of the closest timed out"
              + (r.storedLocally() ? "; only this node holds it." : ", so nobody holds it."));
    } else if (!r.failedOn().isEmpty()) {
      notifier.error(
          r.failedOn().size()
              + " of the "
              + asked
              + " closest nodes did not acknowledge the store of \""
              + k
              + "\" (no answer): it is held on "
              + r.copies()
              + ".");
    }
    return capitalised(line);
  }

  private String describeGet(String k, GetResult r) {
    if (r.local()) {
      return "Found \""
          + k
          + "\" = "
          + r.value().map(Value::display).orElse("?")
          + " here, in this node's own store: no lookup ran. “Ask the network” runs the lookup"
          + " anyway.";
    }
    LookupResult l = r.lookup().orElseThrow();
    String trip =
        l.rpcs() + " RPCs, hop depth " + l.rounds() + "; the Lookup tab counts its rounds";
    if (r.value().isPresent()) {
      Value v = r.value().get();
      return "Found \""
          + k
          + "\" = "
          + v.display()
          + " ("
          + v.typeName()
          + ")"
          + l.holder().map(h -> " at " + h.host() + ":" + h.port()).orElse("")
          + " after "
          + trip
          + ".";
    }
    if (l.closest().isEmpty()) {
      String m =
          "No peer answered: every one of the "
              + l.rpcs()
              + (l.rpcs() == 1 ? " node" : " nodes")
              + " asked for \""
              + k
              + "\" timed out, so whether the key exists is not known. The network may be gone:"
              + " try the Network panel.";
      notifier.error(m);
      return m;
    }
    return "No such key: "
        + l.closest().size()
        + (l.closest().size() == 1 ? " node" : " nodes")
        + " closest to \""
        + k
        + "\" answered and none holds a value ("
        + trip
        + ").";
  }

  public StringProperty keyProperty() {
    return key;
  }

  public StringProperty valueProperty() {
    return value;
  }

  public ObjectProperty<ValueType> typeProperty() {
    return type;
  }

  /** The outcome of the last operation, in one line. */
  public ReadOnlyStringProperty resultProperty() {
    return result;
  }

  /** Whether an operation is under way. */
  public ReadOnlyBooleanProperty busyProperty() {
    return busy;
  }

  /** What to try next, in one line. */
  public ReadOnlyStringProperty hintProperty() {
    return hint;
  }

  /** Whether the value field is empty: then Get, not Set, is the button Enter presses. */
  public BooleanBinding valueEmptyProperty() {
    return valueEmpty;
  }

  /**
   * Whether the last get was answered from this node's own store, so that asking the network is
   * offered.
   */
  public ReadOnlyBooleanProperty networkOfferedProperty() {
    return networkOffered;
  }
}
