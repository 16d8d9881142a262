package io.kadscope.krpc;

import java.util.Optional;

/**
 * The error codes of a KRPC error message {@code [code, message]}: BEP 5's 201–204 and BEP 44's. A
 * {@link KrpcError} keeps any code as an int, so that codes from future BEPs survive; this enum
 * names the known ones.
 */
public enum ErrorCode {
  /** 201: a generic error. */
  GENERIC(201),
  /** 202: the server failed. */
  SERVER(202),
  /** 203: a malformed packet, invalid arguments or a bad token. */
  PROTOCOL(203),
  /** 204: the method is unknown. */
  METHOD_UNKNOWN(204),
  /** 205 (BEP 44): the message, or the item's {@code v}, is too big. */
  MESSAGE_TOO_BIG(205),
  /** 206 (BEP 44): the signature of a mutable item is invalid. */
  INVALID_SIGNATURE(206),
  /** 207 (BEP 44): the salt of a mutable item is longer than 64 bytes. */
  SALT_TOO_BIG(207),
  /** 301 (BEP 44): the {@code cas} of a put does not match the stored sequence number. */
  CAS_MISMATCH(301),
  /** 302 (BEP 44): the put's sequence number is less than the stored one. */
  SEQUENCE_TOO_LOW(302);

  private final int code;

  ErrorCode(int code) {
    this.code = code;
  }

  /** The number on the wire. */
  public int code() {
    return code;
  }

  /** The known code numbered {@code code}, if any. */
  public static Optional<ErrorCode> of(long code) {
    for (ErrorCode c : values()) {
      if (c.code == code) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
