/**
 * A faithful Go {@code text/template} interpreter over Jackson JSON trees, with the docker CLI's
 * template functions: what {@code docker inspect --format} and {@code docker ps --format} run.
 *
 * <p>Everything Go's {@code text/template} offers is supported: text and actions, {@code {{-
 * -}}} trimming, comments, pipelines, parenthesised arguments, variables ({@code $x := ...},
 * {@code $x = ...}, {@code $}), field chains, {@code if/else if/else}, {@code with/else with/else},
 * {@code range} (arrays, maps in sorted key order, integers) with {@code break} and {@code
 * continue}, {@code define/template/block}, and the builtins {@code and or not eq ne lt le gt ge
 * len index slice print printf println html js urlquery call}. The docker CLI adds {@code json
 * join split title lower upper pad truncate} ({@link dev.cnm.core.template.TemplateFunctions#docker()}).
 * Error messages are Go's, word for word.
 *
 * <h2>Value model</h2>
 *
 * <p>The data is a JSON tree, never Java objects. A JSON object is a Go {@code
 * map[string]interface {}} (fields are map keys; printed as {@code map[a:1 b:2]} with sorted
 * keys; ranged in sorted key order), an array is a {@code []interface {}}, a string is a {@code
 * string}, {@code true/false} a {@code bool}, and JSON null a nil interface. A missing key
 * prints {@code <no value>} by default (see {@link dev.cnm.core.template.MissingKey}).
 *
 * <p><b>Numbers.</b> The docker CLI executes templates over its typed Go structs first, where
 * ports, PIDs and exit codes are Go {@code int}s. To match what users see, an <em>integral</em>
 * JSON number (Jackson's integral nodes) is a Go {@code int}: it prints as {@code 8080}, {@code
 * printf "%d"} accepts it and {@code eq .ExitCode 0} works. Any other number (a Jackson floating
 * node, even {@code 80.0}) is a {@code float64}, printed with Go's {@code %v} float formatting
 * ({@code 1.5}, {@code 80}, {@code 1e+06}). For the same reason {@code join} accepts a JSON
 * array whose elements are all strings as a {@code []string}.
 *
 * <p><b>Limits.</b> Nesting of parentheses and control structures is limited to 300 levels
 * ({@code max expression depth exceeded}) and {@code {{template}}} recursion to 300 levels
 * ({@code exceeded maximum template depth}); Go's own limits are larger, but Go's stacks grow.
 * Each execution is bounded in output, {@code range} iterations and time ({@link
 * dev.cnm.core.template.TemplateLimits}, far above what real templates need); going past one is
 * a {@link dev.cnm.core.template.TemplateLimitException}. As in Go, a width or precision of more
 * than seven digits ends the format with {@code %!(NOVERB)}, and one above 10<sup>6</sup> given
 * with {@code *} is {@code %!(BADWIDTH)} or {@code %!(BADPREC)}. Columns in error positions count UTF-8 bytes, as Go's do (and, as in Go, a field chain
 * such as {@code .A.B} is reported at the position of its second field).
 *
 * <p><b>Not supported.</b> Complex number constants (rejected at parse time); {@code %p}
 * (printed as a bad verb); {@code call} always fails ({@code non-function ... of type ...}) because JSON
 * holds no functions. Strings are Java strings: {@code slice}, {@code index} and {@code
 * truncate} count UTF-8 bytes like Go but cannot produce invalid UTF-8.
 *
 * <p><b>docker inspect.</b> The CLI runs a template over its typed structs, then over the raw
 * JSON with {@code missingkey=error}. Over JSON alone, {@code
 * .withMissingKey(MissingKey.ERROR).withFieldAliases(Template.DOCKER_GO_FIELD_NAMES)} gives the
 * same results for the documented forms; structs still print as maps ({@code map[Running:true
 * ...]} where the CLI prints {@code {running true ...}}) and {@code json} sorts object keys where
 * the CLI keeps struct order.
 *
 * <pre>{@code
 * Template t = Template.parse("{{json .NetworkSettings.Ports}}", TemplateFunctions.docker());
 * String ports = t.execute(containerJson); // {"80/tcp":[{"HostIp":"0.0.0.0","HostPort":"8080"}]}
 * }</pre>
 */
package dev.cnm.core.template;
