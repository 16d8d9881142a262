package io.kadscope.engine.routing;

import io.kadscope.engine.Contact;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A contact in a routing-table snapshot, with what the node knows of it.
 *
 * @param contact id and address
 * @param lastSeen when it last sent a request or answered one, to the millisecond (a time more than
 *     five weeks before the table's latest reads as about five weeks before it)
 * @param rtt its smoothed round-trip time (RFC 6298's SRTT), to the microsecond, if it ever
 *     answered one of ours
 * @param failures consecutive RPCs to it that went unanswered
 */
public record ContactInfo(
    Contact contact, Instant lastSeen, Optional<Duration> rtt, int failures) {}
