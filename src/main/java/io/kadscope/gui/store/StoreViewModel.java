package io.kadscope.gui.store;

import io.kadscope.engine.GetResult;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.SetResult;
import io.kadscope.engine.Value;
import io.kadscope.engine.lookup.LookupResult;
import io.kadscope.gui.common.LookupFollower;
import io.kadscope.gui.common.SnapshotCache;
import io.kadscope.gui.fx.BackgroundTask;
import io.kadscope.gui.fx.Notifier;
import io.kadscope.gui.session.KeyNames;
import io.kadscope.gui.session.NodeSession;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
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
 * and says how it went in one line; what went wrong goes to the notifier in words. Before each
 * operation's lookup starts, the {@link LookupFollower} is told its key, so the window can follow
 * it live.
 */
public final class StoreViewModel {
  private final NodeSession session;
  private final SnapshotCache snapshots;
  private final KeyNames names;
  private final Notifier notifier;
  private final Executor fx;
  private final LookupFollower follower;
  private final StringProperty key = new SimpleStringProperty("greeting");
  private final StringProperty value = new SimpleStringProperty("hello world");
  private final ObjectProperty<ValueType> type = new SimpleObjectProperty<>(ValueType.STR);
  private final StringProperty result = new SimpleStringProperty("");
  private final BooleanProperty busy = new SimpleBooleanProperty(false);

  /**
   * @param snapshots told when the local store was cleared, which the engine announces by no event
   * @param fx runs completions on the FX thread (the bridge)
   * @param follower told the key before each operation, so the window can follow its lookup
   */
  public StoreViewModel(
      NodeSession session,
      SnapshotCache snapshots,
      Notifier notifier,
      Executor fx,
      LookupFollower follower) {
    this.session = session;
    this.snapshots = snapshots;
    this.names = session.keys();
    this.notifier = notifier;
    this.fx = fx;
    this.follower = follower;
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
        "set " + k, () -> session.set(k, v), r -> result.set(describeSet("stored", k, v, r)));
  }

  /** Looks the typed key up. Completes when the result line is written. */
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
    return run("get " + k, () -> session.lookupValue(id), r -> result.set(describeGet(k, r)));
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
                    + " RPCs in "
                    + r.rounds()
                    + (r.rounds() == 1 ? " round" : " rounds")
                    + "; the closest is "
                    + (r.closest().isEmpty() ? "none" : r.closest().get(0).toString())
                    + "."));
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
        "delete " + k,
        () -> session.delete(k),
        r -> result.set(describeSet("deleted (stored \"\")", k, Value.of(""), r)));
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
      String what, Supplier<CompletionStage<T>> op, Consumer<T> done) {
    return BackgroundTask.of(what, op)
        .onRunning(
            () -> {
              busy.set(true);
              result.set("working…");
            })
        .onSuccess(done)
        .onFailure(e -> fail(capitalised(String.valueOf(e.getMessage()))))
        .onFinished(() -> busy.set(false))
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
    String where =
        r.storedOn().size()
            + (r.storedOn().size() == 1 ? " node" : " nodes")
            + (r.storedLocally() ? " and here" : "");
    if (r.storedOn().isEmpty() && r.failedOn().isEmpty()) {
      where = "this node only";
    }
    String line = verb + " \"" + k + "\" = " + v.display() + " (" + v.typeName() + ") on " + where;
    if (!r.failedOn().isEmpty()) {
      notifier.error(
          r.failedOn().size()
              + " of the "
              + (r.storedOn().size() + r.failedOn().size())
              + " closest nodes did not confirm the store of \""
              + k
              + "\" (timeout): it is held on "
              + r.copies()
              + ".");
      line += "; " + r.failedOn().size() + " did not answer";
    }
    return capitalised(line);
  }

  private String describeGet(String k, GetResult r) {
    if (r.local()) {
      return "Found \""
          + k
          + "\" = "
          + r.value().map(Value::display).orElse("?")
          + " here, in this node's own store: no lookup needed. Clear the local store to ask"
          + " the network.";
    }
    LookupResult l = r.lookup().orElseThrow();
    String trip = l.rpcs() + " RPCs in " + l.rounds() + (l.rounds() == 1 ? " round" : " rounds");
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
    if (l.closest().isEmpty() && l.rpcs() > 0) {
      notifier.error(
          "Every node asked for \""
              + k
              + "\" timed out ("
              + l.rpcs()
              + " RPCs): the network may be gone. Try the Network panel.");
    }
    return "Not found: no node returned a value for \"" + k + "\" (" + trip + ").";
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
}
