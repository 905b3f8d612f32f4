/**
 * Engine events ({@code docker events}): {@link dev.cnm.api.event.Event} with Docker's shapes,
 * read with {@link dev.cnm.api.Engine#events} and followed with {@link
 * dev.cnm.api.Engine#subscribe}.
 */
package dev.cnm.api.event;
