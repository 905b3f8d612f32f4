package dev.cnm.core.format;

import java.util.ArrayList;
import java.util.List;

/**
 * Go's {@code text/tabwriter} as the docker CLI configures it for tables: {@code
 * tabwriter.NewWriter(out, 10, 1, 3, ' ', 0)} (minimum cell width 10, padding 3, spaces, left
 * aligned). Tab-terminated cells are aligned in column blocks; the last cell of a line is not.
 */
final class TabWriter {
  private final int minwidth;
  private final int padding;
  private final List<List<String>> lines = new ArrayList<>();
  private final List<Integer> widths = new ArrayList<>();
  private final StringBuilder out = new StringBuilder();

  private TabWriter(int minwidth, int padding) {
    this.minwidth = minwidth;
    this.padding = padding;
  }

  /** Aligns text the way docker's table writer does. */
  static String docker(String text) {
    return new TabWriter(10, 3).format(text);
  }

  private String format(String text) {
    for (String line : text.split("\n", -1)) {
      List<String> cells = new ArrayList<>();
      int start = 0;
      for (int i = 0; i < line.length(); i++) {
        if (line.charAt(i) == '\t') {
          cells.add(line.substring(start, i));
          start = i + 1;
        }
      }
      cells.add(line.substring(start));
      lines.add(cells);
    }
    format(0, lines.size());
    return out.toString();
  }

  private static int width(String cell) {
    return cell.codePointCount(0, cell.length());
  }

  private void format(int line0, int line1) {
    int column = widths.size();
    for (int current = line0; current < line1; current++) {
      List<String> line = lines.get(current);
      if (column >= line.size() - 1) {
        continue;
      }
      writeLines(line0, current);
      line0 = current;
      int width = minwidth;
      for (; current < line1; current++) {
        line = lines.get(current);
        if (column >= line.size() - 1) {
          break;
        }
        int w = width(line.get(column)) + padding;
        if (w > width) {
          width = w;
        }
      }
      widths.add(width);
      format(line0, current);
      widths.remove(widths.size() - 1);
      line0 = current;
    }
    writeLines(line0, line1);
  }

  private void writeLines(int line0, int line1) {
    for (int i = line0; i < line1; i++) {
      List<String> line = lines.get(i);
      for (int j = 0; j < line.size(); j++) {
        String c = line.get(j);
        out.append(c);
        if (j < widths.size()) {
          out.append(" ".repeat(Math.max(0, widths.get(j) - width(c))));
        }
      }
      if (i + 1 < lines.size()) {
        out.append('\n');
      }
    }
  }
}
