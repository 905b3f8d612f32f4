/**
 * Implementation shared by the built-in drivers; not API, excluded from the javadoc.
 */
package dev.cnm.drivers.internal;
