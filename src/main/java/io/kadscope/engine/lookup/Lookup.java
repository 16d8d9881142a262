package io.kadscope.engine.lookup;

import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.Value;
import io.kadscope.engine.event.EngineEvent;
import io.kadscope.engine.event.EventSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One iterative lookup (paper 2.3) with α requests in flight asynchronously: a new request goes out
 * as soon as one answers or fails, rather than round by round. It ends when the k closest contacts
 * seen that did not fail have all answered, or, for a value lookup that stops at the first value,
 * at the first value. It publishes its own {@link EngineEvent.LookupStarted}, one {@link
 * EngineEvent.LookupStep} per answer or failure, and {@link EngineEvent.LookupFinished}.
 *
 * <p>Depends only on a {@link Querier} that returns protocol-neutral {@link LookupReply}s, so it
 * runs on any protocol's RPCs, and against a fake network in tests.
 */
public final class Lookup {

  /** Sends the lookup's query to one contact; the reply says what came back. */
  @FunctionalInterface
  public interface Querier {
    /** Completes with the answer, or exceptionally when the contact did not answer. */
    CompletableFuture<LookupReply> query(Contact to);
  }

  private enum State {
    NEW,
    IN_FLIGHT,
    ANSWERED,
    FAILED
  }

  private static final class Candidate {
    final Contact contact;
    final int round;
    State state = State.NEW;
    boolean hadNoValue;
    Optional<WriteToken> token = Optional.empty();

    Candidate(Contact contact, int round) {
      this.contact = contact;
      this.round = round;
    }
  }

  private final LookupSpec spec;
  private final NodeId target;
  private final List<Contact> initial;
  private final Querier querier;
  private final EventSink events;
  private final Clock clock;
  private final Map<NodeId, Candidate> byId = new HashMap<>();
  private final TreeSet<Candidate> byDistance;
  private final List<LookupResult.Found> values = new ArrayList<>();
  private final CompletableFuture<LookupResult> result = new CompletableFuture<>();
  private Instant started;
  private int inFlight;
  private int rpcs;
  private int seq;
  private int maxRound;
  private int bestPrefix;
  private boolean done;

  /**
   * @param initial the contacts to start from, normally the k closest the node knows
   * @param events where the lookup's events go
   */
  public Lookup(
      LookupSpec spec,
      List<Contact> initial,
      Querier querier,
      Consumer<EngineEvent> events,
      Clock clock) {
    this.spec = spec;
    this.target = spec.target();
    this.initial = List.copyOf(initial);
    this.querier = querier;
    this.events = EventSink.of(events);
    this.clock = clock;
    this.byDistance =
        new TreeSet<>((a, b) -> target.compareDistance(a.contact.id(), b.contact.id()));
    for (Contact c : this.initial) {
      offer(c, 1);
    }
  }

  /**
   * Starts the lookup (call once) and publishes its start; the future completes when it ends, after
   * its {@link EngineEvent.LookupFinished}. It never completes exceptionally.
   */
  public CompletableFuture<LookupResult> run() {
    started = clock.instant();
    if (events.listening()) {
      events.accept(
          new EngineEvent.LookupStarted(
              started, spec.self(), spec.id(), spec.kind(), target, spec.purpose(), initial));
    }
    pump();
    return result;
  }

  /** The lookup's id, as in its events. */
  public long id() {
    return spec.id();
  }

  private void offer(Contact c, int round) {
    if (c.id().equals(spec.self()) || byId.containsKey(c.id())) {
      return;
    }
    Candidate cand = new Candidate(c, round);
    byId.put(c.id(), cand);
    byDistance.add(cand);
  }

