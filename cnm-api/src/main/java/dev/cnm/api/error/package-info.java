/**
 * Errors: one root, {@link dev.cnm.api.error.CnmException}, carrying Docker's error class as an
 * {@link dev.cnm.api.error.ErrorKind} and Docker's message word for word; one subclass per kind
 * and typed leaves where callers branch.
 */
package dev.cnm.api.error;
