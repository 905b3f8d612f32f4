/**
 * The in-memory engine: {@link dev.cnm.core.Cnm} creates {@link dev.cnm.api.Engine}s with
 * Docker's defaults; {@link dev.cnm.core.EngineBuilder} and {@link
 * dev.cnm.core.EngineConfiguration} vary them.
 */
package dev.cnm.core;
