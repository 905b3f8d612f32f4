package dev.cnm.core.format;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code docker network ls} prints for the {@code GET /networks} list: rows sorted by name
 * in natural order, the default table, {@code --format json}, {@code -q} or any {@code
 * --format} template. Placeholders: {@code .ID .Name .Driver .Scope .IPv4 .IPv6 .Internal
 * .Labels .Label "k" .CreatedAt}. IDs are cut to 12 characters unless {@link #noTrunc()}.
 * Immutable.
 *
 * <pre>{@code
 * String out = NetworkListFormat.table().format(networksJson);
 * // NETWORK ID     NAME      DRIVER    SCOPE
 * // 2925d07c283b   dev       bridge    local
 * }</pre>
 */
public final class NetworkListFormat {
  /** docker's default {@code network ls} table. */
  public static final String DEFAULT_TABLE =
      "table {{.ID}}\\t{{.Name}}\\t{{.Driver}}\\t{{.Scope}}";

  private final ListFormatter formatter;
  private final String format;
  private final boolean noTrunc;

  private NetworkListFormat(String format, boolean noTrunc) {
    this.format = format;
    this.noTrunc = noTrunc;
    this.formatter = new ListFormatter(format);
  }

  /** {@return the default table} */
  public static NetworkListFormat table() {
    return new NetworkListFormat(DEFAULT_TABLE, false);
  }

  /**
   * {@code docker network ls -q}: IDs only.
   *
   * @return the format of {@code docker network ls -q}: IDs only
   */
  public static NetworkListFormat quiet() {
    return new NetworkListFormat("{{.ID}}", false);
  }

  /**
   * {@return a {@code --format} value: {@code table}, {@code json}, {@code table TEMPLATE} or
   * {@code TEMPLATE}}
   *
   * @param format the {@code --format} value
   * @throws dev.cnm.core.template.TemplateException on a template parse error
   */
  public static NetworkListFormat of(String format) {
    requireNonNull(format, "format");
    if (format.isEmpty() || format.equals(ListFormatter.TABLE)) {
      return table();
    }
    return new NetworkListFormat(format, false);
  }

  /** {@return this format with {@code --no-trunc}: full IDs} */
  public NetworkListFormat noTrunc() {
    return new NetworkListFormat(format, true);
  }

  /** {@return the format string, as given} */
  public String format() {
    return format;
  }

  /**
   * Renders the array returned by {@code GET /networks}, sorted by name.
   *
   * @param networks the array {@code GET /networks} returned
   * @return the text {@code docker network ls} prints, one line per row
   * @throws dev.cnm.core.template.TemplateException when the template fails on a row
   */
  public String format(JsonNode networks) {
    requireNonNull(networks, "networks");
    List<NetworkContext> rows = new ArrayList<>();
    for (JsonNode n : networks) {
      rows.add(new NetworkContext(n, !noTrunc));
    }
    rows.sort((a, b) -> DockerText.naturalCompare(a.name(), b.name()));
    return formatter.render(NetworkContext.headers(), rows);
  }

  @Override
  public String toString() {
    return "NetworkListFormat{" + format + (noTrunc ? ", no-trunc" : "") + "}";
  }
}
