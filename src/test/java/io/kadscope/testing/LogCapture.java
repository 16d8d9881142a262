package io.kadscope.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Collects what one logger logs, for assertions on log text. Close it to detach. */
public final class LogCapture implements AutoCloseable {
  private final Logger logger;
  private final Level previous;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private LogCapture(String name, Level level) {
    logger = (Logger) LoggerFactory.getLogger(name);
    previous = logger.getLevel();
    logger.setLevel(level);
    appender.start();
    logger.addAppender(appender);
  }

  /** Captures {@code name} and its children at INFO and above. */
  public static LogCapture of(String name) {
    return new LogCapture(name, Level.INFO);
  }

  /** Captures {@code type}'s logger at DEBUG and above. */
  public static LogCapture debugOf(Class<?> type) {
    return new LogCapture(type.getName(), Level.DEBUG);
  }

  /** Captures {@code type}'s logger at INFO and above. */
  public static LogCapture of(Class<?> type) {
    return of(type.getName());
  }

  /** "LEVEL message" for every event so far. */
  public synchronized List<String> lines() {
    return appender.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
  }

  /** Forgets what was captured so far. */
  public synchronized void clear() {
    appender.list.clear();
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    logger.setLevel(previous);
  }
}
