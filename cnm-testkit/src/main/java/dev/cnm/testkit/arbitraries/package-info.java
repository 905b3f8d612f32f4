/**
 * jqwik support: {@link dev.cnm.testkit.arbitraries.CnmArbitraries} generates valid subnets,
 * names, aliases, port specs, network and container specs and whole {@link
 * dev.cnm.testkit.arbitraries.Topology topologies}; {@link dev.cnm.testkit.arbitraries.CnmDomain}
 * makes them the defaults for their types.
 */
package dev.cnm.testkit.arbitraries;
