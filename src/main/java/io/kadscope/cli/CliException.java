package io.kadscope.cli;

/**
 * A failure the command line reports in one line and exits with: a bad argument, a host that does
 * not resolve, a port in use. The message says what was expected and what was found.
 */
public class CliException extends RuntimeException {
  /** Exit code for a failure at run time (a port in use, no answer to a ping). */
  public static final int FAILED = 1;

  /** Exit code for a command line that does not parse (picocli's convention). */
  public static final int USAGE = 2;

  private final int exitCode;

  public CliException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  public CliException(String message, int exitCode, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** The process's exit code. */
  public int exitCode() {
    return exitCode;
  }
}
