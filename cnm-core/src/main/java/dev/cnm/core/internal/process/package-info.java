/**
 * The engine's built-in programs ({@link dev.cnm.core.internal.process.BuiltinPrograms}) and the
 * small shell that {@code sh -c} scripts are read with ({@link
 * dev.cnm.core.internal.process.ShellParser}), both producing {@link dev.cnm.api.process.Script}s
 * through the public API; not part of cnm's API.
 */
package dev.cnm.core.internal.process;
