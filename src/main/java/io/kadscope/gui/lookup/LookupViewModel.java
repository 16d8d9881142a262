package io.kadscope.gui.lookup;

import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.event.EngineEvent;
import io.kadscope.gui.common.LookupFollower;
import io.kadscope.gui.fx.FxBatchListener;
import io.kadscope.gui.fx.Notifier;
import io.kadscope.gui.session.KeyNames;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lookups of the node, live and past (and opened from files), and the one picked: its steps up
 * to a cursor that can step back, forward and replay, as in Fig. 2 of the paper. A replay advances
 * one step per tick of the view's timer while {@link #replayingProperty()} holds.
 */
public final class LookupViewModel implements FxBatchListener, LookupFollower {
  private static final Logger log = LoggerFactory.getLogger(LookupViewModel.class);

  /** Lookups kept in the list; the oldest are dropped. */
  public static final int MAX_LOOKUPS = 300;

  private final KeyNames names;
  private final Notifier notifier;
  private final ObservableList<LookupTrace> lookups = FXCollections.observableArrayList();
  private final Map<Long, LookupTrace> live = new HashMap<>();
  private final Map<Long, LookupTrace> shown = new LinkedHashMap<>();
  private final Map<Long, LookupTrace> finishedInBatch = new HashMap<>();
  private final Map<Long, LookupTrace> ended = new LinkedHashMap<>();
  private final Map<Long, EngineEvent.RpcSent> sent = new HashMap<>();
  private final ObjectProperty<LookupTrace> selected = new SimpleObjectProperty<>();
  private final IntegerProperty cursor = new SimpleIntegerProperty();
  private final ObservableList<TraceStep> visibleSteps = FXCollections.observableArrayList();
  private final StringProperty position = new SimpleStringProperty("");
  private final BooleanProperty replaying = new SimpleBooleanProperty(false);
  private NodeId follow;

  public LookupViewModel(KeyNames names, Notifier notifier) {
    this.names = names;
    this.notifier = notifier;
    selected.addListener((o, a, t) -> refreshVisible());
    cursor.addListener((o, a, c) -> refreshVisible());
  }

  /** Picks the next lookup for {@code target} as soon as it starts (a get or set from the form). */
  @Override
  public void lookupStarting(NodeId target) {
    this.follow = target;
  }

  @Override
  public void onEvents(List<EngineEvent> batch) {
    for (EngineEvent e : batch) {
      if (e instanceof EngineEvent.LookupStarted s) {
        started(s);
      } else if (e instanceof EngineEvent.LookupStep s) {
        step(s);
      } else if (e instanceof EngineEvent.LookupFinished f) {
        finished(f);
      } else if (e instanceof EngineEvent.RpcSent s && s.lookupId() != 0) {
        sent.put(s.rpcId(), s);
        if (sent.size() > 4096) {
          sent.clear();
        }
      } else if (e instanceof EngineEvent.RpcAnswered a && a.lookupId() != 0) {
        late(a.rpcId(), a.lookupId(), false, a.latency(), a.summary());
      } else if (e instanceof EngineEvent.RpcFailed f && f.lookupId() != 0) {
        late(f.rpcId(), f.lookupId(), true, f.elapsed(), f.timeout() ? "timeout" : f.reason());
      }
    }
    publishChanges();
  }

  /** Puts each lookup changed by the batch into the list once, however many steps it got. */
  private void publishChanges() {
    for (var e : shown.entrySet()) {
      LookupTrace now = live.get(e.getKey());
      if (now == null) {
        now = finishedInBatch.get(e.getKey());
      }
      LookupTrace old = e.getValue();
      if (now == null || now == old) {
        continue;
      }
      int i = lookups.indexOf(old);
      if (i >= 0) {
        lookups.set(i, now);
      }
      if (selected.get() == old) {
        boolean atEnd = cursor.get() >= old.steps().size();
        selected.set(now);
        if (atEnd) {
          cursor.set(now.steps().size());
        }
      }
    }
    shown.clear();
    finishedInBatch.clear();
  }

  private void started(EngineEvent.LookupStarted s) {
    LookupTrace t =
        new LookupTrace(
            s.lookupId(),
            s.kind().name(),
            String.valueOf(s.purpose()),
            s.node().toHex(),
            s.target().toHex(),
            names.nameOf(s.target()).orElse(null),
            s.at().toString(),
            s.initial().stream().map(TraceContact::of).toList(),
            List.of(),
            false,
            List.of(),
            null,
            0,
            0,
            0);
    live.put(s.lookupId(), t);
    lookups.add(0, t);
    if (lookups.size() > MAX_LOOKUPS) {
      LookupTrace dropped = lookups.remove(lookups.size() - 1);
      live.remove(dropped.lookupId());
    }
    if (follow != null && follow.equals(s.target())) {
      follow = null;
      select(t);
    }
  }

  private void step(EngineEvent.LookupStep s) {
    TraceStep step =
        new TraceStep(
            s.seq(),
            s.round(),
            TraceContact.of(s.queried()),
            s.returned().stream().map(TraceContact::of).toList(),
            s.value().map(v -> v.display()).orElse(null),
            s.value().map(v -> v.typeName()).orElse(null),
            s.failed(),
            s.latency().toMillis(),
            s.bestPrefix());
    replace(s.lookupId(), t -> t.withStep(step));
  }

