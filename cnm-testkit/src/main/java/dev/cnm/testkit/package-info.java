/**
 * The cnm test kit: everything a team needs to unit-test orchestration code against an
 * in-memory Docker network model. {@link dev.cnm.testkit.EngineSnapshot} captures an engine's
 * whole observable state; the sub-packages hold the JUnit 5 extension ({@code junit}), AssertJ
 * assertions ({@code assertions}), jqwik arbitraries ({@code arbitraries}), driver contracts
 * ({@code contract}), fault injection and SPI call recording ({@code faults}) and the engine
 * event recorder ({@code events}).
 */
package dev.cnm.testkit;
