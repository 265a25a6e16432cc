package org.lwm2m4j.app.security;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Wraps the private keys OpenSSL writes in its "traditional" formats ({@code BEGIN EC PRIVATE KEY}:
 * SEC 1, {@code BEGIN RSA PRIVATE KEY}: PKCS#1) into the PKCS#8 the JDK reads, so users need not
 * convert them first. Only the few DER elements this needs are read and written.
 */
final class TraditionalKeyFormats {
  /** DER of OID 1.2.840.10045.2.1, id-ecPublicKey. */
  private static final byte[] EC_PUBLIC_KEY = {0x06, 0x07, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x02, 0x01};
  /** DER of OID 1.2.840.113549.1.1.1, rsaEncryption, and its NULL parameters. */
  private static final byte[] RSA_ENCRYPTION = {0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x01, 0x01, 0x05, 0x00};
  private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};

  private TraditionalKeyFormats() {}

  /** PKCS#8 of a PKCS#1 RSAPrivateKey. */
  static byte[] rsaToPkcs8(byte[] pkcs1) {
    return pkcs8(RSA_ENCRYPTION, pkcs1);
  }

  /**
   * PKCS#8 of a SEC 1 ECPrivateKey, which names its curve in the optional {@code [0]} element
   * (OpenSSL always writes it).
   *
   * @throws IllegalArgumentException if the key is no DER sequence or names no curve
   */
  static byte[] ecToPkcs8(byte[] sec1) {
    Element key = Element.at(sec1, 0);
    if (key.tag != 0x30) {
      throw new IllegalArgumentException("not a DER sequence");
    }
    for (int at = key.start; at < key.end; ) {
      Element element = Element.at(sec1, at);
      if ((element.tag & 0xFF) == 0xA0) {
        byte[] curve = Arrays.copyOfRange(sec1, element.start, element.end);
        return pkcs8(concat(EC_PUBLIC_KEY, curve), sec1);
      }
      at = element.end;
    }
    throw new IllegalArgumentException("the key does not name its curve");
  }

  private static byte[] pkcs8(byte[] algorithm, byte[] privateKey) {
    return tlv(0x30, concat(VERSION_0, tlv(0x30, algorithm), tlv(0x04, privateKey)));
  }

  private static byte[] tlv(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int length = content.length;
    if (length < 0x80) {
      out.write(length);
    } else {
      int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(length >>> (8 * i));
      }
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  /** One DER element: its tag and where its content starts and ends in the input. */
  private record Element(int tag, int start, int end) {
    static Element at(byte[] der, int offset) {
      if (offset + 2 > der.length) {
        throw new IllegalArgumentException("truncated DER");
      }
      int tag = der[offset] & 0xFF;
      int first = der[offset + 1] & 0xFF;
      int start = offset + 2;
      int length = first;
      if (first >= 0x80) {
        int bytes = first & 0x7F;
        if (bytes == 0 || bytes > 3 || start + bytes > der.length) {
          throw new IllegalArgumentException("unsupported DER length");
        }
        length = 0;
        for (int i = 0; i < bytes; i++) {
          length = (length << 8) | (der[start + i] & 0xFF);
        }
        start += bytes;
      }
      if (start + length > der.length) {
        throw new IllegalArgumentException("truncated DER");
      }
      return new Element(tag, start, start + length);
    }
  }
}
