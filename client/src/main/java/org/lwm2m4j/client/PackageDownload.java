package org.lwm2m4j.client;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.lwm2m4j.client.registration.AccountEndpoints;
import org.lwm2m4j.client.registration.RegistrationEngine;
import org.lwm2m4j.client.registration.ServerAccount;
import org.lwm2m4j.core.error.LwM2mException;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;

/**
 * Downloads a {@code coap://} or {@code coaps://} URI with a GET, block-wise for large content: how
 * the Firmware Update object pulls a package. See {@link LwM2mClient#download}.
 */
final class PackageDownload {
  /** How long a whole package download may take: block-wise transfers of megabytes take a while. */
  private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(10);

  private final CoapEndpoint endpoint;
  private final RegistrationEngine registrations;
  private final AccountEndpoints channels;

  PackageDownload(CoapEndpoint endpoint, RegistrationEngine registrations, AccountEndpoints channels) {
    this.endpoint = endpoint;
    this.registrations = registrations;
    this.channels = channels;
  }

  CompletableFuture<byte[]> download(URI uri) {
    boolean secure = "coaps".equals(uri.getScheme());
    if (!(secure || "coap".equals(uri.getScheme())) || uri.getHost() == null) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("only coap:// or coaps://HOST:PORT/PATH can be downloaded, not " + uri));
    }
    List<String> path = new ArrayList<>();
    for (String segment : uri.getPath().split("/")) {
      if (!segment.isEmpty()) {
        path.add(segment);
      }
    }
    List<String> query = uri.getRawQuery() == null ? List.of() : List.of(uri.getRawQuery().split("&"));
    InetSocketAddress peer = new InetSocketAddress(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : (secure ? 5684 : 5683));
    CoapEndpoint channel = endpoint;
    if (secure) {
      Optional<ServerAccount> account = registrations.accounts().stream()
          .filter(candidate -> candidate.secure() && candidate.address().equals(peer)).findFirst();
      if (account.isEmpty()) {
        return CompletableFuture.failedFuture(new IllegalArgumentException(
            "no credentials for " + peer + ": coaps:// downloads only from a configured DTLS server, not " + uri));
      }
      try {
        channel = channels.endpointFor(account.get());
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
    return channel.send(CoapRequest.to(peer, CoapMethod.GET, path).withQuery(query), DOWNLOAD_TIMEOUT).thenApply(response -> {
      if (!response.code().isSuccess()) {
        throw LwM2mException.forCode(response.code(), uri + " answered " + response.code());
      }
      return response.payload();
    });
  }
}
