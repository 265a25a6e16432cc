package org.lwm2m4j.app.security;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.lwm2m4j.app.cli.BadInputException;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.server.security.PskFile;
import org.lwm2m4j.server.security.PskSecurity;
import org.lwm2m4j.server.security.ServerDtlsIdentity;
import picocli.CommandLine.Option;

/**
 * The DTLS options both servers take (a picocli mixin): the clients' PSKs from a file, the server's
 * own raw key pair or certificate, and the trust anchors for client certificates.
 */
public final class ServerCredentialOptions {
  @Option(names = "--psk-file", paramLabel = "FILE",
      description = "client PSKs, one 'endpoint,identity,hexkey' per line; FILE is the source of truth for its keys: a line removed from it is revoked at the next start (keys added through the REST API are never touched)")
  Path pskFile;

  @Option(names = "--rpk-key", paramLabel = "FILE", description = "the server's raw EC private key (PKCS#8 PEM), with --rpk-pub")
  Path rpkKey;

  @Option(names = "--rpk-pub", paramLabel = "FILE", description = "the server's raw EC public key (PEM)")
  Path rpkPub;

  @Option(names = "--x509-cert", paramLabel = "FILE", description = "the server's certificate chain (PEM), with --x509-key")
  Path x509Cert;

  @Option(names = "--x509-key", paramLabel = "FILE", description = "the server certificate's private key (PKCS#8 PEM)")
  Path x509Key;

  @Option(names = "--truststore", paramLabel = "FILE", description = "CA certificates (PEM) that client certificates must chain to")
  Path truststore;

  /** What the server presents and trusts. */
  public ServerDtlsIdentity identity() {
    if ((rpkKey == null) != (rpkPub == null)) {
      throw new BadInputException("--rpk-key and --rpk-pub go together");
    }
    if ((x509Cert == null) != (x509Key == null)) {
      throw new BadInputException("--x509-cert and --x509-key go together");
    }
    if (rpkKey != null && x509Cert != null) {
      throw new BadInputException("choose --rpk-* or --x509-*: the server presents one key");
    }
    ServerDtlsIdentity identity = ServerDtlsIdentity.PSK_ONLY;
    if (rpkKey != null) {
      identity = ServerDtlsIdentity.rawPublicKey(PemFiles.privateKey(rpkKey, "--rpk-key"), PemFiles.publicKey(rpkPub, "--rpk-pub"));
    }
    if (x509Cert != null) {
      identity = ServerDtlsIdentity.certificate(PemFiles.privateKey(x509Key, "--x509-key"), PemFiles.certificates(x509Cert, "--x509-cert"));
    }
    if (truststore != null) {
      identity = identity.trusting(PemFiles.certificates(truststore, "--truststore"));
    }
    return identity;
  }

  /** The file of {@code --psk-file}, if given. */
  public Optional<Path> pskFile() {
    return Optional.ofNullable(pskFile);
  }

  /** The PSKs of {@code --psk-file}, none without it. */
  public List<PskSecurity> psks() {
    if (pskFile == null) {
      return List.of();
    }
    try {
      return PskFile.load(pskFile);
    } catch (java.nio.file.NoSuchFileException e) {
      // the exception's own message is just the path again
      throw new BadInputException("--psk-file: cannot read " + pskFile + ": no such file", e);
    } catch (java.nio.file.AccessDeniedException e) {
      throw new BadInputException("--psk-file: cannot read " + pskFile + ": permission denied", e);
    } catch (IOException e) {
      throw new BadInputException("--psk-file: cannot read " + pskFile + ": " + e.getMessage(), e);
    } catch (InvalidRequestException e) {
      throw new BadInputException("--psk-file: " + e.getMessage(), e);
    }
  }
}
