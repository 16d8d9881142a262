package io.kadscope.mainline;

import io.kadscope.krpc.Id160;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.random.RandomGenerator;
import java.util.zip.CRC32C;

/**
 * BEP 42's node ids, tied to a node's external address so that one host cannot pick ids at will:
 * the first 21 bits are those of {@code crc32c((ip & mask) | (r << 29))}, where {@code r} is 3 bits
 * of the id's last byte. Nodes that prefer verified ids (libtorrent does) keep such a node in their
 * tables ahead of others.
 *
 * <pre>{@code
 * Id160 self = SecureNodeId.generate(externalAddress, random);   // from a reply's "ip"
 * boolean ok = SecureNodeId.conforms(contactId, contactAddress);
 * }</pre>
 *
 * <p>Addresses that are not on the internet (loopback, private, link-local, unique-local) are
 * exempt: any id conforms to them, as BEP 42 says.
 */
public final class SecureNodeId {
  /** The IPv4 mask: the bits of the address that count (BEP 42). */
  private static final int[] V4_MASK = {0x03, 0x0f, 0x3f, 0xff};

  /** The IPv6 mask, over the first 8 bytes of the address (BEP 42). */
  private static final int[] V6_MASK = {0x01, 0x03, 0x07, 0x0f, 0x1f, 0x3f, 0x7f, 0xff};

  private SecureNodeId() {}

  /**
   * The crc32c of {@code address} masked and tagged with the low 3 bits of {@code r}; an id
   * conforms when its first 21 bits are this value's first 21 bits.
   */
  public static int crc(InetAddress address, int r) {
    byte[] ip = address.getAddress();
    int[] mask = ip.length == 4 ? V4_MASK : V6_MASK;
    byte[] masked = new byte[mask.length];
    for (int i = 0; i < mask.length; i++) {
      masked[i] = (byte) (ip[i] & mask[i]);
    }
    masked[0] |= (byte) ((r & 0x07) << 5);
    CRC32C crc = new CRC32C();
    crc.update(masked);
    return (int) crc.getValue();
  }

  /** A conforming id for {@code external} with a random {@code r} and random other bits. */
  public static Id160 generate(InetAddress external, RandomGenerator random) {
    return generate(external, random.nextInt(256), random);
  }

  /**
   * The conforming id for {@code external} whose last byte is {@code r} (0..255); bits 21 to 151
   * come from {@code random}.
   */
  public static Id160 generate(InetAddress external, int r, RandomGenerator random) {
    if (r < 0 || r > 0xff) {
      throw new IllegalArgumentException("r is a byte, 0..255, found " + r);
    }
    byte[] id = new byte[Id160.BYTES];
    random.nextBytes(id);
    int crc = crc(external, r);
    id[0] = (byte) (crc >>> 24);
    id[1] = (byte) (crc >>> 16);
    id[2] = (byte) (((crc >>> 8) & 0xf8) | (id[2] & 0x07));
    id[19] = (byte) r;
    return Id160.of(id);
  }

  /** Whether {@code id} conforms to {@code address}, or the address is exempt. */
  public static boolean conforms(Id160 id, InetAddress address) {
    if (isExempt(address)) {
      return true;
    }
    int crc = crc(address, id.byteAt(19));
    return id.byteAt(0) == (crc >>> 24)
        && id.byteAt(1) == ((crc >>> 16) & 0xff)
        && (id.byteAt(2) & 0xf8) == ((crc >>> 8) & 0xf8);
  }

  /**
   * Whether BEP 42 exempts {@code address}: IPv4 127/8, 10/8, 172.16/12, 192.168/16 and 169.254/16
   * (the BEP's list), and their IPv6 counterparts ::1, fe80::/10, fec0::/10 and fc00::/7, and the
   * unspecified address; none of them is seen from the internet.
   */
  public static boolean isExempt(InetAddress address) {
    if (address.isLoopbackAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isAnyLocalAddress()) {
      return true;
    }
    byte[] ip = address.getAddress();
    return !(address instanceof Inet4Address) && (ip[0] & 0xfe) == 0xfc; // unique local fc00::/7
  }
}
