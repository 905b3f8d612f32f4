package dev.cnm.core.format;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code docker ps} prints for the {@code GET /containers/json} list: the default table,
 * {@code --format json} (one JSON object per line, all values strings), {@code -q}, or any
 * {@code --format} template, with or without the {@code table} prefix. Placeholders: {@code .ID
 * .Image .Command .CreatedAt .RunningFor .Ports .Status .State .Names .Labels .Label "k"
 * .Networks .Mounts .Size .LocalVolumes}. IDs are cut to 12 characters, {@code .Command} is
 * quoted and cut to 20 columns, names lose their slash, unless {@link #noTrunc()}. Rows keep the
 * engine's order (the CLI does not sort them). Immutable.
 *
 * <pre>{@code
 * String out = ContainerListFormat.table().format(containersJson, Instant.now());
 * // CONTAINER ID   IMAGE     COMMAND        CREATED         STATUS         PORTS                  NAMES
 * // 80e5a4a9c1d2   alpine    "sleep 1000"   5 seconds ago   Up 5 seconds   0.0.0.0:8080->80/tcp   web
 * ContainerListFormat.of("{{.Names}}: {{.Label \"env\"}}").format(containersJson, now);
 * }</pre>
 *
 * <p>Differences from the CLI: {@code .CreatedAt} is printed in UTC (the CLI uses the local time
 * zone), and {@code .Labels} lists labels sorted by key (the CLI's order is random).
 */
public final class ContainerListFormat {
  /** docker's default {@code ps} table (escapes as the CLI writes them). */
  public static final String DEFAULT_TABLE =
      "table {{.ID}}\\t{{.Image}}\\t{{.Command}}\\t{{.RunningFor}}\\t{{.Status}}\\t{{.Ports}}"
          + "\\t{{.Names}}";

  private final ListFormatter formatter;
  private final String format;
  private final boolean noTrunc;

  private ContainerListFormat(String format, boolean noTrunc) {
    this.format = format;
    this.noTrunc = noTrunc;
    this.formatter = new ListFormatter(format);
  }

  /** {@return the default table} */
  public static ContainerListFormat table() {
    return new ContainerListFormat(DEFAULT_TABLE, false);
  }

  /**
   * {@code docker ps -q}: IDs only.
   *
   * @return the format of {@code docker ps -q}: IDs only
   */
  public static ContainerListFormat quiet() {
    return new ContainerListFormat("{{.ID}}", false);
  }

  /**
   * {@return a {@code --format} value: {@code table} (the default table), {@code json},
   * {@code table TEMPLATE} or {@code TEMPLATE}; {@code \t} and {@code \n} are escapes}
   *
   * @param format the {@code --format} value
   * @throws dev.cnm.core.template.TemplateException on a template parse error (the CLI prints
   *     {@code template parsing error: } before the message and exits 64)
   */
  public static ContainerListFormat of(String format) {
    requireNonNull(format, "format");
    if (format.isEmpty() || format.equals(ListFormatter.TABLE)) {
      return table();
    }
    return new ContainerListFormat(format, false);
  }

  /** {@return this format with {@code --no-trunc}: full IDs, commands and names} */
  public ContainerListFormat noTrunc() {
    return new ContainerListFormat(format, true);
  }

  /** {@return the format string, as given} */
  public String format() {
    return format;
  }

  /**
   * Renders the array returned by {@code GET /containers/json}; {@code now} is the clock for
   * {@code .RunningFor} ({@code .Status} is printed as the engine computed it).
   *
   * @param containers the array {@code GET /containers/json} returned
   * @param now the time {@code .RunningFor} counts to
   * @return the text {@code docker ps} prints, one line per row
   * @throws dev.cnm.core.template.TemplateException when the template fails on a row
   */
  public String format(JsonNode containers, Instant now) {
    requireNonNull(containers, "containers");
    requireNonNull(now, "now");
    List<ContainerContext> rows = new ArrayList<>();
    for (JsonNode c : containers) {
      rows.add(new ContainerContext(c, !noTrunc, now));
    }
    return formatter.render(ContainerContext.headers(), rows);
  }

  @Override
  public String toString() {
    return "ContainerListFormat{" + format + (noTrunc ? ", no-trunc" : "") + "}";
  }
}
