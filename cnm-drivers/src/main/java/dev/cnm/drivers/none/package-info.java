/**
 * The {@code null} network driver behind Docker's {@code none} network, after libnetwork's {@code
 * drivers/null}: one network per engine, never deleted; containers on it get only loopback.
 * Created by {@link dev.cnm.drivers.none.NullDriverProvider}. (The package is named {@code none}
 * because {@code null} is a Java keyword.)
 */
package dev.cnm.drivers.none;
