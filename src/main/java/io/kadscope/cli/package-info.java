/**
 * What every command of the command line shares: the one-line failure with its exit code ({@link
 * CliException}), host names resolved and addresses printed as a person types them ({@link
 * Addresses}), and {@code --log-level} ({@link Logging}).
 */
package io.kadscope.cli;
