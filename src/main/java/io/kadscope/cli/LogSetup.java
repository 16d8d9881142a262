package io.kadscope.cli;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The logging of the jar, set up in code (found by Logback as a service, before any configuration
 * file): logs go to standard error through an asynchronous appender, Netty says only what is wrong.
 *
 * <p>Why in code and not in a {@code logback.xml}: reading the XML file loads Logback's
 * configuration framework and the JDK's XML parser, about 600 classes that a headless peer never
 * uses again; in a small container their metadata and code are a tenth of the peer's memory.
 *
 * <p>A configuration file still wins when one is named ({@code -Dlogback.configurationFile=...}) or
 * when a {@code logback-test.xml} is on the class path (the tests'): this setup then steps aside
 * for Logback's own.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
  /** The line format: time, level, the class that logs, the message. */
  static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n";

  /**
   * Lines the asynchronous appender holds before a caller waits. Engine events are logged on the
   * network's I/O thread; the terminal is written on the appender's own thread instead.
   */
  static final int QUEUE_SIZE = 8192;

  /** How long stopping waits for the queue to drain: thousands of lines take milliseconds. */
  static final int MAX_FLUSH_MILLIS = 5000;

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null
        || LogSetup.class.getClassLoader().getResource("logback-test.xml") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    setUp(context);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** Sets up {@code context}'s appenders and levels as the jar logs. */
  static void setUp(LoggerContext context) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();

    // Standard error, so that standard output carries only what the console says to a person
    // (scripts read "Received value ..." from it). `docker logs` shows both.
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();

    // No line is discarded (threshold 0); only a full queue makes the caller wait. No shutdown
    // hook: ShutdownHooks stops the context at exit, after the peer has saved its state and
    // stopped, so that those last lines are queued first and all written before the JVM ends.
    AsyncAppender async = new AsyncAppender();
    async.setContext(context);
    async.setName("ASYNC");
    async.setQueueSize(QUEUE_SIZE);
    async.setDiscardingThreshold(0);
    async.setMaxFlushTime(MAX_FLUSH_MILLIS);
    async.addAppender(stderr);
    async.start();

    context.getLogger("io.netty").setLevel(Level.WARN);
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(async);
  }
}
