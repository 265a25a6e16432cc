package org.lwm2m4j.app.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Optional;
import org.lwm2m4j.server.security.CredentialOrigin;
import org.lwm2m4j.server.security.PublicKeys;
import org.lwm2m4j.server.security.SecurityInfo;
import org.lwm2m4j.server.security.SecurityStore;
import org.lwm2m4j.server.security.ServerCredentials;

/**
 * The credentials clients must authenticate with, under {@code /api/v1/security/clients} (list,
 * and {@code GET}/{@code PUT}/{@code DELETE} by endpoint name), and the server's own public key and
 * certificate at {@code /api/v1/security/server}. PSK keys go in and never come out. Each credential
 * says where it came from ({@code "origin":"api"} or {@code "psk-file"}): a {@code --psk-file}
 * entry is revoked when its line is removed, an API entry stays until deleted.
 */
public final class SecurityRoutes implements Routes {
  static final String SECURITY_CLIENTS = "/api/v1/security/clients";
  static final String SECURITY_CLIENT = SECURITY_CLIENTS + "/{" + Clients.ENDPOINT + "}";
  static final String SECURITY_SERVER = "/api/v1/security/server";

  private final SecurityStore store;
  private final ServerCredentials serverCredentials;

  public SecurityRoutes(SecurityStore store, ServerCredentials serverCredentials) {
    this.store = store;
    this.serverCredentials = serverCredentials;
  }

  @Override
  public void addTo(Javalin app) {
    app.get(SECURITY_CLIENTS, this::list);
    app.get(SECURITY_CLIENT, this::get);
    app.put(SECURITY_CLIENT, this::put);
    app.delete(SECURITY_CLIENT, this::delete);
    app.get(SECURITY_SERVER, this::server);
  }

  private void list(Context ctx) {
    ArrayNode json = JsonBody.array();
    store.all().forEach(info -> json.add(SecurityInfoJson.of(info, origin(info.endpoint()))));
    JsonBody.send(ctx, 200, json);
  }

  private void get(Context ctx) {
    String endpoint = ctx.pathParam(Clients.ENDPOINT);
    Optional<SecurityInfo> info = store.byEndpoint(endpoint);
    if (info.isEmpty()) {
      notFound(ctx, endpoint);
      return;
    }
    JsonBody.send(ctx, 200, SecurityInfoJson.of(info.get(), origin(endpoint)));
  }

  /** 201 for a new endpoint, 200 for a replacement; a PSK identity or key of another endpoint is a 409. */
  private void put(Context ctx) {
    SecurityInfo info = SecurityInfoJson.parse(ctx.pathParam(Clients.ENDPOINT), ctx.bodyAsBytes());
    Optional<SecurityInfo> replaced = store.put(info);
    JsonBody.send(ctx, replaced.isPresent() ? 200 : 201, SecurityInfoJson.of(info, CredentialOrigin.API));
  }

  private void delete(Context ctx) {
    String endpoint = ctx.pathParam(Clients.ENDPOINT);
    CredentialOrigin origin = origin(endpoint);
    Optional<SecurityInfo> removed = store.remove(endpoint);
    if (removed.isEmpty()) {
      notFound(ctx, endpoint);
      return;
    }
    JsonBody.send(ctx, 200, SecurityInfoJson.of(removed.get(), origin));
  }

  private CredentialOrigin origin(String endpoint) {
    return store.origin(endpoint).orElse(CredentialOrigin.API);
  }

  private void server(Context ctx) {
    ObjectNode json = JsonBody.object();
    json.put("publicKey", serverCredentials.publicKey().map(PublicKeys::encode).orElse(null));
    json.put("certificate", serverCredentials.certificateChainPem().orElse(null));
    JsonBody.send(ctx, 200, json);
  }

  private static void notFound(Context ctx, String endpoint) {
    JsonBody.send(ctx, 404, new HttpError(404, "no credentials for endpoint '" + endpoint + "'", Optional.empty()).body());
  }
}
