package dev.cnm.api.port;

import java.util.Comparator;

/**
 * The Docker CLI's natural string order ({@code fvbommel/sortorder.NaturalLess}): runs of digits
 * compare by value, digits sort before other characters, other characters compare by code unit.
 */
final class NaturalOrder implements Comparator<String> {
  static final NaturalOrder INSTANCE = new NaturalOrder();

  private NaturalOrder() {}

  @Override
  public int compare(String a, String b) {
    if (less(a, b)) {
      return -1;
    }
    return less(b, a) ? 1 : 0;
  }

  static boolean less(String s1, String s2) {
    int i1 = 0;
    int i2 = 0;
    while (i1 < s1.length() && i2 < s2.length()) {
      char c1 = s1.charAt(i1);
      char c2 = s2.charAt(i2);
      boolean d1 = isDigit(c1);
      boolean d2 = isDigit(c2);
      if (d1 != d2) {
        return d1;
      }
      if (!d1) {
        if (c1 != c2) {
          return c1 < c2;
        }
        i1++;
        i2++;
        continue;
      }
      while (i1 < s1.length() && s1.charAt(i1) == '0') {
        i1++;
      }
      while (i2 < s2.length() && s2.charAt(i2) == '0') {
        i2++;
      }
      int nz1 = i1;
      int nz2 = i2;
      while (i1 < s1.length() && isDigit(s1.charAt(i1))) {
        i1++;
      }
      while (i2 < s2.length() && isDigit(s2.charAt(i2))) {
        i2++;
      }
      int len1 = i1 - nz1;
      int len2 = i2 - nz2;
      if (len1 != len2) {
        return len1 < len2;
      }
      int c = s1.substring(nz1, i1).compareTo(s2.substring(nz2, i2));
      if (c != 0) {
        return c < 0;
      }
      if (nz1 != nz2) {
        return nz1 < nz2;
      }
    }
    // Identical so far; the one that ends first sorts first.
    return s1.length() < s2.length();
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
