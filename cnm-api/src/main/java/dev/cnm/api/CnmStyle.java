package dev.cnm.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * The one Immutables style of the project: generated {@code ImmutableX} classes are
 * package-private and hidden behind the abstract value type (the "builder sandwich"), use JDK
 * collections only, and singular adders for list attributes ({@code addAlias}). They carry no
 * Immutables annotation ({@code org.immutables.value.Generated}), so a user's javac needs nothing
 * of Immutables on its class path: without it, {@code -Xlint:all -Werror} fails on every builder.
 *
 * <pre>{@code
 * @Value.Immutable
 * @CnmStyle
 * public abstract class NetworkSpec {
 *   public static Builder builder() { return new Builder(); }
 *   public static final class Builder extends ImmutableNetworkSpec.Builder {}
 * }
 * }</pre>
 */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.CLASS)
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    jdkOnly = true,
    depluralize = true,
    depluralizeDictionary = {"alias:aliases", "address:addresses", "entry:entries", "extraHost:extraHosts"},
    defaults = @Value.Immutable(copy = true),
    allowedClasspathAnnotations = {
      javax.annotation.processing.Generated.class,
      com.google.errorprone.annotations.CanIgnoreReturnValue.class,
      com.google.errorprone.annotations.Var.class
    })
public @interface CnmStyle {}
