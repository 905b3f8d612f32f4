package dev.cnm.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A layer in the engine's layer store, keyed by its chain id as Docker's layer store keys it:
 * the layer's diff id, the size of its content, and its parent's chain id. Layers are shared by
 * every image whose layers start the same way; one is deleted with the last image using it.
 */
record LayerRecord(String chainId, String diffId, long size, String parentChainId) {
  /**
   * The diff id of an empty layer (the SHA-256 of an empty tar archive), which Docker records as
   * {@code empty_layer} history instead of a layer.
   */
  static final String EMPTY_LAYER = "sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef";

  /**
   * moby's {@code image.RootFS.ChainID}: the first layer's chain id is its diff id; each next one
   * is the SHA-256 of the parent's chain id, a space and its diff id.
   */
  static List<String> chainIds(List<String> diffIds) {
    List<String> out = new ArrayList<>(diffIds.size());
    String chain = "";
    for (String diff : diffIds) {
      chain = chain.isEmpty() ? diff : "sha256:" + sha256(chain + " " + diff);
      out.add(chain);
    }
    return out;
  }

  /** The SHA-256 of {@code text}'s UTF-8 bytes, in lower-case hex. */
  static String sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The SHA-256 of {@code bytes}, in lower-case hex. */
  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
