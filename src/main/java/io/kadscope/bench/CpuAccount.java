package io.kadscope.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * Where a benchmark phase's CPU went, read from the JVM's own counters: the whole process's CPU,
 * the CPU of the threads whose name starts with a prefix (the event loops that carry the peers),
 * and how long the JIT compilers spent compiling. On a 2-core machine a short run of hundreds of
 * peers can keep a compiler busy as long as the peers themselves, which no figure of the peers
 * shows unless it is counted. The compilers' figure is the summed duration of their compilations
 * (what {@link CompilationMXBean} offers), not CPU: a compilation waiting for a core counts too.
 *
 * <p>A counter the JVM does not offer reads as -1 (and so does any difference taken from it).
 *
 * @param processCpuNanos CPU of every thread of the process, or -1
 * @param threadsCpuNanos CPU of the live threads named with the prefix, or -1
 * @param jitMillis how long the JIT compilers spent compiling, summed over their threads, or -1
 */
public record CpuAccount(long processCpuNanos, long threadsCpuNanos, long jitMillis) {

  /** The counters now, with the threads whose name starts with {@code threadPrefix}. */
  public static CpuAccount now(String threadPrefix) {
    return new CpuAccount(
        readProcessCpuNanos(), readThreadsCpuNanos(threadPrefix), readJitMillis());
  }

  /**
   * What was spent since {@code earlier}. The threads' figure counts live threads only: an event
   * loop that ended in between takes its CPU with it.
   */
  public CpuAccount since(CpuAccount earlier) {
    return new CpuAccount(
        minus(processCpuNanos, earlier.processCpuNanos),
        minus(threadsCpuNanos, earlier.threadsCpuNanos),
        minus(jitMillis, earlier.jitMillis));
  }

  /** Process CPU in seconds, or -1. */
  public double processCpuSeconds() {
    return processCpuNanos < 0 ? -1 : processCpuNanos / 1e9;
  }

  /** The prefixed threads' CPU in seconds, or -1. */
  public double threadsCpuSeconds() {
    return threadsCpuNanos < 0 ? -1 : threadsCpuNanos / 1e9;
  }

  /** JIT compiling in seconds, or -1. */
  public double jitSeconds() {
    return jitMillis < 0 ? -1 : jitMillis / 1e3;
  }

  private static long minus(long a, long b) {
    return a < 0 || b < 0 ? -1 : Math.max(0, a - b);
  }

  private static long readProcessCpuNanos() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean hotspot) {
      long t = hotspot.getProcessCpuTime();
      return t < 0 ? -1 : t;
    }
    return -1;
  }

  private static long readThreadsCpuNanos(String prefix) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    if (!threads.isThreadCpuTimeSupported() || !threads.isThreadCpuTimeEnabled()) {
      return -1;
    }
    long sum = 0;
    // Names only: no thread's stack is taken.
    for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (t != null && t.getThreadName().startsWith(prefix)) {
        long c = threads.getThreadCpuTime(t.getThreadId());
        if (c > 0) {
          sum += c;
        }
      }
    }
    return sum;
  }

  private static long readJitMillis() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
      return -1;
    }
    return jit.getTotalCompilationTime();
  }
}
