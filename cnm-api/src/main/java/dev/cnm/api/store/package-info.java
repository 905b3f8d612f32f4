/**
 * The global-scope store SPI: a flat key space of versioned byte values with create-only puts,
 * compare-and-set, compare-and-delete, prefix listings and revision-ordered watches, shaped after
 * what libnetwork needed from libkv and what etcd v3 gives.
 *
 * <p>{@link dev.cnm.api.store.GlobalStore} is the contract; {@link dev.cnm.api.store.StoreOps}
 * holds the read-modify-write retry loop every caller needs. Implementations: an in-memory store in
 * {@code cnm-core} ({@code dev.cnm.core.store.InMemoryGlobalStore}) and an etcd store in {@code
 * cnm-store-etcd}.
 */
package dev.cnm.api.store;
