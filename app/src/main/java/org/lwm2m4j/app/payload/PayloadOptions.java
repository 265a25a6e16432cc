package org.lwm2m4j.app.payload;

import org.lwm2m4j.app.cli.ModelsDirectory;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.lwm2m4j.app.cli.BadInputException;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.model.ObjectModelRegistry;
import org.lwm2m4j.core.path.LwM2mPath;
import picocli.CommandLine.Option;

/** The options {@code decode} and {@code encode} share: the format, the target path and extra models. */
final class PayloadOptions {
  /** The formats the payload tools speak, by their CLI names. */
  static final List<ContentFormat> FORMATS = List.of(ContentFormat.TLV, ContentFormat.SENML_JSON,
      ContentFormat.SENML_CBOR, ContentFormat.JSON, ContentFormat.LWM2M_CBOR, ContentFormat.TEXT,
      ContentFormat.OPAQUE, ContentFormat.CBOR, ContentFormat.LINK);

  @Option(names = "--format", required = true, paramLabel = "FORMAT",
      description = "tlv, senml-json, senml-cbor, lwm2m-json, lwm2m-cbor, text, opaque, cbor or link")
  String format;

  @Option(names = "--path", paramLabel = "PATH",
      description = "the LwM2M path the payload is for, e.g. /3/0 (not needed for link)")
  String path;

  @Option(names = "--models-dir", paramLabel = "DIR",
      description = "a directory of OMA DDF XML files to add to the bundled object models")
  Path modelsDir;

  ContentFormat format() {
    return ContentFormat.fromShortName(format)
        .filter(FORMATS::contains)
        .orElseThrow(() -> new BadInputException("--format: unknown format '" + format + "'; use one of "
            + FORMATS.stream().map(ContentFormat::shortName).collect(Collectors.joining(", "))));
  }

  LwM2mPath path() {
    if (path == null) {
      throw new BadInputException("--path is required for --format " + format);
    }
    LwM2mPath parsed = LwM2mPath.parse(path);
    if (parsed.isRoot()) {
      throw new BadInputException("--path: a payload is for an object, instance, resource or resource instance, not /");
    }
    return parsed;
  }

  ObjectModelRegistry models() {
    ObjectModelRegistry bundled = ObjectModelRegistry.bundled();
    return modelsDir == null ? bundled : ModelsDirectory.load(bundled, modelsDir);
  }
}
