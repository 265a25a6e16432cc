package org.lwm2m4j.client.security;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lwm2m4j.client.object.ObjectTree;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.node.LwM2mResource;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.IntegerValue;
import org.lwm2m4j.core.value.OpaqueValue;
import org.lwm2m4j.core.value.UnsignedIntegerValue;
import org.lwm2m4j.core.value.Value;

/**
 * Writes {@link ClientCredentials} into Security object resources and reads them back, in the
 * encodings the spec gives: PSK identity as UTF-8 and key bytes; raw keys as DER
 * SubjectPublicKeyInfo and PKCS#8; certificates as DER (the client's chain concatenated).
 */
public final class SecurityObjectCodec {
  private SecurityObjectCodec() {}

  /** The resources 2 (mode), 3, 4, 5 and, for certificates, 15 (usage) of a Security instance. */
  public static List<LwM2mResource> resources(ClientCredentials credentials) {
    List<LwM2mResource> resources = new ArrayList<>();
    resources.add(SingleResource.of(2, Value.ofInteger(credentials.securityMode())));
    byte[] identity = new byte[0];
    byte[] serverKey = new byte[0];
    byte[] secret = new byte[0];
    if (credentials instanceof ClientCredentials.Psk psk) {
      identity = psk.identity().getBytes(StandardCharsets.UTF_8);
      secret = psk.key();
    } else if (credentials instanceof ClientCredentials.Rpk rpk) {
      identity = rpk.publicKey().getEncoded();
      serverKey = rpk.serverPublicKey().getEncoded();
      secret = rpk.privateKey().getEncoded();
    } else if (credentials instanceof ClientCredentials.X509 x509) {
      identity = concatenated(x509.chain());
      serverKey = encoded(x509.serverCertificate());
      secret = x509.privateKey().getEncoded();
      resources.add(SingleResource.of(15, Value.ofUnsigned(x509.certificateUsage())));
    }
    resources.add(SingleResource.of(3, Value.of(identity)));
    resources.add(SingleResource.of(4, Value.of(serverKey)));
    resources.add(SingleResource.of(5, Value.of(secret)));
    return resources;
  }

  /**
   * The credentials of Security instance {@code instanceId}.
   *
   * @throws InvalidRequestException if the mode is unknown or a key or certificate does not decode
   */
  public static ClientCredentials read(ObjectTree tree, int instanceId) {
    int mode = (int) integer(tree, LwM2mPath.of(0, instanceId, 2)).orElse(3L).longValue();
    byte[] identity = opaque(tree, LwM2mPath.of(0, instanceId, 3));
    byte[] serverKey = opaque(tree, LwM2mPath.of(0, instanceId, 4));
    byte[] secret = opaque(tree, LwM2mPath.of(0, instanceId, 5));
    try {
      switch (mode) {
        case 0:
          return new ClientCredentials.Psk(new String(identity, StandardCharsets.UTF_8), secret);
        case 1:
          return new ClientCredentials.Rpk(privateKey(secret), publicKey(identity), publicKey(serverKey));
        case 2: {
          int usage = (int) integer(tree, LwM2mPath.of(0, instanceId, 15)).orElse(3L).longValue();
          List<X509Certificate> chain = certificates(identity);
          List<X509Certificate> server = certificates(serverKey);
          if (chain.isEmpty() || server.isEmpty()) {
            throw new InvalidRequestException("security instance " + instanceId + " lacks a client or server certificate");
          }
          return new ClientCredentials.X509(privateKey(secret), chain, server.get(0), usage);
        }
        case 3:
          return new ClientCredentials.NoSec();
        default:
          throw new InvalidRequestException("security instance " + instanceId + " has mode " + mode
              + ", which this client does not support (0 PSK, 1 RPK, 2 X.509, 3 NoSec)");
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new InvalidRequestException("security instance " + instanceId + " holds credentials that do not decode: " + e.getMessage(), e);
    }
  }

  private static Optional<Long> integer(ObjectTree tree, LwM2mPath path) {
    return tree.single(path).map(SingleResource::value).flatMap(value -> {
      if (value instanceof IntegerValue integer) {
        return Optional.of(integer.value());
      }
      if (value instanceof UnsignedIntegerValue unsigned) {
        return Optional.of(unsigned.bits());
      }
      return Optional.empty();
    });
  }

  private static byte[] opaque(ObjectTree tree, LwM2mPath path) {
    return tree.single(path).map(SingleResource::value).filter(OpaqueValue.class::isInstance)
        .map(value -> ((OpaqueValue) value).bytes()).orElse(new byte[0]);
  }

  private static PrivateKey privateKey(byte[] pkcs8) throws GeneralSecurityException {
    return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
  }

  private static PublicKey publicKey(byte[] spki) throws GeneralSecurityException {
    return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
  }

  private static List<X509Certificate> certificates(byte[] der) throws GeneralSecurityException {
    List<X509Certificate> list = new ArrayList<>();
    if (der.length == 0) {
      return list;
    }
    for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(der))) {
      list.add((X509Certificate) certificate);
    }
    return list;
  }

  private static byte[] encoded(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("cannot encode certificate " + certificate.getSubjectX500Principal(), e);
    }
  }

  private static byte[] concatenated(List<X509Certificate> chain) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (X509Certificate certificate : chain) {
      out.writeBytes(encoded(certificate));
    }
    return out.toByteArray();
  }
}
