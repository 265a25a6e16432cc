package org.lwm2m4j.app.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.lwm2m4j.server.firmware.FirmwareImage;
import org.lwm2m4j.server.firmware.FirmwareJobStatus;

/**
 * Firmware as JSON: an image {@code {"id","name","size","sha256"}}; a job {@code {"endpoint","image",
 * "method","phase","state","result","resultText","error"?,"startedAt","updatedAt","bytesTransferred",
 * "totalBytes","percent"}} (state, result and resultText null until the device reported them; error
 * only on failure; the bytes of the package the device acknowledged (push) or fetched (pull)).
 */
final class FirmwareJson {
  private FirmwareJson() {}

  static ObjectNode image(FirmwareImage image) {
    return JsonBody.object().put("id", image.id()).put("name", image.name()).put("size", image.size()).put("sha256", image.sha256());
  }

  static ObjectNode job(FirmwareJobStatus job) {
    ObjectNode json = JsonBody.object().put("endpoint", job.endpoint()).put("image", job.imageId()).put("method", job.method().text())
        .put("phase", job.phase().text());
    if (job.state().isPresent()) {
      json.put("state", job.state().getAsInt());
    } else {
      json.putNull("state");
    }
    if (job.result().isPresent()) {
      json.put("result", job.result().getAsInt());
    } else {
      json.putNull("result");
    }
    json.put("resultText", job.resultText().orElse(null));
    job.error().ifPresent(error -> json.put("error", error));
    return json.put("startedAt", job.startedAt().toString()).put("updatedAt", job.updatedAt().toString())
        .put("bytesTransferred", job.bytesTransferred()).put("totalBytes", job.totalBytes()).put("percent", job.percent());
  }
}
