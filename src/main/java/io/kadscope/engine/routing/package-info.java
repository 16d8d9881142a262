/** The routing table: k-buckets, their split and eviction policy, and immutable snapshots. */
package io.kadscope.engine.routing;
