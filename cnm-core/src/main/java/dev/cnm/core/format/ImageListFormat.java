package dev.cnm.core.format;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cnm.api.image.ImageReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code docker images} prints for the {@code GET /images/json} list (docker/cli {@code
 * formatter.ImageWrite}): one row per repository and tag of each image ({@code <none>} for an
 * untagged one), the default table {@code REPOSITORY TAG IMAGE ID CREATED SIZE} ({@code DIGEST}
 * after {@code TAG} with {@code --digests}), {@code -q}, {@code --format json} or any template.
 * Placeholders: {@code .ID .Repository .Tag .Digest .CreatedSince .CreatedAt .Size .Containers
 * .VirtualSize .SharedSize .UniqueSize}. IDs are cut to 12 characters unless {@link #noTrunc()}.
 * Rows keep the engine's order (newest first). Immutable.
 *
 * <pre>{@code
 * String out = ImageListFormat.table().format(imagesJson, Instant.now());
 * // REPOSITORY   TAG       IMAGE ID       CREATED       SIZE
 * // nginx        latest    0123456789ab   7 weeks ago   192MB
 * }</pre>
 *
 * <p>Differences from the CLI: {@code .CreatedAt} is printed in UTC, and the tags of one image
 * are listed in the engine's (sorted) order (the CLI walks a map).
 */
public final class ImageListFormat {
  /** docker's default {@code images} table (escapes as the CLI writes them). */
  public static final String DEFAULT_TABLE =
      "table {{.Repository}}\\t{{.Tag}}\\t{{.ID}}\\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\\t{{.Size}}";
  /** docker's {@code images --digests} table. */
  public static final String DIGESTS_TABLE = "table {{.Repository}}\\t{{.Tag}}\\t{{.Digest}}\\t{{.ID}}"
      + "\\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\\t{{.Size}}";

  private final String format;
  private final boolean noTrunc;
  private final boolean digests;

  private ImageListFormat(String format, boolean noTrunc, boolean digests) {
    this.format = format;
    this.noTrunc = noTrunc;
    this.digests = digests;
  }

  /** {@return the default table} */
  public static ImageListFormat table() {
    return new ImageListFormat(DEFAULT_TABLE, false, false);
  }

  /**
   * {@return a {@code docker images} format: {@code format} (empty or {@code table} for the
   * default), {@code -q} and {@code --digests} as the CLI's {@code NewImageFormat} combines them}
   *
   * @param format the {@code --format} value, possibly empty
   * @param quiet {@code -q}: ids only (with the default format)
   * @param digests {@code --digests}: the digest column
   * @throws dev.cnm.core.template.TemplateException on a template parse error (exit 64)
   */
  public static ImageListFormat of(String format, boolean quiet, boolean digests) {
    requireNonNull(format, "format");
    String f = format.isEmpty() ? ListFormatter.TABLE : format;
    if (f.equals(ListFormatter.TABLE)) {
      f = quiet ? "{{.ID}}" : digests ? DIGESTS_TABLE : DEFAULT_TABLE;
    } else if (f.startsWith(ListFormatter.TABLE) && digests && !f.contains("{{.Digest}}")) {
      f += "\\t{{.Digest}}";
    }
    ImageListFormat parsed = new ImageListFormat(f, false, digests);
    new ListFormatter(f); // a template error shows now, not at the first row
    return parsed;
  }

  /** {@return this format with {@code --no-trunc}: full ids} */
  public ImageListFormat noTrunc() {
    return new ImageListFormat(format, true, digests);
  }

  /**
   * Renders the array {@code GET /images/json} returned; {@code now} is what {@code
   * .CreatedSince} counts to.
   *
   * @param images the array {@code GET /images/json} returned
   * @param now the time {@code .CreatedSince} counts to
   * @return the text {@code docker images} prints
   * @throws dev.cnm.core.template.TemplateException when the template fails on a row
   */
  public String format(JsonNode images, Instant now) {
    requireNonNull(images, "images");
    requireNonNull(now, "now");
    boolean needDigest = digests || format.contains("{{.Digest}}");
    List<ImageContext> rows = new ArrayList<>();
    for (JsonNode img : images) {
      List<String> tags = strings(img.get("RepoTags"));
      List<String> digestRefs = strings(img.get("RepoDigests"));
      if (tags.isEmpty() && digestRefs.isEmpty()) {
        rows.add(new ImageContext(img, !noTrunc, "<none>", "<none>", "<none>", now));
        continue;
      }
      Map<String, List<String>> repoTags = new LinkedHashMap<>();
      Map<String, List<String>> repoDigests = new LinkedHashMap<>();
      for (String t : tags) {
        ImageReference.tryParse(t).filter(ImageReference::isTagged).ifPresent(r ->
            repoTags.computeIfAbsent(r.familiarName(), k -> new ArrayList<>()).add(r.tag().orElseThrow()));
      }
      for (String d : digestRefs) {
        ImageReference.tryParse(d).filter(ImageReference::isDigested).ifPresent(r ->
            repoDigests.computeIfAbsent(r.familiarName(), k -> new ArrayList<>()).add(r.digest().orElseThrow()));
      }
      for (Map.Entry<String, List<String>> e : repoTags.entrySet()) {
        List<String> ds = repoDigests.remove(e.getKey());
        if (!needDigest || ds == null) {
          ds = List.of();
        }
        for (String tag : e.getValue()) {
          if (ds.isEmpty()) {
            rows.add(new ImageContext(img, !noTrunc, e.getKey(), tag, "<none>", now));
            continue;
          }
          for (String d : ds) {
            rows.add(new ImageContext(img, !noTrunc, e.getKey(), tag, d, now));
          }
        }
      }
      for (Map.Entry<String, List<String>> e : repoDigests.entrySet()) {
        if (digests) {
          for (String d : e.getValue()) {
            rows.add(new ImageContext(img, !noTrunc, e.getKey(), "<none>", d, now));
          }
        } else {
          rows.add(new ImageContext(img, !noTrunc, e.getKey(), "<none>", "", now));
        }
      }
    }
    return new ListFormatter(format).render(ImageContext.headers(), rows);
  }

  private static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n != null && n.isArray()) {
      n.forEach(e -> out.add(e.asText()));
    }
    return out;
  }

  @Override
  public String toString() {
    return "ImageListFormat{" + format + (noTrunc ? ", no-trunc" : "") + "}";
  }
}
