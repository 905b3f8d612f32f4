/**
 * Implementation pieces shared by several of cnm-core's packages; not part of cnm's API and free
 * to change in any release.
 */
package dev.cnm.core.internal;
