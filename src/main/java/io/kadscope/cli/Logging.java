package io.kadscope.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.util.Locale;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * Sets the log level from {@code --log-level}, and stops the logging at exit so that every queued
 * line is written (Logback is the SLF4J binding in the jar).
 */
public final class Logging {
  private static final Set<String> LEVELS =
      Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

  private Logging() {}

  /**
   * Sets the root level.
   *
   * @throws CliException when {@code level} is not a level's name
   */
  public static void setLevel(String level) {
    String name = level.strip().toUpperCase(Locale.ROOT);
    if (!LEVELS.contains(name)) {
      throw new CliException(
          "--log-level must be one of TRACE, DEBUG, INFO, WARN, ERROR, OFF; found '" + level + "'",
          CliException.USAGE);
    }
    if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
      root.setLevel(Level.toLevel(name));
    }
  }

  /**
   * Stops the logging: the asynchronous appender writes every line still queued, then stops. Later
   * log calls are dropped; call it last, at exit ({@link ShutdownHooks} does).
   */
  public static void stop() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.stop();
    }
  }
}
