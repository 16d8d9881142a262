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
import java.util.function.Predicate;
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
 * to a cursor that can step back, forward and replay, as in Fig. 2 of the paper, the requests it
 * still waits for, and the step at the cursor told in words. A replay advances one step per tick of
 * the view's timer while {@link #replayingProperty()} holds. Each step's round comes from a {@link
 * RoundTracker}.
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
  private final RoundTracker rounds = new RoundTracker();
  private final Map<Long, Map<Long, PendingRpc>> pending = new HashMap<>();
  private final ObservableList<PendingRpc> inFlight = FXCollections.observableArrayList();
  private final StringProperty story = new SimpleStringProperty("");
  private NodeId follow;
  private final Predicate<NodeId> hidden;

  public LookupViewModel(KeyNames names, Notifier notifier) {
    this(names, notifier, target -> false);
  }

  /**
   * @param hidden the targets whose lookups stay out of the list (a crawl's)
   */
  public LookupViewModel(KeyNames names, Notifier notifier, Predicate<NodeId> hidden) {
    this.names = names;
    this.notifier = notifier;
    this.hidden = hidden;
    selected.addListener((o, a, t) -> refreshVisible());
    cursor.addListener((o, a, c) -> refreshVisible());
  }

  /**
   * Picks the next lookup for {@code target} as soon as it starts (a get or set from the form);
   * until then nothing is picked, so the figure never shows the previous lookup in its place.
   */
  @Override
  public void lookupStarting(NodeId target) {
    this.follow = target;
    select(null);
    position.set("waiting for the lookup of " + names.label(target) + " to start…");
  }

  /** The operation ran no lookup: says why where the lookup would have shown. */
  @Override
  public void lookupSkipped(NodeId target, String why) {
    if (target.equals(follow)) {
      follow = null;
      position.set(why);
      story.set(why);
    }
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
        rpcSent(s);
      } else if (e instanceof EngineEvent.RpcAnswered a && a.lookupId() != 0) {
        rpcEnded(a.lookupId(), a.rpcId());
        late(a.rpcId(), a.lookupId(), false, a.latency(), a.summary());
      } else if (e instanceof EngineEvent.RpcFailed f && f.lookupId() != 0) {
        rpcEnded(f.lookupId(), f.rpcId());
        late(f.rpcId(), f.lookupId(), true, f.elapsed(), f.timeout() ? "timeout" : f.reason());
      }
    }
    publishChanges();
    refreshInFlight();
  }

  private void rpcSent(EngineEvent.RpcSent s) {
    sent.put(s.rpcId(), s);
    if (sent.size() > 4096) {
      sent.clear();
    }
    if (s.toId().isEmpty()) {
      return;
    }
    int round = rounds.sent(s.lookupId(), s.toId().get());
    if (live.containsKey(s.lookupId()) || ended.containsKey(s.lookupId())) {
      TraceContact to = TraceContact.of(new Contact(s.toId().get(), s.to()));
      pending
          .computeIfAbsent(s.lookupId(), id -> new LinkedHashMap<>())
          .put(s.rpcId(), new PendingRpc(to, round, s.at()));
    }
  }

  private void rpcEnded(long lookupId, long rpcId) {
    Map<Long, PendingRpc> waiting = pending.get(lookupId);
    if (waiting != null && waiting.remove(rpcId) != null && waiting.isEmpty()) {
      pending.remove(lookupId);
    }
  }

  private void refreshInFlight() {
    LookupTrace t = selected.get();
    Map<Long, PendingRpc> waiting = t == null ? null : pending.get(t.lookupId());
    List<PendingRpc> now = waiting == null ? List.of() : List.copyOf(waiting.values());
    if (!now.equals(inFlight)) {
      inFlight.setAll(now);
    }
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
    if (hidden.test(s.target()) && !s.target().equals(follow)) {
      return;
    }
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
            0,
            0);
    rounds.started(s.lookupId());
    live.put(s.lookupId(), t);
    lookups.add(0, t);
    if (lookups.size() > MAX_LOOKUPS) {
      LookupTrace dropped = lookups.remove(lookups.size() - 1);
      if (live.remove(dropped.lookupId()) != null) {
        rounds.forget(dropped.lookupId());
        pending.remove(dropped.lookupId());
      }
    }
    if (follow != null && follow.equals(s.target())) {
      follow = null;
      select(t);
    }
  }

  private void step(EngineEvent.LookupStep s) {
    int round = rounds.ended(s.lookupId(), s.queried().id(), s.round());
    TraceStep step =
        new TraceStep(
            s.seq(),
            round,
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
   * added from the RPC's own events, marked late, in the round it was sent in, for the sequence to
   * show every RPC sent.
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
            rounds.roundOf(lookupId, s.toId().get()),
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
        long oldest = ended.keySet().iterator().next();
        ended.remove(oldest);
        rounds.forget(oldest);
        pending.remove(oldest);
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
      position.set(follow == null ? "no lookup picked" : position.get());
      story.set(follow == null ? "" : story.get());
      refreshInFlight();
      return;
    }
    int n = Math.min(cursor.get(), t.steps().size());
    visibleSteps.setAll(t.steps().subList(0, n));
    position.set("step " + n + " of " + t.steps().size() + (t.finished() ? "" : " (running)"));
    story.set(n == 0 ? opening(t) : StepStory.tell(t, n - 1));
    refreshInFlight();
  }

  private static String opening(LookupTrace t) {
    return t.initial().isEmpty()
        ? "The node knows no contact to ask."
        : "The node starts from the "
            + t.initial().size()
            + (t.initial().size() == 1 ? " contact" : " contacts")
            + " it knows closest to the target and asks the closest α of them at once: round 1.";
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

  /** The step at the cursor told in words (see {@link StepStory}). */
  public ReadOnlyStringProperty storyProperty() {
    return story;
  }

  /** The picked lookup's requests that have gone out and not yet ended, oldest first. */
  public ObservableList<PendingRpc> inFlight() {
    return inFlight;
  }
}
