/**
 * Network values: {@link dev.cnm.api.net.IpAddress}, {@link dev.cnm.api.net.Subnet} and
 * {@link dev.cnm.api.net.MacAddress}, each with a {@code parse} / {@code isValid} /
 * {@code tryParse} trio (Guava's {@code InetAddresses} shape): strings are accepted only at the
 * edges and turned into these values at once.
 */
package dev.cnm.api.net;
