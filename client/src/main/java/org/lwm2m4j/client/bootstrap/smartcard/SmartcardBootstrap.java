package org.lwm2m4j.client.bootstrap.smartcard;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.path.LwM2mPath;

/**
 * What one smartcard provisioned: the reader it sat in, the SHA-256 of the bootstrap file (to tell
 * on each Register/Update whether the card still holds the same data) and the object instances
 * the file carries, keyed by instance path ({@code /0/x}, {@code /1/y}, ...) in path order.
 * Immutable; the hash is copied in and out.
 */
public record SmartcardBootstrap(
    String readerName, byte[] fileHash, Map<LwM2mPath, LwM2mObjectInstance> instances) {

  public SmartcardBootstrap {
    Objects.requireNonNull(readerName, "readerName");
    fileHash = Objects.requireNonNull(fileHash, "fileHash").clone();
    TreeMap<LwM2mPath, LwM2mObjectInstance> sorted = new TreeMap<>();
    for (Map.Entry<LwM2mPath, LwM2mObjectInstance> entry : instances.entrySet()) {
      LwM2mPath path = entry.getKey();
      if (!path.isObjectInstance() || path.instanceId() != entry.getValue().id()) {
        throw new IllegalArgumentException(path + " is not the path of instance " + entry.getValue().id());
      }
      sorted.put(path, entry.getValue());
    }
    instances = Collections.unmodifiableMap(sorted);
  }

  @Override
  public byte[] fileHash() {
    return fileHash.clone();
  }

  /** Whether {@code otherHash} (from {@link SmartcardBootstrapReader#currentHash}) is this file's hash. */
  public boolean hasFileHash(byte[] otherHash) {
    return MessageDigest.isEqual(fileHash, otherHash);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SmartcardBootstrap other
        && readerName.equals(other.readerName)
        && Arrays.equals(fileHash, other.fileHash)
        && instances.equals(other.instances);
  }

  @Override
  public int hashCode() {
    return Objects.hash(readerName, Arrays.hashCode(fileHash), instances);
  }

  @Override
  public String toString() {
    return "SmartcardBootstrap[reader=" + readerName + ", sha256=" + HexFormat.of().formatHex(fileHash)
        + ", instances=" + instances.keySet() + "]";
  }
}
