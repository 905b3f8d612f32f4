/**
 * Real etcd servers for tests and benchmarks: {@link dev.cnm.store.etcd.testing.EtcdCluster}
 * starts one or more members of the installed {@code etcd} binary as child processes on loopback
 * (free ports, temporary data directories) and stops them by process id; {@link
 * dev.cnm.store.etcd.testing.EtcdMember} kills and restarts one member for failover scenarios.
 */
package dev.cnm.store.etcd.testing;
