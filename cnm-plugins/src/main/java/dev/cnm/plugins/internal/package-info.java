/**
 * The plugin protocol's machinery (HTTP over unix sockets, Go's JSON decoding, Docker's plugin
 * directories); not API, excluded from the javadoc.
 */
package dev.cnm.plugins.internal;
