/**
 * JMH microbenchmarks of the hot paths: the codec, the closest-k selection and one request handled
 * from datagram to answer. Compiled with the tests but run only with {@code mvn -o -P jmh
 * test-compile} (docs/benchmarks.md), never by {@code mvn verify}.
 */
package io.kadscope.jmh;
