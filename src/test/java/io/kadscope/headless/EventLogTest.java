package io.kadscope.headless;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.KademliaNode;
import io.kadscope.engine.NodeFactory;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.Value;
import io.kadscope.engine.event.EngineEvent;
import io.kadscope.testing.InMemoryNetwork;
import io.kadscope.testing.LogCapture;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventLogTest {
  private final InMemoryNetwork network = new InMemoryNetwork();
  private final NodeFactory factory = network.factory();

  @AfterEach
  void stop() {
    network.shutdown();
  }

  @Test
  void aStoreFromAnotherPeer_isLoggedWithTheKeyTheValueAndTheSender() throws Exception {
    KademliaNode a = factory.create(new InetSocketAddress(0));
    // b takes a into its table once a has answered b's verification ping, which may come after
    // the set has ended: awaited through an event seen after EventLog's.
    CompletableFuture<Void> bTookA = new CompletableFuture<>();
    KademliaNode b =
        factory.create(
            new InetSocketAddress(0),
            x ->
                x.listener(new EventLog())
                    .listener(
                        e -> {
                          if (e instanceof EngineEvent.ContactAdded added
                              && added.contact().id().equals(a.id())) {
                            bTookA.complete(null);
                          }
                        }));
    a.start();
    b.start();
    try (LogCapture logs = LogCapture.of("io.kadscope.peer")) {
      a.bootstrap(List.of(b.address())).join();
      a.set("greeting", Value.of("hello")).join();
      bTookA.get(10, TimeUnit.SECONDS);

      assertThat(logs.lines())
          .contains(
              "INFO contact added: " + a.contact() + " (bucket 0)",
              "INFO stored key "
                  + NodeId.ofKey("greeting").toHex()
                  + " = hello from "
                  + a.contact());
    } finally {
      a.stop();
      b.stop();
    }
  }

  @Test
  void rpcs_areLoggedAtDebugOnly() {
    KademliaNode a = factory.create(new InetSocketAddress(0), x -> x.listener(new EventLog()));
    KademliaNode b = factory.create(new InetSocketAddress(0));
    a.start();
    b.start();
    try (LogCapture logs = LogCapture.of("io.kadscope.peer")) {
      a.ping(b.address()).join();

      assertThat(logs.lines()).noneMatch(l -> l.contains("ping"));
    } finally {
      a.stop();
      b.stop();
    }
  }

  @Test
  void theSetter_namesEveryHolderAtInfo() {
    KademliaNode a = factory.create(new InetSocketAddress(0), x -> x.listener(new EventLog()));
    KademliaNode b = factory.create(new InetSocketAddress(0));
    KademliaNode c = factory.create(new InetSocketAddress(0));
    a.start();
    b.start();
    c.start();
    try (LogCapture logs = LogCapture.of("io.kadscope.peer")) {
      b.bootstrap(List.of(a.address())).join();
      c.bootstrap(List.of(a.address())).join();
      // a takes them into its table once they answer its pings (a request alone proves nothing)
      a.ping(b.address()).join();
      a.ping(c.address()).join();
      a.set("greeting", Value.of("hello")).join();

      assertThat(logs.lines())
          .anySatisfy(
              l ->
                  assertThat(l)
                      .startsWith(
                          "INFO set key "
                              + NodeId.ofKey("greeting").toHex()
                              + ": stored on 2 of the 2 closest peers and here: ")
                      .contains(b.contact().toString(), c.contact().toString()));
    } finally {
      a.stop();
      b.stop();
      c.stop();
    }
  }

  @Test
  void aValueStoredAgainThatWasAlreadyHeld_isNoNewStoredLine() {
    KademliaNode a = factory.create(new InetSocketAddress(0));
    KademliaNode b = factory.create(new InetSocketAddress(0), x -> x.listener(new EventLog()));
    a.start();
    b.start();
    try (LogCapture logs = LogCapture.of("io.kadscope.peer")) {
      a.bootstrap(List.of(b.address())).join();
      a.set("greeting", Value.of("hello")).join();
      a.set("greeting", Value.of("hello")).join();
      a.set("greeting", Value.of("hello")).join();

      assertThat(logs.lines().stream().filter(l -> l.startsWith("INFO stored key "))).hasSize(1);
    } finally {
      a.stop();
      b.stop();
    }
  }

  @Test
  void aValueFromAPeer_isLoggedWithItsControlCharactersEscaped() {
    KademliaNode a = factory.create(new InetSocketAddress(0));
    KademliaNode b = factory.create(new InetSocketAddress(0), x -> x.listener(new EventLog()));
    a.start();
    b.start();
    try (LogCapture logs = LogCapture.of("io.kadscope.peer")) {
      a.bootstrap(List.of(b.address())).join();
      a.set("k", Value.of("\u001b[2J\nINFO forged line")).join();

      assertThat(logs.lines())
          .anyMatch(l -> l.contains(" = \\x1b[2J\\nINFO forged line from "))
          .noneMatch(l -> l.contains("\u001b") || l.contains("\n"));
    } finally {
      a.stop();
      b.stop();
    }
  }
}
