package dev.cnm.core.template;

import dev.cnm.api.error.InvalidParameterException;

/**
 * The only failure a template reports: a parse error ({@link #isParseError()}, which the docker
 * CLI prints as {@code template parsing error: ...} and exits 64) or an execution error (exit
 * 1); an execution stopped by a {@link TemplateLimits limit} is the subclass {@link
 * TemplateLimitException}; no other class extends it. The message is Go's, e.g. {@code
 * template: :1: function "table" not defined} or {@code
 * template: :1:8: executing "" at <.State.Foo>: map has no entry for key "Foo"}.
 *
 * <pre>{@code
 * try {
 *   Template.parse(userText); // for example an unclosed action
 * } catch (TemplateException e) {
 *   int exit = e.isParseError() ? 64 : 1;
 * }
 * }</pre>
 */
public class TemplateException extends InvalidParameterException {
  private static final long serialVersionUID = 1L;

  /** Whether the template text is malformed, as opposed to failing while executing. */
  private final boolean parseError;

  TemplateException(String message, boolean parseError) {
    super(message);
    this.parseError = parseError;
  }

  static TemplateException parse(String message) {
    return new TemplateException(message, true);
  }

  static TemplateException exec(String message) {
    return new TemplateException(message, false);
  }

  /** {@return true if the template text is malformed; false if it failed while executing} */
  public boolean isParseError() {
    return parseError;
  }
}
