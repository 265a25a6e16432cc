package org.lwm2m4j.server.firmware;

import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.error.MethodNotAllowedException;
import org.lwm2m4j.core.error.NotFoundException;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;

/**
 * The CoAP resource {@code /fw/{id}} that pull updates download from, read-only and block-wise
 * (the transport slices the image into Block2 responses). An image is served to a registered
 * client's address, or to anyone while a pull update of that image runs (a device may fetch from
 * another port than it registered from); everything else, and {@code /fw} itself (no listing), is 4.04.
 */
public final class FirmwareDownloads {
  /** The first Uri-Path segment of the resource. */
  public static final String PATH = "fw";

  private final FirmwareUpdateService service;

  public FirmwareDownloads(FirmwareUpdateService service) {
    this.service = service;
  }

  /** Answers a request whose path starts with {@link #PATH}. */
  public CompletableFuture<CoapResponse> handle(CoapRequest request) {
    List<String> path = request.path();
    if (path.size() != 2) {
      throw new NotFoundException("no resource " + request.pathText());
    }
    if (request.method() != CoapMethod.GET) {
      throw new MethodNotAllowedException("firmware images are read-only");
    }
    String id = path.get(1);
    FirmwareImage image = service.images().byId(id).orElseThrow(() -> new NotFoundException("no resource " + request.pathText()));
    if (!service.registered(request.peer()) && !service.pulling(id)) {
      throw new NotFoundException("no resource " + request.pathText());
    }
    return CompletableFuture.completedFuture(new CoapResponse(ResponseCode.CONTENT, OptionalInt.of(ContentFormat.OPAQUE.code()),
        List.of(), image.bytes()));
  }
}
