/**
 * The broker's configuration: immutable records, one YAML file, validated once.
 *
 * <p>The work is split in two, and each check lives in exactly one of the halves:
 * <ul>
 *   <li>{@link io.bastionmq.config.ConfigLoader} owns the <em>shape</em> of the file: YAML
 *       syntax, which keys exist where, value types, duration and enum spelling, and keys that
 *       do not apply (a {@code path} on a TCP listener).</li>
 *   <li>The records own the <em>values</em>: each compact constructor checks its bounds and
 *       rules, so no invalid configuration can exist, whether it came from a file, a CLI profile
 *       or a test. Each default sits beside its bounds as constants.</li>
 * </ul>
 * Every failure is a {@link io.bastionmq.config.ConfigException} naming the key path, the
 * problem and a hint; the loader adds the file. The keys are documented in
 * {@code docs/configuration.md}, and a test fails the build if a key is missing there.
 */
@NullMarked
package io.bastionmq.config;

import org.jspecify.annotations.NullMarked;
