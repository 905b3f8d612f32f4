/**
 * The public model of cnm: the {@link dev.cnm.api.Engine} interface, the specs callers pass it
 * ({@link dev.cnm.api.NetworkSpec}, {@link dev.cnm.api.ContainerSpec},
 * {@link dev.cnm.api.EndpointSpec}) and the immutable snapshots it returns
 * ({@link dev.cnm.api.NetworkInfo}, {@link dev.cnm.api.ContainerInfo},
 * {@link dev.cnm.api.EndpointInfo}).
 */
package dev.cnm.api;
