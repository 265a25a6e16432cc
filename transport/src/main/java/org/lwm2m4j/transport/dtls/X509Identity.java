package org.lwm2m4j.transport.dtls;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/** A peer authenticated with an X.509 certificate chain; {@code certificate} is its end-entity certificate. */
public record X509Identity(X509Certificate certificate) implements PeerIdentity {
  public X509Identity {
    Objects.requireNonNull(certificate, "certificate");
  }

  /** The subject's common name (CN), where LwM2M clients carry their endpoint name. */
  public Optional<String> commonName() {
    try {
      for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return Optional.of(String.valueOf(rdn.getValue()));
        }
      }
    } catch (InvalidNameException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** The DNS names, URIs and other string-valued subject alternative names. */
  public List<String> subjectAltNames() {
    List<String> names = new ArrayList<>();
    try {
      Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
      if (entries != null) {
        for (List<?> entry : entries) {
          if (entry.size() > 1 && entry.get(1) instanceof String name) {
            names.add(name);
          }
        }
      }
    } catch (CertificateParsingException e) {
      return List.of();
    }
    return names;
  }

  /** True if the CN or a SAN equals {@code name}. */
  public boolean names(String name) {
    return commonName().filter(name::equals).isPresent() || subjectAltNames().contains(name);
  }

  @Override
  public String describe() {
    return "certificate " + certificate.getSubjectX500Principal().getName();
  }
}
