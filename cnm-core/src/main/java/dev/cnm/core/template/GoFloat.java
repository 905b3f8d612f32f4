package dev.cnm.core.template;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Go's strconv.FormatFloat for the 'e', 'E', 'f', 'g' and 'G' formats of a float64.
 *
 * <p>A double's exact decimal value has at most 767 significant digits and 1074 decimals, so
 * every precision is cheap if the work stays within those digits: a precision beyond them only
 * appends zeros, and rounding happens only when it drops digits. {@code %.1000000f} therefore
 * costs what {@code %.1074f} costs plus a million zeros.
 */
final class GoFloat {
  private GoFloat() {}

  /** Decimal digits (no leading or trailing zeros) and the decimal point position. */
  static final class Digits {
    final String d;
    final int dp;

    Digits(String d, int dp) {
      this.d = d;
      this.dp = dp;
    }

    int nd() {
      return d.length();
    }

    @Override
    public String toString() {
      return "0." + d + "e" + dp;
    }
  }

  private static final Digits ZERO = new Digits("", 0);

  /** 2^53: every integral double below it is a long, printed exactly by Long.toString. */
  private static final double EXACT_LONG_LIMIT = 0x1p53;

  /**
   * The digits of a BigDecimal, trimming trailing zeros in the string: {@code stripTrailingZeros}
   * divides by ten once per zero, quadratic in the number of digits.
   */
  static Digits fromBigDecimal(BigDecimal bd) {
    if (bd.signum() == 0) {
      return ZERO;
    }
    String digits = bd.unscaledValue().abs().toString();
    int dp = digits.length() - bd.scale();
    int n = digits.length();
    while (n > 1 && digits.charAt(n - 1) == '0') {
      n--;
    }
    return new Digits(digits.substring(0, n), dp);
  }

  /** Every significant digit of {@code abs} (finite, non-negative): its exact decimal value. */
  static Digits exact(double abs) {
    if (abs == 0) {
      return ZERO;
    }
    if (abs < EXACT_LONG_LIMIT && abs == Math.rint(abs)) {
      String digits = Long.toString((long) abs);
      int n = digits.length();
      while (digits.charAt(n - 1) == '0') {
        n--;
      }
      return new Digits(digits.substring(0, n), digits.length());
    }
    return fromBigDecimal(new BigDecimal(abs));
  }

  /**
   * The shortest digits that read back as {@code abs}, the closest to it when several are as
   * short (strconv's shortest formatting). Java 17's Double.toString sometimes prints a digit
   * more than needed (JDK-4511638, e.g. {@code 2.82879384806159008E17} for Go's {@code
   * 2.82879384806159e+17}), so its length is only the starting point.
   */
  static Digits shortest(double abs) {
    if (abs == 0) {
      return ZERO;
    }
    Digits fromJdk = fromBigDecimal(new BigDecimal(Double.toString(abs)));
    BigDecimal exact = new BigDecimal(abs);
    Digits best = closestRoundTrip(exact, abs, fromJdk.nd());
    if (best == null) {
      return fromJdk; // cannot happen: the JDK's digits read back
    }
    for (int n = best.nd() - 1; n >= 1; n--) {
      Digits shorter = closestRoundTrip(exact, abs, n);
      if (shorter == null) {
        break; // none of n digits reads back, so none of fewer (they are n-digit numbers too)
      }
      best = shorter;
    }
    return best;
  }

  /** The n-digit decimal nearest to {@code exact} that reads back as {@code abs}, if any. */
  private static Digits closestRoundTrip(BigDecimal exact, double abs, int n) {
    BigDecimal down = exact.round(new MathContext(n, RoundingMode.FLOOR));
    BigDecimal up = exact.round(new MathContext(n, RoundingMode.CEILING));
    boolean downOk = down.doubleValue() == abs;
    boolean upOk = up.doubleValue() == abs;
    if (downOk && upOk && down.compareTo(up) != 0) {
      int c = exact.subtract(down).compareTo(up.subtract(exact));
      if (c == 0) {
        c = down.unscaledValue().testBit(0) ? 1 : -1; // a tie: the even one
      }
      return fromBigDecimal(c <= 0 ? down : up);
    }
    if (downOk) {
      return fromBigDecimal(down);
    }
    return upOk ? fromBigDecimal(up) : null;
  }

