package org.lwm2m4j.app.payload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.lwm2m4j.app.logging.LoggingOptions;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.codec.standard.NodeCodecs;
import org.lwm2m4j.core.link.LinkFormatWriter;
import org.lwm2m4j.core.model.ModelLookup;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.path.LwM2mPath;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code lwm2m encode}: the inverse of {@code decode}. Reads SenML JSON (the records {@code decode}
 * prints, or any SenML JSON for the path) on stdin and prints the payload in the requested format
 * as hex. For link format it reads the JSON array of links {@code decode} prints.
 */
@Command(name = "encode", mixinStandardHelpOptions = true,
    description = {"Read SenML JSON on stdin (as printed by decode) and print the payload in FORMAT as hex.",
        "For --format link, read the JSON array of links that decode prints."},
    exitCodeListHeading = "Exit status:%n",
    exitCodeList = {"0:encoded", "2:bad input (SenML, path, format or option); the message says what and where"})
public final class EncodeCommand implements Callable<Integer> {
  @Mixin
  PayloadOptions options;

  @Mixin
  LoggingOptions logging;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    ContentFormat format = options.format();
    byte[] input = System.in.readAllBytes();
    byte[] payload;
    if (format == ContentFormat.LINK) {
      payload = LinkFormatWriter.write(LinkJson.read(input)).getBytes(StandardCharsets.UTF_8);
    } else {
      LwM2mPath path = options.path();
      ModelLookup models = options.models();
      NodeCodecs codecs = NodeCodecs.standard();
      LwM2mNode node = codecs.decode(ContentFormat.SENML_JSON, input, path, models);
      payload = codecs.encode(format, node, path, models);
    }
    spec.commandLine().getOut().println(Hex.format(payload));
    return 0;
  }
}
