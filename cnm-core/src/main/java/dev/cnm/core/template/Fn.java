package dev.cnm.core.template;

import java.util.List;

/** A callable template function with Go's parameter types, for argument checking. */
final class Fn {
  /** Go parameter types the interpreter distinguishes. */
  enum Param {
    /** interface{}: any value, nil allowed. */
    ANY("interface {}"),
    /** reflect.Value: the raw value, even no value. */
    REFLECT("reflect.Value"),
    STRING("string"),
    INT("int"),
    STRINGS("[]string");

    final String goName;

    Param(String goName) {
      this.goName = goName;
    }
  }

  /**
   * The body; throws IllegalArgumentException carrying Go's error text. A body that builds a
   * value larger than its arguments checks {@code budget} as it grows.
   */
  @FunctionalInterface
  interface Impl {
    Object apply(List<Object> args, Budget budget);
  }

  final String name;
  final List<Param> fixed;
  final Param variadic;
  final Impl impl;

  Fn(String name, List<Param> fixed, Param variadic, Impl impl) {
    this.name = name;
    this.fixed = List.copyOf(fixed);
    this.variadic = variadic;
    this.impl = impl;
  }
}
