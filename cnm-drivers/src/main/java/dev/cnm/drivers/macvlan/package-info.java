/**
 * The built-in {@code macvlan} driver (libnetwork's {@code drivers/macvlan}): containers as MAC
 * sub-interfaces of a parent link on the host model.
 */
package dev.cnm.drivers.macvlan;