  private void pump() {
    List<Candidate> toSend = new ArrayList<>();
    LookupResult finished = null;
    synchronized (this) {
      if (done) {
        return;
      }
      int considered = 0;
      boolean allAnswered = true;
      for (Candidate c : byDistance) {
        if (c.state == State.FAILED) {
          continue;
        }
        if (considered++ >= spec.k()) {
          break;
        }
        if (c.state != State.ANSWERED) {
          allAnswered = false;
        }
        if (c.state == State.NEW && inFlight < spec.alpha()) {
          c.state = State.IN_FLIGHT;
          inFlight++;
          rpcs++;
          toSend.add(c);
        }
      }
      if (allAnswered && toSend.isEmpty()) {
        finished = finish();
      }
    }
    if (finished != null) {
      end(finished);
      return;
    }
    for (Candidate c : toSend) {
      Instant sent = clock.instant();
      CompletableFuture<LookupReply> f;
      try {
        f = querier.query(c.contact);
      } catch (RuntimeException e) {
        f = CompletableFuture.failedFuture(e);
      }
      if (f == null) {
        f = CompletableFuture.failedFuture(new IllegalStateException("the querier returned null"));
      }
      f.whenComplete((r, err) -> answered(c, r, err, Duration.between(sent, clock.instant())));
    }
  }

  private void answered(Candidate c, LookupReply r, Throwable err, Duration latency) {
    List<Contact> returned = List.of();
    Optional<Value> value = Optional.empty();
    boolean failed = false;
    LookupResult finished = null;
    int stepSeq;
    int best;
    boolean late;
    synchronized (this) {
      late = done;
      inFlight--;
      if (err != null || r == null) {
        c.state = State.FAILED;
        failed = true;
      } else {
        c.state = State.ANSWERED;
        c.token = r.token();
        returned = r.contacts();
        for (Contact nc : returned) {
          offer(nc, c.round + 1);
        }
        if (spec.kind() == LookupKind.VALUE && r.value().isPresent()) {
          value = r.value();
          if (!late) {
            values.add(new LookupResult.Found(c.contact, value.get()));
          }
        } else {
          c.hadNoValue = true;
        }
      }
      if (!failed) {
        maxRound = Math.max(maxRound, c.round);
        bestPrefix = Math.max(bestPrefix, c.contact.id().sharedPrefixLength(target));
      }
      stepSeq = ++seq;
      best = bestPrefix;
      if (!done && value.isPresent() && spec.stop() == StopPolicy.AT_FIRST_VALUE) {
        finished = finish();
      }
    }
    if (!late && events.listening()) {
      events.accept(
          new EngineEvent.LookupStep(
              clock.instant(),
              spec.self(),
              spec.id(),
              stepSeq,
              c.round,
              c.contact,
              returned,
              value,
              failed,
              latency,
              best));
    }
    if (finished != null) {
      end(finished);
    } else {
      pump();
    }
  }

  /** Ends the lookup; called holding the lock. */
  private LookupResult finish() {
    done = true;
    List<LookupResult.Answer> closest = new ArrayList<>(spec.k());
    Optional<Contact> withoutValue = Optional.empty();
    boolean valueLookup = spec.kind() == LookupKind.VALUE;
    for (Candidate c : byDistance) {
      if (valueLookup && c.hadNoValue && withoutValue.isEmpty()) {
        withoutValue = Optional.of(c.contact);
      }
      if (c.state == State.ANSWERED && closest.size() < spec.k()) {
        closest.add(new LookupResult.Answer(c.contact, c.token));
      }
      if (closest.size() == spec.k() && (withoutValue.isPresent() || !valueLookup)) {
        break;
      }
    }
    return new LookupResult(
        spec.id(), spec.kind(), target, closest, values, withoutValue, rpcs, maxRound);
  }

  private void end(LookupResult r) {
    if (events.listening()) {
      Instant now = clock.instant();
      events.accept(
          new EngineEvent.LookupFinished(
              now,
              spec.self(),
              r.lookupId(),
              r.kind(),
              target,
              r.closest(),
              r.value(),
              r.rpcs(),
              r.rounds(),
              Duration.between(started, now)));
    }
    result.complete(r);
  }
}
