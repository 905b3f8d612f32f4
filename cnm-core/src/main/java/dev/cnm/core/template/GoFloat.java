package dev.cnm.core.template;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Go's strconv.FormatFloat for the 'e', 'E', 'f', 'g' and 'G' formats of a float64. */
final class GoFloat {
  private GoFloat() {}

  /** Decimal digits (no leading or trailing zeros) and the decimal point position. */
  private static final class Digits {
    final String d;
    final int dp;

    Digits(String d, int dp) {
      this.d = d;
      this.dp = dp;
    }

    int nd() {
      return d.length();
    }
  }

  private static Digits fromBigDecimal(BigDecimal bd) {
    if (bd.signum() == 0) {
      return new Digits("", 0);
    }
    BigDecimal s = bd.stripTrailingZeros();
    String digits = s.unscaledValue().abs().toString();
    int dp = digits.length() - s.scale();
    return new Digits(digits, dp);
  }

  private static Digits shortest(double abs) {
    if (abs == 0) {
      return new Digits("", 0);
    }
    return fromBigDecimal(new BigDecimal(Double.toString(abs)));
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
      BigDecimal exact = new BigDecimal(abs);
      switch (fmt) {
        case 'e':
        case 'E':
          digs = round(exact, prec + 1);
          break;
        case 'f':
          digs = fromBigDecimal(exact.setScale(prec, RoundingMode.HALF_EVEN));
          break;
        default:
          if (prec == 0) {
            prec = 1;
          }
          digs = round(exact, prec);
      }
    }
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

  private static Digits round(BigDecimal exact, int significant) {
    if (exact.signum() == 0) {
      return new Digits("", 0);
    }
    return fromBigDecimal(exact.round(new MathContext(significant, RoundingMode.HALF_EVEN)));
  }

  private static void fmtE(StringBuilder sb, Digits d, int prec, char fmt) {
    sb.append(d.nd() == 0 ? '0' : d.d.charAt(0));
    if (prec > 0) {
      sb.append('.');
      int i = 1;
      int m = Math.min(d.nd(), prec + 1);
      if (i < m) {
        sb.append(d.d, i, m);
        i = m;
      }
      for (; i <= prec; i++) {
        sb.append('0');
      }
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

  private static void fmtF(StringBuilder sb, Digits d, int prec) {
    if (d.dp > 0) {
      int m = Math.min(d.nd(), d.dp);
      sb.append(d.d, 0, m);
      for (; m < d.dp; m++) {
        sb.append('0');
      }
    } else {
      sb.append('0');
    }
    if (prec > 0) {
      sb.append('.');
      for (int i = 1; i <= prec; i++) {
        char ch = '0';
        int j = d.dp + i - 1;
        if (0 <= j && j < d.nd()) {
          ch = d.d.charAt(j);
        }
        sb.append(ch);
      }
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
