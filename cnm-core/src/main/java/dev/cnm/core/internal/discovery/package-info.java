/**
 * Service discovery as a container sees it (libnetwork's embedded DNS, {@code /etc/hosts} and
 * {@code /etc/resolv.conf} builders, legacy link environment) and the small fixed command set
 * {@code docker exec} is modelled with. The engine hands in immutable snapshots ({@link
 * dev.cnm.core.internal.discovery.SandboxView}, {@link dev.cnm.core.internal.discovery.DnsNetwork}); everything
 * here is a pure function of them. Implementation detail of cnm-core, not API.
 */
package dev.cnm.core.internal.discovery;
