/**
 * The {@code overlay} network driver, after libnetwork's {@code drivers/overlay}: global-scope
 * networks spanning every engine that shares a {@link dev.cnm.api.store.GlobalStore}, with
 * cluster-unique VXLAN ids. Created by {@link dev.cnm.drivers.overlay.OverlayDriverProvider}.
 */
package dev.cnm.drivers.overlay;
