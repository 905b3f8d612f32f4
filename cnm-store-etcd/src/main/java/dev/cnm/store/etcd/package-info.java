/**
 * The global-scope store on etcd v3: {@link dev.cnm.store.etcd.EtcdGlobalStore} implements {@link
 * dev.cnm.api.store.GlobalStore} with jetcd, mapping create-only puts and compare-and-set to etcd
 * transactions on create and mod revisions, and transport failures to typed errors that say
 * whether a write failed or has an unknown outcome.
 */
package dev.cnm.store.etcd;
