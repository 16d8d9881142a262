package io.kadscope.testing;

import io.kadscope.engine.rpc.Response;
import io.kadscope.engine.rpc.RpcPort;
import io.kadscope.engine.rpc.RpcPortContract;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;

/** The in-memory network that tests of the faces run on keeps the rules of every port. */
class InMemoryPortContractTest extends RpcPortContract<Long> {
  private final InMemoryNetwork network = new InMemoryNetwork();

  @AfterEach
  void shutdown() {
    network.shutdown();
  }

  @Override
  protected RpcPort newPort() {
    return network.port(new InetSocketAddress(0));
  }

  @Override
  protected RawPeer<Long> newRawPeer() {
    InMemoryNetwork.RawPeer raw = network.rawPeer();
    return new RawPeer<>() {
      @Override
      public InetSocketAddress address() {
        return raw.address();
      }

      @Override
      public Received<Long> receive() {
        InMemoryNetwork.Received r = raw.receive();
        return new Received<>(r.messageId(), r.request());
      }

      @Override
      public void respond(Long id, Response response, InetSocketAddress to) {
        raw.respond(id, response, to);
      }

      @Override
      public Long unknownId() {
        return -1L;
      }

      @Override
      public void close() {
        raw.close();
      }
    };
  }

  @Override
  protected void awaitDone(CompletableFuture<?> f) {
    try {
      f.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      // failed: done
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("the request did not end within 10 s", e);
    }
  }

  @Override
  protected void settle(RpcPort port, RawPeer<Long> peer) {
    network.drain();
  }
}
