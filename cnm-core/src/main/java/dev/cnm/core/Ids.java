package dev.cnm.core;

import java.util.random.RandomGenerator;

/**
 * Docker's identifiers: 32 random bytes as 64 lower-case hex characters, regenerated while the
 * first 12 characters are all digits so that a short id never looks like a number
 * (moby {@code stringid.GenerateRandomID}).
 */
final class Ids {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Ids() {}

  static String newId(RandomGenerator random) {
    return hex(newIdBits(random));
  }

  /** The 256 bits of a new id, most significant first; {@link #hex} renders it as {@link #newId} does. */
  static long[] newIdBits(RandomGenerator random) {
    while (true) {
      long[] bits = {random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong()};
      if (!allDigits(bits[0])) {
        return bits;
      }
    }
  }

  /** Whether the first 12 hex digits (the top 48 bits) are all decimal digits. */
  private static boolean allDigits(long first) {
    for (int j = 0; j < 12; j++) {
      if (((first >>> (60 - 4 * j)) & 0xF) > 9) {
        return false;
      }
    }
    return true;
  }

  /** 64 lower-case hex characters of four longs, most significant first. */
  static String hex(long... bits) {
    char[] id = new char[bits.length * 16];
    for (int i = 0; i < bits.length; i++) {
      for (int j = 0; j < 16; j++) {
        id[i * 16 + j] = HEX[(int) (bits[i] >>> (60 - 4 * j)) & 0xF];
      }
    }
    return new String(id);
  }

  /** The length of a short id ({@code docker ps}' and the default hostname's 12 hex digits). */
  static final int SHORT_LENGTH = 12;

  /** Whether {@code id} is a full id: 64 lower-case hex characters. */
  static boolean isFullId(String id) {
    if (id.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = id.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  static String shortId(String id) {
    return id.length() > SHORT_LENGTH ? id.substring(0, SHORT_LENGTH) : id;
  }
}
