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
 * One iterative lookup (paper 2.3). By default ({@link LookupMode#PIPELINED}) it keeps α requests
 * in flight: a new request goes out as soon as one answers or fails, rather than round by round; in
 * {@link LookupMode#ROUNDS} it crawls in α-synchronous rounds as the Python package does. It ends
 * when the k closest contacts seen that did not fail have all answered, or, for a value lookup that
 * stops at the first value, at the first value. It publishes its own {@link
 * EngineEvent.LookupStarted}, one {@link EngineEvent.LookupStep} per answer or failure, and {@link
 * EngineEvent.LookupFinished}.
 *
 * <p>It counts two depths. A contact's <em>hop</em> is 1 for the contacts the node knew and n + 1
 * for one learned from a hop-n answer. A request's <em>iteration</em> is 1 for the first requests
 * and 1 + the iteration of the answer (or failure) that let it go: the round trips waited one after
 * the other to reach it. A lookup's iterations are the most among the requests that ended before it
 * did: its critical path in round trips, which for a round-by-round lookup is its number of rounds.
 *
 * <p>Dead contacts cost little, as in libtorrent's traversal: when the querier says a contact is
 * late (it did not answer within its retransmission timeout), its slot goes to the next candidate;
 * when it is late again ({@link #GIVE_UP_AFTER}), it no longer counts among the k closest the
 * lookup must hear from, though its answer is still taken if it comes before the end. Contacts the
 * querier says failed recently are ranked after the live ones: among the k closest still to ask,
 * they are asked last.
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

    /**
     * As {@link #query(Contact)}, and runs {@code late} each time the contact has not answered
     * within the time an answer was expected, while it still may (the node's RPC client: at each
     * retransmission, the timeout doubling each time); a querier that does not time its requests
     * never runs it.
     */
    default CompletableFuture<LookupReply> query(Contact to, Runnable late) {
      return query(to);
    }

    /** Whether a request to this contact went unanswered lately: it is then asked last. */
    default boolean failingRecently(Contact c) {
      return false;
    }
  }

  /**
   * How often a candidate may be late before the lookup stops awaiting it: with the RPC client's
   * doubling timeout, after 1 + 2 = 3 timeouts, time for one retransmission to have been answered.
   * A candidate that failed recently is not awaited after its first.
   */
  static final int GIVE_UP_AFTER = 2;

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
  private final Pacing pacing;
  private int seq;
  private int maxRound;
  private int maxIteration;
  private int bestPrefix;
  private boolean settling;
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
    this.pacing = new Pacing(spec, byDistance);
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
    pump(null);
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
    Candidate cand = new Candidate(c, round, querier.failingRecently(c));
    byId.put(c.id(), cand);
    byDistance.add(cand);
  }

  /**
   * Sends what may go now. {@code trigger} is the request whose end let it run (null at the start):
   * what goes now is one iteration further than it.
   */
  private void pump(Candidate trigger) {
    List<Candidate> toSend = new ArrayList<>();
    LookupResult finished = null;
    synchronized (this) {
      if (done) {
        return;
      }
      if (settling) {
        // a value came: only the requests in flight then are still heard
        if (pacing.inFlight() == 0) {
          finished = finish();
        }
      } else {
        int iteration = trigger == null ? 1 : trigger.iteration + 1;
        boolean allAnswered = pacing.next(iteration, toSend);
        if (allAnswered && toSend.isEmpty() && !pacing.waitForSlow()) {
          finished = finish();
        }
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
        f = querier.query(c.contact, () -> slow(c));
      } catch (RuntimeException e) {
        f = CompletableFuture.failedFuture(e);
      }
      if (f == null) {
        f = CompletableFuture.failedFuture(new IllegalStateException("the querier returned null"));
      }
      f.whenComplete((r, err) -> answered(c, r, err, Duration.between(sent, clock.instant())));
    }
  }

  /**
   * The querier says {@code c} is late: the first time, its slot goes to the next candidate; after
   * {@link #GIVE_UP_AFTER} (or at once for a candidate that failed recently), the lookup no longer
   * awaits it. What goes next is one iteration beyond it: its timeout was waited.
   */
  private void slow(Candidate c) {
    synchronized (this) {
      if (done) {
        return;
      }
      if (!pacing.late(c)) {
        return; // nothing changed
      }
    }
    pump(c);
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
      pacing.ended(c);
      if (err != null || r == null) {
        c.state = Candidate.State.FAILED;
        failed = true;
      } else {
        c.state = Candidate.State.ANSWERED;
        c.token = r.token();
        returned = r.contacts();
        Candidate bestBefore = byDistance.isEmpty() ? null : byDistance.first();
        for (Contact nc : returned) {
          offer(nc, c.round + 1);
        }
        if (!late) {
          pacing.answered(byDistance.first() != bestBefore);
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
      if (!late) {
        maxIteration = Math.max(maxIteration, c.iteration);
      }
      stepSeq = ++seq;
      best = bestPrefix;
      if (!done && value.isPresent() && spec.stop() == StopPolicy.AT_FIRST_VALUE) {
        finished = finish();
      } else if (!done && value.isPresent() && spec.stop() == StopPolicy.AT_FIRST_VALUE_SETTLED) {
        settling = true;
      }
      if (!done && settling && pacing.inFlight() == 0) {
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
              c.iteration,
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
      pump(c);
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
      if (c.state == Candidate.State.ANSWERED && closest.size() < spec.k()) {
        closest.add(new LookupResult.Answer(c.contact, c.token));
      }
      if (closest.size() == spec.k() && (withoutValue.isPresent() || !valueLookup)) {
        break;
      }
    }
    return new LookupResult(
        spec.id(),
        spec.kind(),
        target,
        closest,
        values,
        withoutValue,
        pacing.rpcs(),
        maxRound,
        maxIteration);
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
              r.iterations(),
              Duration.between(started, now)));
    }
    result.complete(r);
  }
}
