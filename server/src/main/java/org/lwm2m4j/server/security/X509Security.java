package org.lwm2m4j.server.security;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import org.lwm2m4j.core.error.InvalidRequestException;

/**
 * An X.509 certificate credential (security mode 2): the client's certificate must chain to a
 * trust anchor the server is configured with, and its subject common name (CN), or one of its
 * subject alternative names, must equal the endpoint name.
 *
 * @param endpoint the endpoint name the certificate must carry
 */
public record X509Security(String endpoint) implements SecurityInfo {
  private static final int SAN_EMAIL = 1;
  private static final int SAN_DNS = 2;
  private static final int SAN_URI = 6;
  private static final int SAN_IP = 7;
  private static final List<Integer> NAME_TYPES = List.of(SAN_EMAIL, SAN_DNS, SAN_URI, SAN_IP);

  /** @throws InvalidRequestException if the endpoint is empty */
  public X509Security {
    EndpointNames.check(endpoint);
  }

  @Override
  public String mode() {
    return "x509";
  }

  /**
   * Whether {@code certificate} names this endpoint: a CN of its subject, or a DNS, URI, e-mail or
   * IP subject alternative name, equals the endpoint name exactly. Trust in the certificate
   * (its chain and validity) is the handshake's business, not checked here.
   */
  public boolean matches(X509Certificate certificate) {
    return commonNames(certificate.getSubjectX500Principal()).contains(endpoint)
        || alternativeNames(certificate).contains(endpoint);
  }

  private static List<String> commonNames(X500Principal subject) {
    try {
      return new LdapName(subject.getName(X500Principal.RFC2253)).getRdns().stream()
          .filter(rdn -> rdn.getType().equalsIgnoreCase("CN"))
          .map(Rdn::getValue)
          .filter(String.class::isInstance)
          .map(String.class::cast)
          .toList();
    } catch (InvalidNameException e) {
      return List.of();
    }
  }

  private static List<String> alternativeNames(X509Certificate certificate) {
    Collection<List<?>> names;
    try {
      names = certificate.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      return List.of();
    }
    if (names == null) {
      return List.of();
    }
    return names.stream()
        .filter(name -> name.size() >= 2 && NAME_TYPES.contains(name.get(0)) && name.get(1) instanceof String)
        .map(name -> (String) name.get(1))
        .toList();
  }
}
