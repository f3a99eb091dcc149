/**
 * The {@code bastion} command line (picocli). {@link io.bastionmq.cli.Main} lists the
 * subcommands; each is one class ({@code StartCommand}, {@code VersionCommand}, and later
 * {@code user}, {@code device}, {@code acl}, {@code cert}, {@code ban}, {@code bench}).
 *
 * <p>Exit codes: 0 success, 1 runtime failure, 2 usage or configuration error.
 */
@NullMarked
package io.bastionmq.cli;

import org.jspecify.annotations.NullMarked;