  /** {@code exact} rounded half-even to {@code decimals} digits after the point. */
  static Digits roundDecimals(double abs, int decimals) {
    if (abs == 0) {
      return ZERO;
    }
    BigDecimal exact = new BigDecimal(abs);
    if (decimals >= exact.scale()) {
      return exact(abs); // nothing to drop: the rest is zeros
    }
    return fromBigDecimal(exact.setScale(decimals, RoundingMode.HALF_EVEN));
  }

  /** {@code exact} rounded half-even to {@code significant} digits. */
  static Digits roundSignificant(double abs, int significant) {
    if (abs == 0) {
      return ZERO;
    }
    BigDecimal exact = new BigDecimal(abs);
    if (significant >= exact.precision()) {
      return exact(abs);
    }
    return fromBigDecimal(exact.round(new MathContext(significant, RoundingMode.HALF_EVEN)));
  }

  /** strconv.FormatFloat(v, fmt, prec, 64); prec -1 means the shortest exact representation. */
  static String format(double v, char fmt, int prec) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    boolean neg = v < 0 || (v == 0 && 1 / v < 0);
    double abs = Math.abs(v);
    boolean isShortest = prec < 0;
    Digits digs;
    if (isShortest) {
      digs = shortest(abs);
      switch (fmt) {
        case 'e':
        case 'E':
          prec = Math.max(digs.nd() - 1, 0);
          break;
        case 'f':
          prec = Math.max(digs.nd() - digs.dp, 0);
          break;
        default:
          prec = digs.nd();
      }
    } else {
      switch (fmt) {
        case 'e':
        case 'E':
          digs = roundSignificant(abs, prec + 1);
          break;
        case 'f':
          digs = roundDecimals(abs, prec);
          break;
        default:
          if (prec == 0) {
            prec = 1;
          }
          digs = roundSignificant(abs, prec);
      }
    }
    return layout(neg, digs, fmt, prec, isShortest);
  }

  /**
   * The text of a number whose digits are known: {@code digs} holds at least every digit the
   * format shows (rounded as strconv rounds), {@code prec} is the precision asked for (with
   * 'g' and 0 already made 1) or, for the shortest form, the one derived from the digits.
   */
  static String layout(boolean neg, Digits digs, char fmt, int prec, boolean isShortest) {
    StringBuilder sb = new StringBuilder();
    if (neg) {
      sb.append('-');
    }
    switch (fmt) {
      case 'e':
      case 'E':
        fmtE(sb, digs, prec, fmt);
        break;
      case 'f':
        fmtF(sb, digs, prec);
        break;
      default: {
        int eprec = prec;
        if (eprec > digs.nd() && digs.nd() >= digs.dp) {
          eprec = digs.nd();
        }
        if (isShortest) {
          eprec = 6;
        }
        int exp = digs.dp - 1;
        if (exp < -4 || exp >= eprec) {
          if (prec > digs.nd()) {
            prec = digs.nd();
          }
          fmtE(sb, digs, prec - 1, fmt == 'g' ? 'e' : 'E');
        } else {
          if (prec > digs.dp) {
            prec = digs.nd();
          }
          fmtF(sb, digs, Math.max(prec - digs.dp, 0));
        }
      }
    }
    return sb.toString();
  }

  /** %e: d.ddddde±dd, {@code prec} digits after the point. */
  private static void fmtE(StringBuilder sb, Digits d, int prec, char fmt) {
    sb.append(d.nd() == 0 ? '0' : d.d.charAt(0));
    if (prec > 0) {
      sb.ensureCapacity(sb.length() + prec + 6);
      sb.append('.');
      int m = Math.min(d.nd(), prec + 1);
      if (m > 1) {
        sb.append(d.d, 1, m);
      }
      appendZeros(sb, prec - Math.max(m - 1, 0));
    }
    sb.append(fmt);
    int exp = d.dp - 1;
    if (d.nd() == 0) {
      exp = 0;
    }
    if (exp < 0) {
      sb.append('-');
      exp = -exp;
    } else {
      sb.append('+');
    }
    if (exp < 10) {
      sb.append('0');
    }
    sb.append(exp);
  }

  /** %f: the integer part, then {@code prec} digits after the point. */
  private static void fmtF(StringBuilder sb, Digits d, int prec) {
    if (d.dp > 0) {
      int m = Math.min(d.nd(), d.dp);
      sb.append(d.d, 0, m);
      appendZeros(sb, d.dp - m);
    } else {
      sb.append('0');
    }
    if (prec > 0) {
      sb.ensureCapacity(sb.length() + prec + 1);
      sb.append('.');
      // digit j of the fraction is d.d[dp + j - 1], zero outside the digits
      int lead = Math.min(prec, Math.max(-d.dp, 0));
      appendZeros(sb, lead);
      int from = Math.max(d.dp, 0);
      int to = Math.min(d.nd(), d.dp + prec);
      if (from < to) {
        sb.append(d.d, from, to);
      }
      appendZeros(sb, prec - lead - Math.max(to - from, 0));
    }
  }

  private static void appendZeros(StringBuilder sb, int n) {
    if (n > 0) {
      sb.append("0".repeat(n));
    }
  }

  /** strconv 'b': decimal mantissa and binary exponent, {@code 6755399441055744p-52}. */
  static String formatB(double v) {
    long bits = Double.doubleToRawLongBits(v);
    boolean neg = bits < 0;
    int exp = (int) ((bits >>> 52) & 0x7ff);
    long mant = bits & ((1L << 52) - 1);
    if (exp == 0) {
      exp++;
    } else {
      mant |= 1L << 52;
    }
    exp += -1023 - 52;
    return (neg ? "-" : "") + mant + "p" + (exp >= 0 ? "+" : "") + exp;
  }

  /** strconv 'x'/'X': hexadecimal mantissa and binary exponent, {@code 0x1.8p+00}. */
  static String formatX(double v, int prec, boolean upper) {
    long bits = Double.doubleToRawLongBits(v);
    boolean neg = bits < 0;
    int exp = (int) ((bits >>> 52) & 0x7ff);
    long mant = bits & ((1L << 52) - 1);
    if (exp == 0) {
      exp++;
    } else {
      mant |= 1L << 52;
    }
    exp += -1023;
    if (mant == 0) {
      exp = 0;
    }
    mant <<= 60 - 52;
    while (mant != 0 && (mant & (1L << 60)) == 0) {
      mant <<= 1;
      exp--;
    }
    if (prec >= 0 && prec < 15) {
      int shift = prec * 4;
      long extra = (mant << shift) & ((1L << 60) - 1);
      mant >>>= 60 - shift;
      if ((extra | (mant & 1)) > (1L << 59)) {
        mant++;
      }
      mant <<= 60 - shift;
      if ((mant & (1L << 61)) != 0) {
        mant >>>= 1;
        exp++;
      }
    }
    String hex = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    StringBuilder sb = new StringBuilder();
    if (neg) {
      sb.append('-');
    }
    sb.append('0').append(upper ? 'X' : 'x').append((char) ('0' + ((mant >>> 60) & 1)));
    mant <<= 4;
    if (prec < 0 && mant != 0) {
      sb.append('.');
      while (mant != 0) {
        sb.append(hex.charAt((int) ((mant >>> 60) & 15)));
        mant <<= 4;
      }
    } else if (prec > 0) {
      sb.append('.');
      for (int i = 0; i < prec; i++) {
        sb.append(hex.charAt((int) ((mant >>> 60) & 15)));
        mant <<= 4;
      }
    }
    sb.append(upper ? 'P' : 'p');
    if (exp < 0) {
      sb.append('-');
      exp = -exp;
    } else {
      sb.append('+');
    }
    if (exp < 10) {
      sb.append('0');
    }
    sb.append(exp);
    return sb.toString();
  }

  /** encoding/json's float64 encoding. */
  static String json(double f) {
    double abs = Math.abs(f);
    char fmt = 'f';
    if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
      fmt = 'e';
    }
    String s = format(f, fmt, -1);
    if (fmt == 'e') {
      int n = s.length();
      if (n >= 4 && s.charAt(n - 4) == 'e' && s.charAt(n - 3) == '-' && s.charAt(n - 2) == '0') {
        s = s.substring(0, n - 2) + s.charAt(n - 1);
      }
    }
    return s;
  }
}
