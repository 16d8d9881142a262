/** Benchmarks run from the jar: workload W1 of the shared benchmark definitions. */
package io.kadscope.bench;
