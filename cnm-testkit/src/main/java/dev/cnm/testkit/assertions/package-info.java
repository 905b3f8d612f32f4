/**
 * AssertJ assertions for cnm: {@link dev.cnm.testkit.assertions.CnmAssertions} is the entry point;
 * each assertion class checks one kind of model object and shows the relevant part of the model
 * when it fails.
 */
package dev.cnm.testkit.assertions;
