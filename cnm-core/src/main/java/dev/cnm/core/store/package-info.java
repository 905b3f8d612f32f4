/**
 * The in-memory {@link dev.cnm.api.store.GlobalStore}: one JVM's stand-in for etcd, used by unit
 * tests and multi-engine simulations, with fault switches to exercise unavailability.
 */
package dev.cnm.core.store;
