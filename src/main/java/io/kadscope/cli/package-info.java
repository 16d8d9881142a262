/**
 * What every command of the command line shares: the one-line failure with its exit code ({@link
 * io.kadscope.cli.CliException}), host names resolved and addresses printed as a person types them
 * ({@link io.kadscope.cli.Addresses}), and {@code --log-level} ({@link io.kadscope.cli.Logging}).
 */
package io.kadscope.cli;
