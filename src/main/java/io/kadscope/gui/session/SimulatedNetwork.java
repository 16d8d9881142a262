package io.kadscope.gui.session;

import io.kadscope.engine.KademliaNode;
import io.kadscope.engine.NodeId;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A network of simulated peers, every one a real {@link KademliaNode}, on virtual time that runs at
 * a chosen speed on one thread of its own: slowed down so that a lookup unfolds over seconds,
 * paused, or stepped one event at a time. Its nodes must be called on that thread only ({@link
 * #execute}); their events and futures come from it. The visualiser receives the means to build one
 * at launch ({@link SimulatedNetworks}) and never reaches the simulator itself.
 */
public interface SimulatedNetwork extends AutoCloseable {

  /** Every peer, in the order they joined. */
  List<KademliaNode> peers();

  /** The id of the peer that joined last: the window's node when it opens. */
  default NodeId newestPeer() {
    List<KademliaNode> all = peers();
    return all.get(all.size() - 1).id();
  }

  /** Runs {@code task} on the simulation's thread, between its events. */
  void execute(Runnable task);

  /**
   * Sets how fast virtual time runs against the wall clock: 1 is real time, 0.01 makes a 20 ms
   * round trip last 2 s.
   *
   * @throws IllegalArgumentException unless {@code factor} is positive and within the bounds of the
   *     simulator, which the message says
   */
  void setSpeed(double factor);

  /** How fast virtual time runs against the wall clock. */
  double speed();

  /**
   * Stops virtual time ({@code true}) or lets it run again; this takes effect on the simulation's
   * thread, before any task handed to {@link #execute} after this call.
   */
  void setPaused(boolean paused);

  /** Whether virtual time stands still. */
  boolean paused();

  /**
   * Runs the next event alone (with virtual time moved to it), whether paused or not; completes
   * with whether there was one.
   */
  CompletableFuture<Boolean> stepOne();

  /** The virtual time now. */
  Instant now();

  /** The one-way delay of a message, in virtual milliseconds, for the window to say. */
  long latencyMillis();

  /** Stops every peer and the simulation's thread. */
  @Override
  void close();
}
