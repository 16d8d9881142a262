package io.kadscope.wire;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Parses IP address literals (IPv4 dotted quad, IPv6) from ASCII bytes without ever asking DNS: a
 * string from the network must not make a node look up a name.
 */
final class IpLiterals {
  /** Longest IPv6 literal: eight groups of four digits and 7 colons, or 6 groups and a quad. */
  static final int MAX_LENGTH = 45;

  private IpLiterals() {}

  /** The address written in {@code s[off, off+len)}, or null when it is not an IP literal. */
  static InetAddress parse(byte[] s, int off, int len) {
    if (len < 2 || len > MAX_LENGTH) {
      return null;
    }
    byte[] raw = null;
    for (int i = off; i < off + len; i++) {
      if (s[i] == ':') {
        raw = parseV6(s, off, off + len);
        break;
      }
    }
    if (raw == null) {
      raw = new byte[4];
      if (!parseV4(s, off, off + len, raw, 0)) {
        return null;
      }
    }
    try {
      return InetAddress.getByAddress(raw);
    } catch (UnknownHostException e) {
      return null; // unreachable: getByAddress only checks the length, which is 4 or 16
    }
  }

  /** Writes the 4 bytes of a dotted quad into {@code out}; no leading zeros, each part 0..255. */
  private static boolean parseV4(byte[] s, int from, int to, byte[] out, int at) {
    int part = 0;
    int i = from;
    while (part < 4) {
      int start = i;
      int value = 0;
      while (i < to && s[i] >= '0' && s[i] <= '9' && i - start < 3) {
        value = value * 10 + (s[i] - '0');
        i++;
      }
      int digits = i - start;
      if (digits == 0 || value > 255 || (digits > 1 && s[start] == '0')) {
        return false;
      }
      out[at + part] = (byte) value;
      part++;
      if (part < 4) {
        if (i >= to || s[i] != '.') {
          return false;
        }
        i++;
      }
    }
    return i == to;
  }

  /** The 16 bytes of an IPv6 literal with optional {@code ::} and trailing dotted quad. */
  private static byte[] parseV6(byte[] s, int from, int to) {
    byte[] out = new byte[16];
    int groups = 0;
    int gap = -1;
    int i = from;
    if (s[i] == ':') {
      if (to - from < 2 || s[i + 1] != ':') {
        return null;
      }
      gap = 0;
      i += 2;
      if (i == to) {
        return out;
      }
    }
    while (i < to) {
      if (groups == 8) {
        return null;
      }
      int start = i;
      int value = 0;
      while (i < to && hex(s[i]) >= 0 && i - start < 4) {
        value = (value << 4) | hex(s[i]);
        i++;
      }
      if (i < to && s[i] == '.') {
        if (groups > 6 || !parseV4(s, start, to, out, groups * 2)) {
          return null;
        }
        groups += 2;
        i = to;
        break;
      }
      if (i == start) {
        return null;
      }
      out[groups * 2] = (byte) (value >>> 8);
      out[groups * 2 + 1] = (byte) value;
      groups++;
      if (i == to) {
        break;
      }
      if (s[i] != ':') {
        return null;
      }
      i++;
      if (i < to && s[i] == ':') {
        if (gap >= 0) {
          return null;
        }
        gap = groups;
        i++;
      } else if (i == to) {
        return null;
      }
    }
    if (gap < 0) {
      return groups == 8 ? out : null;
    }
    if (groups == 8) {
      return null;
    }
    int tail = (groups - gap) * 2;
    System.arraycopy(out, gap * 2, out, 16 - tail, tail);
    Arrays.fill(out, gap * 2, 16 - tail, (byte) 0);
    return out;
  }

  private static int hex(byte b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    } else if (b >= 'a' && b <= 'f') {
      return b - 'a' + 10;
    } else if (b >= 'A' && b <= 'F') {
      return b - 'A' + 10;
    }
    return -1;
  }
}
