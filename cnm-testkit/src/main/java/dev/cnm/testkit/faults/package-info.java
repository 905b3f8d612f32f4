/**
 * Fault injection and call recording for the driver SPIs: {@link dev.cnm.testkit.faults.FaultInjector}
 * wraps network and IPAM drivers, records every call in order, makes chosen calls fail, and keeps
 * the ledger of what the drivers hold, so a test can prove its code (or the engine) recovers and
 * leaks nothing.
 */
package dev.cnm.testkit.faults;
