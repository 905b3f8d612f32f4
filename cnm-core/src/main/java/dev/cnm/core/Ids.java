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
    while (true) {
      char[] id = new char[64];
      for (int i = 0; i < 4; i++) {
        long bits = random.nextLong();
        for (int j = 0; j < 16; j++) {
          id[i * 16 + j] = HEX[(int) (bits >>> (60 - 4 * j)) & 0xF];
        }
      }
      if (!allDigits(id)) {
        return new String(id);
      }
    }
  }

  private static boolean allDigits(char[] id) {
    for (int i = 0; i < 12; i++) {
      if (id[i] > '9') {
        return false;
      }
    }
    return true;
  }

  static String shortId(String id) {
    return id.length() > 12 ? id.substring(0, 12) : id;
  }
}
