package dev.cnm.core.format;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.core.template.Template;
import dev.cnm.core.template.TemplateException;
import dev.cnm.core.template.TemplateFunctions;
import dev.cnm.core.template.TemplateObject;
import java.util.List;

/**
 * docker/cli {@code formatter.Context}: the {@code table} prefix, the bare {@code json} format,
 * the {@code \t}/{@code \n} escapes, one template run per row, the header row and the tab
 * writer.
 */
final class ListFormatter {
  static final String TABLE = "table";
  static final String JSON = "json";

  private final boolean table;
  private final Template rows;
  private final Template header;

  ListFormatter(String format) {
    String f = format;
    table = f.startsWith(TABLE);
    if (table) {
      f = f.substring(TABLE.length());
    } else if (f.equals(JSON)) {
      f = "{{json .}}";
    }
    f = trimSpaces(f).replace("\\t", "\t").replace("\\n", "\n");
    rows = Template.parse(f, TemplateFunctions.docker());
    header = table ? Template.parse(f, TemplateFunctions.dockerHeaders()) : null;
  }

  /** strings.Trim(s, " "): spaces only, not tabs or newlines. */
  private static String trimSpaces(String s) {
    int b = 0;
    int e = s.length();
    while (b < e && s.charAt(b) == ' ') {
      b++;
    }
    while (e > b && s.charAt(e - 1) == ' ') {
      e--;
    }
    return s.substring(b, e);
  }

  String render(ObjectNode headers, List<? extends TemplateObject> items) {
    StringBuilder buffer = new StringBuilder();
    for (TemplateObject item : items) {
      rows.execute(item, buffer);
      buffer.append('\n');
    }
    if (!table) {
      return buffer.toString();
    }
    StringBuilder text = new StringBuilder();
    try {
      header.execute(headers, text);
    } catch (TemplateException e) {
      // docker ignores header errors (e.g. {{.Label "x"}} on the header map) and keeps what
      // was written before the error
    }
    text.append('\n').append(buffer);
    return TabWriter.docker(text.toString());
  }
}
