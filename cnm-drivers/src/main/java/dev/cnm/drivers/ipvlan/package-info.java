/**
 * The built-in {@code ipvlan} driver (libnetwork's {@code drivers/ipvlan}): containers as IP
 * sub-interfaces of a parent link on the host model, sharing its MAC address.
 */
package dev.cnm.drivers.ipvlan;
