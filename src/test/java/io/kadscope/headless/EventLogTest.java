package io.kadscope.headless;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.KademliaNode;
import io.kadscope.engine.NodeFactory;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.Value;
import io.kadscope.testing.InMemoryNetwork;
import io.kadscope.testing.LogCapture;
import java.net.InetSocketAddress;
import java.util.List;
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
  void aStoreFromAnotherPeer_isLoggedWithTheKeyTheValueAndTheSender() {
    KademliaNode a = factory.create(new InetSocketAddress(0));
    KademliaNode b = factory.create(new InetSocketAddress(0), x -> x.listener(new EventLog()));
    a.start();
    b.start();
    try (LogCapture logs = LogCapture.of("io.kadscope.peer")) {
      a.bootstrap(List.of(b.address())).join();
      a.set("greeting", Value.of("hello")).join();

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
}
