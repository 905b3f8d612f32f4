package dev.cnm.api;

import dev.cnm.api.error.InvalidParameterException;
import java.util.Locale;
import java.util.Objects;

/**
 * {@code --restart}: what the daemon does when the container's process exits (moby {@code
 * container.RestartPolicy}). {@code no} (the default) never restarts; {@code always} restarts on
 * every exit; {@code unless-stopped} likewise unless the container was stopped or killed by hand;
 * {@code on-failure[:N]} restarts on a non-zero exit, at most N times (0: no limit). Restarts
 * wait 100 ms, doubled each time up to a minute, back to 100 ms after a run of 10 seconds or more
 * (moby {@code restartmanager}).
 *
 * <pre>{@code
 * RestartPolicy.parse("on-failure:3"); // ON_FAILURE, at most 3 retries
 * RestartPolicy.always();
 * }</pre>
 */
public final class RestartPolicy {
  private static final RestartPolicy NO = new RestartPolicy(Mode.NO, 0);
  private static final RestartPolicy ALWAYS = new RestartPolicy(Mode.ALWAYS, 0);
  private static final RestartPolicy UNLESS_STOPPED = new RestartPolicy(Mode.UNLESS_STOPPED, 0);

  /** The policy's name. */
  public enum Mode {
    /** {@code no}: never restart. */
    NO("no"),
    /** {@code always}. */
    ALWAYS("always"),
    /** {@code on-failure}: restart on a non-zero exit code. */
    ON_FAILURE("on-failure"),
    /** {@code unless-stopped}. */
    UNLESS_STOPPED("unless-stopped");

    private final String text;

    Mode(String text) {
      this.text = text;
    }

    /** {@return Docker's name, such as {@code on-failure}} */
    @Override
    public String toString() {
      return text;
    }
  }

  private final Mode mode;
  private final int maximumRetryCount;

  private RestartPolicy(Mode mode, int maximumRetryCount) {
    this.mode = mode;
    this.maximumRetryCount = maximumRetryCount;
  }

  /** {@return the policy {@code no}} */
  public static RestartPolicy no() {
    return NO;
  }

  /** {@return the policy {@code always}} */
  public static RestartPolicy always() {
    return ALWAYS;
  }

  /** {@return the policy {@code unless-stopped}} */
  public static RestartPolicy unlessStopped() {
    return UNLESS_STOPPED;
  }

  /**
   * {@return the policy {@code on-failure:maximumRetryCount}}
   *
   * @param maximumRetryCount at most this many restarts; 0 for no limit
   * @throws InvalidParameterException for a negative count, with the daemon's message
   */
  public static RestartPolicy onFailure(int maximumRetryCount) {
    if (maximumRetryCount < 0) {
      throw new InvalidParameterException("invalid restart policy: maximum retry count cannot be negative");
    }
    return new RestartPolicy(Mode.ON_FAILURE, maximumRetryCount);
  }

  /**
   * {@return the policy the daemon receives as {@code HostConfig.RestartPolicy}: {@code Name} and
   * {@code MaximumRetryCount}, validated as the daemon validates them (moby {@code
   * ValidateRestartPolicy}); an empty name is {@code no}}
   *
   * @param name {@code no}, {@code always}, {@code on-failure}, {@code unless-stopped} or empty
   * @param maximumRetryCount the retry count; only {@code on-failure} takes one
   * @throws InvalidParameterException {@code invalid restart policy: ...} with the daemon's words
   */
  public static RestartPolicy of(String name, int maximumRetryCount) {
    switch (name) {
      case "":
        return NO;
      case "no":
      case "always":
      case "unless-stopped":
        if (maximumRetryCount != 0) {
          String msg = "invalid restart policy: maximum retry count can only be used with 'on-failure'";
          throw new InvalidParameterException(maximumRetryCount < 0 ? msg + " and cannot be negative" : msg);
        }
        return name.equals("no") ? NO : name.equals("always") ? ALWAYS : UNLESS_STOPPED;
      case "on-failure":
        return onFailure(maximumRetryCount);
      default:
        throw new InvalidParameterException("invalid restart policy: unknown policy '" + name
            + "'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'");
    }
  }

  /**
   * {@return the policy {@code --restart value} gives, parsed as the docker CLI parses it ({@code
   * name[:count]}) and validated as the daemon validates it}
   *
   * @param value such as {@code always} or {@code on-failure:5}; empty for {@code no}
   * @throws InvalidParameterException {@code invalid restart policy format: ...} or the daemon's
   *     {@code invalid restart policy: ...}
   */
  public static RestartPolicy parse(String value) {
    int colon = value.indexOf(':');
    String name = colon < 0 ? value : value.substring(0, colon);
    String count = colon < 0 ? "" : value.substring(colon + 1);
    if (colon >= 0 && name.isEmpty()) {
      throw new InvalidParameterException("invalid restart policy format: no policy provided before colon");
    }
    int n = 0;
    if (!count.isEmpty()) {
      try {
        n = Integer.parseInt(count);
      } catch (NumberFormatException e) {
        throw new InvalidParameterException("invalid restart policy format: maximum retry count must be an integer");
      }
    }
    return of(name, n);
  }

  /** {@return the policy's name} */
  public Mode mode() {
    return mode;
  }

  /** {@return {@code MaximumRetryCount}: for {@code on-failure}, at most this many restarts (0: no limit)} */
  public int maximumRetryCount() {
    return maximumRetryCount;
  }

  /** {@return whether the policy never restarts} */
  public boolean isNone() {
    return mode == Mode.NO;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RestartPolicy && ((RestartPolicy) o).mode == mode
        && ((RestartPolicy) o).maximumRetryCount == maximumRetryCount;
  }

  @Override
  public int hashCode() {
    return Objects.hash(mode, maximumRetryCount);
  }

  /** {@return the {@code --restart} form: {@code always}, {@code on-failure:3}} */
  @Override
  public String toString() {
    return mode == Mode.ON_FAILURE && maximumRetryCount > 0
        ? mode + ":" + maximumRetryCount
        : mode.toString().toLowerCase(Locale.ROOT);
  }
}
