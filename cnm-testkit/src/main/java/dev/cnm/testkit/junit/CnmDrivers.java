package dev.cnm.testkit.junit;

import dev.cnm.api.spi.IpamDriverProvider;
import dev.cnm.api.spi.NetworkDriverProvider;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Third-party drivers for the engines and clusters {@link CnmExtension} injects, on a test method
 * or its class (the method's wins): providers by class (each with a public no-argument
 * constructor), and with {@link #discover} every one {@link java.util.ServiceLoader} finds. It
 * replaces what {@link CnmExtension#withDrivers} gave the extension.
 *
 * <pre>{@code
 * @CnmTest
 * @CnmDrivers(network = WeaveDriverProvider.class, ipam = CorpIpamProvider.class)
 * void weave_networks(Engine docker) {
 *   docker.createNetwork(NetworkSpec.builder().name("w").driver("weave").ipamDriver("corp").build());
 * }
 * }</pre>
 *
 * @see ExtraDrivers
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
public @interface CnmDrivers {
  /** {@return network driver providers to register} */
  Class<? extends NetworkDriverProvider>[] network() default {};

  /** {@return IPAM driver providers to register} */
  Class<? extends IpamDriverProvider>[] ipam() default {};

  /** {@return whether the drivers ServiceLoader finds are registered too} */
  boolean discover() default false;
}
