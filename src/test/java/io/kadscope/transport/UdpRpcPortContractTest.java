package io.kadscope.transport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kadscope.engine.rpc.Response;
import io.kadscope.engine.rpc.RpcPort;
import io.kadscope.engine.rpc.RpcPortContract;
import io.kadscope.wire.Datagram;
import io.kadscope.wire.MessageId;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;

/** UDP ports keep the rules of every port, on real sockets on 127.0.0.1, over each transport. */
class UdpRpcPortContractTest {

  @Nested
  class OverNio extends OverUdp {
    OverNio() {
      super(UdpTransport.NIO);
    }
  }

  @Nested
  class OverEpoll extends OverUdp {
    OverEpoll() {
      super(UdpTransport.EPOLL);
    }

    @BeforeEach
    void onlyWhereEpollRuns() {
      assumeTrue(UdpTransport.EPOLL.isAvailable(), "epoll is not available here");
    }
  }

  abstract static class OverUdp extends RpcPortContract<MessageId> {
    private final UdpTransport transport;

    OverUdp(UdpTransport transport) {
      this.transport = transport;
    }

    @Override
    protected RpcPort newPort() {
      return UdpRpcPort.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), transport);
    }

    @Override
    protected RawPeer<MessageId> newRawPeer() {
      return Raw.open();
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
    protected void settle(RpcPort port, RawPeer<MessageId> peer) {
      ((Raw) peer).socket.sync(port.localAddress());
    }
  }

  /** A plain socket that sends exactly what the test says. */
  private record Raw(RawPeer socket) implements RpcPortContract.RawPeer<MessageId> {
    static Raw open() {
      return new Raw(new RawPeer());
    }

    @Override
    public InetSocketAddress address() {
      return socket.address();
    }

    @Override
    public RpcPortContract.Received<MessageId> receive() {
      Datagram.OfRequest d = socket.receiveRequest();
      return new RpcPortContract.Received<>(d.id(), d.request());
    }

    @Override
    public void respond(MessageId id, Response response, InetSocketAddress to) {
      socket.sendResponse(id, response, to);
    }

    @Override
    public MessageId unknownId() {
      return socket.randomId();
    }

    @Override
    public void close() {
      socket.close();
    }
  }
}
