package dev.cnm.core.format;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code docker history} prints for {@code GET /images/{name}/history}: the table {@code
 * IMAGE CREATED CREATED BY SIZE COMMENT} ({@code CREATED AT} with {@code -H=false}), {@code -q},
 * or a {@code --format} template. Placeholders: {@code .ID .CreatedSince .CreatedAt .CreatedBy
 * .Size .Comment}; {@code .CreatedBy} is cut to 45 columns unless {@code --no-trunc}.
 *
 * <pre>{@code
 * String out = ImageHistoryFormat.of("", false, true).format(historyJson, Instant.now());
 * }</pre>
 */
public final class ImageHistoryFormat {
  private static final String DEFAULT = "table {{.ID}}\\t{{.CreatedSince}}\\t{{.CreatedBy}}\\t{{.Size}}\\t{{.Comment}}";
  private static final String NON_HUMAN = "table {{.ID}}\\t{{.CreatedAt}}\\t{{.CreatedBy}}\\t{{.Size}}\\t{{.Comment}}";

  private final String format;
  private final boolean human;
  private final boolean noTrunc;

  private ImageHistoryFormat(String format, boolean human, boolean noTrunc) {
    this.format = format;
    this.human = human;
    this.noTrunc = noTrunc;
  }

  /**
   * {@return the format for {@code --format} (empty or {@code table}: the default), {@code -q}
   * and {@code -H}}
   *
   * @param format the {@code --format} value, possibly empty
   * @param quiet {@code -q}: ids only
   * @param human {@code -H} (true by default): sizes and dates for people
   * @throws dev.cnm.core.template.TemplateException on a template parse error (exit 64)
   */
  public static ImageHistoryFormat of(String format, boolean quiet, boolean human) {
    requireNonNull(format, "format");
    String f = format;
    if (f.isEmpty() || f.equals(ListFormatter.TABLE)) {
      f = quiet ? "{{.ID}}" : human ? DEFAULT : NON_HUMAN;
    }
    new ListFormatter(f);
    return new ImageHistoryFormat(f, human, false);
  }

  /** {@return this format with {@code --no-trunc}} */
  public ImageHistoryFormat noTrunc() {
    return new ImageHistoryFormat(format, human, true);
  }

  /**
   * Renders the array {@code GET /images/{name}/history} returned.
   *
   * @param history the steps, newest first
   * @param now what {@code .CreatedSince} counts to
   * @return the text {@code docker history} prints
   */
  public String format(JsonNode history, Instant now) {
    requireNonNull(history, "history");
    requireNonNull(now, "now");
    List<HistoryContext> rows = new ArrayList<>();
    for (JsonNode step : history) {
      rows.add(new HistoryContext(step, !noTrunc, human, now));
    }
    return new ListFormatter(format).render(HistoryContext.headers(), rows);
  }
}
