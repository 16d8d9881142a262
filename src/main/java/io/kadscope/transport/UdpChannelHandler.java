package io.kadscope.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thin Netty adapter: copies each datagram's bytes and sender out to a {@link DatagramSink} and
 * releases the buffer. No protocol logic here; a bad datagram never closes the channel.
 */
final class UdpChannelHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(UdpChannelHandler.class);

  private final DatagramSink sink;
  private final byte[] buffer;

  /**
   * @param maxDatagramBytes the longest datagram copied out; a longer one is reported oversized
   */
  UdpChannelHandler(DatagramSink sink, int maxDatagramBytes) {
    this.sink = sink;
    this.buffer = new byte[maxDatagramBytes];
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof DatagramPacket packet)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    try {
      ByteBuf content = packet.content();
      int length = content.readableBytes();
      if (length > buffer.length) {
        sink.oversized(length, packet.sender());
      } else {
        content.getBytes(content.readerIndex(), buffer, 0, length);
        sink.datagram(buffer, length, packet.sender());
      }
    } finally {
      packet.release();
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    sink.readComplete();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Socket errors (an ICMP error, a failed send with a void promise) concern one datagram only.
    log.debug("UDP socket {}: {}", ctx.channel().localAddress(), cause.toString());
  }
}
