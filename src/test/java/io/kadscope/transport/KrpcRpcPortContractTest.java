package io.kadscope.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.NodeId;
import io.kadscope.engine.rpc.Response;
import io.kadscope.engine.rpc.RpcPort;
import io.kadscope.engine.rpc.RpcPortContract;
import io.kadscope.krpc.KrpcQuery;
import io.kadscope.krpc.Query;
import io.kadscope.krpc.TransactionId;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The KRPC port keeps the rules of every port, on real sockets on 127.0.0.1, with transaction ids
 * as the keys answers are matched by.
 */
class KrpcRpcPortContractTest extends RpcPortContract<TransactionId> {
  private final Random random = new Random(17);

  @Override
  protected RpcPort newPort() {
    return KrpcRpcPort.open(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), NodeId.random(random));
  }

  @Override
  protected RawPeer<TransactionId> newRawPeer() {
    return new Raw(new RawKrpcPeer(NodeId.random(random)));
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
  protected void settle(RpcPort port, RawPeer<TransactionId> peer) {
    ((Raw) peer).socket.sync(port.localAddress());
  }

  /** A plain socket that sends exactly what the test says, in KRPC. */
  private record Raw(RawKrpcPeer socket) implements RawPeer<TransactionId> {
    @Override
    public InetSocketAddress address() {
      return socket.address();
    }

    @Override
    public Received<TransactionId> receive() {
      KrpcQuery q = socket.receiveQuery();
      return new Received<>(q.transaction(), KrpcRecords.request(q).orElseThrow());
    }

    @Override
    public void respond(TransactionId id, Response response, InetSocketAddress to) {
      assertThat(response).isInstanceOf(Response.PingReply.class);
      KrpcQuery asked = KrpcQuery.of(id, socket.id(), new Query.Ping());
      socket.send(KrpcRecords.reply(asked, response, KrpcRecords.id(socket.id()), Set.of()), to);
    }

    @Override
    public TransactionId unknownId() {
      return socket.randomTransaction();
    }

    @Override
    public void close() {
      socket.close();
    }
  }
}
