package org.lwm2m4j.client.bootstrap.smartcard;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lwm2m4j.core.codec.CodecException;
import org.lwm2m4j.core.codec.CompositeCodec;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.codec.standard.NodeCodecs;
import org.lwm2m4j.core.model.ModelLookup;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.LwM2mObject;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.path.LwM2mPath;

/**
 * The lwm2m4j bootstrap file a smartcard holds (docs/smartcard.md): a 6-byte header — magic
 * {@code "LB"}, version 1, payload class 0 (SenML CBOR), payload length as 2 bytes big-endian —
 * then a SenML CBOR (content format 112) payload naming every resource by its full path. It
 * carries object instances, at least one of them a Security (/0) instance.
 *
 * <p>Pure functions over bytes; the length is checked before anything is allocated.
 */
public final class BootstrapCardFile {
  /** Bytes before the payload. */
  public static final int HEADER_LENGTH = 6;

  /**
   * The largest file: READ BINARY carries a 15-bit offset (P1 bit 8 would select a short file
   * identifier instead), so every byte must sit below offset 0x8000.
   */
  public static final int MAX_LENGTH = 0x7FFF;

  static final byte MAGIC_L = 0x4C;
  static final byte MAGIC_B = 0x42;
  static final int VERSION = 1;
  static final int PAYLOAD_SENML_CBOR = 0;

  private static final int SECURITY_OBJECT = 0;

  private BootstrapCardFile() {}

  /**
   * The file for {@code instances}, each keyed by its instance path.
   *
   * @throws IllegalArgumentException if a key is not the path of its instance, or the file would
   *     exceed {@link #MAX_LENGTH}
   * @throws CodecException if an instance does not fit its model
   */
  public static byte[] encode(Map<LwM2mPath, LwM2mObjectInstance> instances, ModelLookup models) {
    Map<LwM2mPath, LwM2mNode> nodes = new LinkedHashMap<>();
    for (Map.Entry<LwM2mPath, LwM2mObjectInstance> entry : instances.entrySet()) {
      LwM2mPath path = entry.getKey();
      if (!path.isObjectInstance() || path.instanceId() != entry.getValue().id()) {
        throw new IllegalArgumentException(path + " is not the path of instance " + entry.getValue().id());
      }
      nodes.put(path, entry.getValue());
    }
    byte[] payload = senmlCbor().encodeNodes(nodes, models);
    return withHeader(payload);
  }

  /**
   * The header for {@code payload} followed by the payload.
   *
   * @throws IllegalArgumentException if the file would exceed {@link #MAX_LENGTH}
   */
  public static byte[] withHeader(byte[] payload) {
    if (payload.length > MAX_LENGTH - HEADER_LENGTH) {
      throw new IllegalArgumentException("payload of " + payload.length + " bytes exceeds the "
          + (MAX_LENGTH - HEADER_LENGTH) + " a card file can hold");
    }
    byte[] file = new byte[HEADER_LENGTH + payload.length];
    file[0] = MAGIC_L;
    file[1] = MAGIC_B;
    file[2] = VERSION;
    file[3] = PAYLOAD_SENML_CBOR;
    file[4] = (byte) (payload.length >>> 8);
    file[5] = (byte) payload.length;
    System.arraycopy(payload, 0, file, HEADER_LENGTH, payload.length);
    return file;
  }

  /**
   * Checks the first {@link #HEADER_LENGTH} bytes of a file and returns the whole file's length.
   *
   * @throws SmartcardException if the header is short, has the wrong magic, an unknown version or
   *     payload class, or declares more than {@link #MAX_LENGTH} bytes
   */
  public static int declaredLength(byte[] header) throws SmartcardException {
    if (header.length < HEADER_LENGTH) {
      throw new SmartcardException("bootstrap file header is " + header.length + " bytes, expected "
          + HEADER_LENGTH);
    }
    if (header[0] != MAGIC_L || header[1] != MAGIC_B) {
      throw new SmartcardException(String.format(
          "bootstrap file does not start with the magic \"LB\" (4C 42) but %02X %02X;"
              + " the applet holds something else or the file is corrupted", header[0], header[1]));
    }
    if (header[2] != VERSION) {
      throw new SmartcardException("bootstrap file version " + (header[2] & 0xFF)
          + " is not supported (this client reads version " + VERSION + ")");
    }
    if (header[3] != PAYLOAD_SENML_CBOR) {
      throw new SmartcardException("bootstrap file payload class " + (header[3] & 0xFF)
          + " is not supported (this client reads class 0, SenML CBOR)");
    }
    int length = HEADER_LENGTH + (((header[4] & 0xFF) << 8) | (header[5] & 0xFF));
    if (length > MAX_LENGTH) {
      throw new SmartcardException("bootstrap file header declares " + length
          + " bytes, more than the " + MAX_LENGTH + " READ BINARY can address");
    }
    return length;
  }

  /**
   * The object instances in a whole file, keyed by instance path, in path order.
   *
   * @throws SmartcardException if the header is bad, the file is not exactly as long as declared,
   *     the payload is not valid SenML CBOR for the models, or it holds no Security instance
   */
  public static Map<LwM2mPath, LwM2mObjectInstance> decode(byte[] file, ModelLookup models)
      throws SmartcardException {
    int length = declaredLength(file);
    if (file.length != length) {
      throw new SmartcardException("bootstrap file is " + file.length + " bytes but its header declares "
          + length);
    }
    byte[] payload = new byte[length - HEADER_LENGTH];
    System.arraycopy(file, HEADER_LENGTH, payload, 0, payload.length);
    Map<LwM2mPath, LwM2mNode> objects;
    try {
      objects = senmlCbor().decodeNodes(payload, List.of(LwM2mPath.ROOT), models);
    } catch (CodecException e) {
      throw new SmartcardException("bootstrap file payload is not valid SenML CBOR for the known object"
          + " models: " + e.getMessage(), e);
    }
    TreeMap<LwM2mPath, LwM2mObjectInstance> instances = new TreeMap<>();
    for (LwM2mNode node : objects.values()) {
      if (!(node instanceof LwM2mObject object)) {
        throw new IllegalStateException("composite decode at the root gave a "
            + node.getClass().getSimpleName());
      }
      for (LwM2mObjectInstance instance : object.instances()) {
        instances.put(LwM2mPath.of(object.id(), instance.id()), instance);
      }
    }
    if (instances.keySet().stream().noneMatch(p -> p.objectId() == SECURITY_OBJECT)) {
      throw new SmartcardException("bootstrap file holds no Security (/0) instance, so it names no server"
          + " to contact; objects found: " + instances.keySet());
    }
    return Collections.unmodifiableMap(instances);
  }

  private static CompositeCodec senmlCbor() {
    return NodeCodecs.standard().composite(ContentFormat.SENML_CBOR)
        .orElseThrow(() -> new IllegalStateException("SenML CBOR codec missing from NodeCodecs.standard()"));
  }
}