  /**
   * An RPC of a lookup that ended after the lookup did: the engine reports no step for it, so it is
   * added from the RPC's own events, marked late, for the sequence to show every RPC sent.
   */
  private void late(long rpcId, long lookupId, boolean failed, Duration latency, String note) {
    EngineEvent.RpcSent s = sent.remove(rpcId);
    LookupTrace t = ended.get(lookupId);
    if (s == null || t == null || s.toId().isEmpty()) {
      return;
    }
    TraceContact to = TraceContact.of(new Contact(s.toId().get(), s.to()));
    int best = t.steps().isEmpty() ? 0 : t.steps().get(t.steps().size() - 1).bestPrefix();
    TraceStep step =
        new TraceStep(
            t.steps().size() + 1,
            0,
            to,
            List.of(),
            null,
            null,
            failed,
            latency.toMillis(),
            best,
            true,
            s.rpc() + ": " + note);
    LookupTrace now = t.withStep(step);
    ended.put(lookupId, now);
    shown.putIfAbsent(lookupId, t);
    finishedInBatch.put(lookupId, now);
  }

  private void finished(EngineEvent.LookupFinished f) {
    List<TraceContact> closest = f.closest().stream().map(TraceContact::of).toList();
    replace(
        f.lookupId(),
        t ->
            t.finish(
                closest,
                f.value().map(v -> v.display()).orElse(null),
                f.rpcs(),
                f.rounds(),
                f.elapsed().toMillis()));
    LookupTrace done = live.remove(f.lookupId());
    if (done != null) {
      finishedInBatch.put(f.lookupId(), done);
      ended.put(f.lookupId(), done);
      if (ended.size() > 64) {
        ended.remove(ended.keySet().iterator().next());
      }
    }
  }

  private void replace(long id, UnaryOperator<LookupTrace> change) {
    LookupTrace old = live.get(id);
    if (old == null) {
      return;
    }
    shown.putIfAbsent(id, old);
    live.put(id, change.apply(old));
  }

  /** Picks a lookup and shows all its steps so far. */
  public void select(LookupTrace t) {
    if (t == selected.get()) {
      return;
    }
    selected.set(t);
    cursor.set(t == null ? 0 : t.steps().size());
    refreshVisible();
  }

  /** Shows one step fewer; stops a replay. */
  public void stepBack() {
    replaying.set(false);
    if (cursor.get() > 0) {
      cursor.set(cursor.get() - 1);
    }
  }

  /**
   * Shows one step more; stops a replay.
   *
   * @return whether there was one
   */
  public boolean stepForward() {
    replaying.set(false);
    return advance();
  }

  private boolean advance() {
    LookupTrace t = selected.get();
    if (t != null && cursor.get() < t.steps().size()) {
      cursor.set(cursor.get() + 1);
      return true;
    }
    return false;
  }

  /** Goes back to before the first step, for a replay. */
  public void rewind() {
    cursor.set(0);
  }

  /** Shows every step; stops a replay. */
  public void toEnd() {
    replaying.set(false);
    LookupTrace t = selected.get();
    cursor.set(t == null ? 0 : t.steps().size());
  }

  /** Replays the picked lookup from before its first step (again from there if one runs). */
  public void replay() {
    replaying.set(false);
    rewind();
    replaying.set(true);
  }

  /** One tick of a replay: one step more, and the end of the replay after the last step. */
  public void replayStep() {
    if (!advance()) {
      replaying.set(false);
    }
  }

  /** Whether a replay runs: the view ticks {@link #replayStep()} while it does. */
  public ReadOnlyBooleanProperty replayingProperty() {
    return replaying;
  }

  /** The name offered when the picked lookup is saved: {@code lookup-7.json}. */
  public String suggestedFileName() {
    LookupTrace t = selected.get();
    return "lookup-" + (t == null ? "trace" : t.lookupId()) + ".json";
  }

  private void refreshVisible() {
    LookupTrace t = selected.get();
    if (t == null) {
      visibleSteps.clear();
      position.set("no lookup picked");
      return;
    }
    int n = Math.min(cursor.get(), t.steps().size());
    visibleSteps.setAll(t.steps().subList(0, n));
    position.set("step " + n + " of " + t.steps().size() + (t.finished() ? "" : " (running)"));
  }

  /** Saves the picked lookup; errors go to the notifier. */
  public boolean save(Path file) {
    LookupTrace t = selected.get();
    if (t == null) {
      notifier.error("Pick a lookup in the list first, then save it.");
      return false;
    }
    try {
      TraceFile.save(t, file);
      notifier.info("Saved lookup #" + t.lookupId() + " to " + file.getFileName());
      return true;
    } catch (IOException e) {
      log.warn("cannot save trace to {}: {}", file, e.toString());
      notifier.error("Could not save to " + file + ": " + e.getMessage());
      return false;
    }
  }

  /** Opens a saved trace, adds it to the list and picks it; errors go to the notifier. */
  public boolean open(Path file) {
    try {
      LookupTrace t = TraceFile.open(file);
      lookups.add(0, t);
      select(t);
      return true;
    } catch (IOException e) {
      log.warn("cannot read trace {}: {}", file, e.toString());
      notifier.error("Could not read " + file + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      notifier.error(e.getMessage());
    }
    return false;
  }

  public ObservableList<LookupTrace> lookups() {
    return lookups;
  }

  public ReadOnlyObjectProperty<LookupTrace> selectedProperty() {
    return selected;
  }

  /** How many of the picked lookup's steps show. */
  public ReadOnlyIntegerProperty cursorProperty() {
    return cursor;
  }

  /** The picked lookup's steps up to the cursor. */
  public ObservableList<TraceStep> visibleSteps() {
    return visibleSteps;
  }

  /** {@code step 3 of 6}. */
  public ReadOnlyStringProperty positionProperty() {
    return position;
  }
}
