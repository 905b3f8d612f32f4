package dev.cnm.core.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * GoFloat's fast path (exact digits only when rounding drops some, integers through {@code
 * long}, zeros appended in bulk) prints exactly what the plain path prints: every digit
 * through BigDecimal's setScale and round, trailing zeros stripped by BigDecimal.
 */
class GoFloatProperties {
  @Provide
  Arbitrary<Double> doubles() {
    return Arbitraries.oneOf(
        Arbitraries.longs().map(Double::longBitsToDouble)
            .filter(d -> !Double.isNaN(d) && !Double.isInfinite(d)),
        Arbitraries.doubles().between(-1e6, 1e6),
        Arbitraries.integers().between(-100_000, 100_000).map(i -> i / 8.0),
        Arbitraries.longs().between(-(1L << 60), 1L << 60).map(l -> (double) l),
        Arbitraries.of(0.0, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, Double.MIN_NORMAL, 0.5,
            2.5, 0.125, 1e21, 1e-7, 0x1p53, 0x1p53 + 2));
  }

  @Provide
  Arbitrary<Character> formats() {
    return Arbitraries.of('e', 'E', 'f', 'g', 'G');
  }

  /** The plain path: what GoFloat did before it had shortcuts. */
  private static GoFloat.Digits plainDigits(BigDecimal bd) {
    if (bd.signum() == 0) {
      return new GoFloat.Digits("", 0);
    }
    BigDecimal s = bd.stripTrailingZeros();
    String digits = s.unscaledValue().abs().toString();
    return new GoFloat.Digits(digits, digits.length() - s.scale());
  }

  private static String plainFormat(double v, char fmt, int prec) {
    boolean neg = v < 0 || (v == 0 && 1 / v < 0);
    BigDecimal exact = new BigDecimal(Math.abs(v));
    GoFloat.Digits digs;
    switch (fmt) {
      case 'e':
      case 'E':
        digs = exact.signum() == 0 ? plainDigits(exact)
            : plainDigits(exact.round(new MathContext(prec + 1, RoundingMode.HALF_EVEN)));
        break;
      case 'f':
        digs = plainDigits(exact.setScale(prec, RoundingMode.HALF_EVEN));
        break;
      default:
        prec = Math.max(prec, 1);
        digs = exact.signum() == 0 ? plainDigits(exact)
            : plainDigits(exact.round(new MathContext(prec, RoundingMode.HALF_EVEN)));
    }
    return GoFloat.layout(neg, digs, fmt, prec, false);
  }

  @Property(tries = 3000)
  void fast_path_equals_plain_bigdecimal_path(@ForAll("doubles") double v,
      @ForAll("formats") char fmt, @ForAll @IntRange(min = 0, max = 400) int prec) {
    assertThat(GoFloat.format(v, fmt, prec)).isEqualTo(plainFormat(v, fmt, prec));
  }

  @Property(tries = 1000)
  void f_is_the_exact_value_rounded_half_even(@ForAll("doubles") double v,
      @ForAll @IntRange(min = 0, max = 1100) int prec) {
    String sign = v < 0 || (v == 0 && 1 / v < 0) ? "-" : "";
    assertThat(GoFloat.format(v, 'f', prec)).isEqualTo(
        sign + new BigDecimal(Math.abs(v)).setScale(prec, RoundingMode.HALF_EVEN).toPlainString());
  }

  @Property(tries = 1000)
  void e_is_the_exact_value_rounded_to_prec_plus_one_digits(@ForAll("doubles") double v,
      @ForAll @IntRange(min = 0, max = 800) int prec) {
    String sign = v < 0 || (v == 0 && 1 / v < 0) ? "-" : "";
    BigDecimal r = new BigDecimal(Math.abs(v)).round(new MathContext(prec + 1, RoundingMode.HALF_EVEN));
    String digits = r.signum() == 0 ? "0" : r.unscaledValue().toString();
    digits = (digits + "0".repeat(prec + 1)).substring(0, prec + 1);
    int exp = r.signum() == 0 ? 0 : r.precision() - r.scale() - 1;
    String mantissa = prec == 0 ? digits : digits.charAt(0) + "." + digits.substring(1);
    String e = String.format(java.util.Locale.ROOT, "e%s%02d", exp < 0 ? "-" : "+", Math.abs(exp));
    assertThat(GoFloat.format(v, 'e', prec)).isEqualTo(sign + mantissa + e);
  }

  @Property(tries = 2000)
  void shortest_reads_back_and_no_shorter_decimal_does(@ForAll("doubles") double v) {
    double abs = Math.abs(v);
    GoFloat.Digits d = GoFloat.shortest(abs);
    if (abs == 0) {
      assertThat(d.nd()).isZero();
      return;
    }
    assertThat(new BigDecimal(new java.math.BigInteger(d.d), d.nd() - d.dp).doubleValue())
        .isEqualTo(abs);
    if (d.nd() > 1) {
      MathContext shorter = new MathContext(d.nd() - 1, RoundingMode.FLOOR);
      MathContext shorterUp = new MathContext(d.nd() - 1, RoundingMode.CEILING);
      BigDecimal exact = new BigDecimal(abs);
      assertThat(exact.round(shorter).doubleValue()).isNotEqualTo(abs);
      assertThat(exact.round(shorterUp).doubleValue()).isNotEqualTo(abs);
    }
  }
}
