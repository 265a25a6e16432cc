package org.lwm2m4j.app.payload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lwm2m4j.app.cli.BadInputException;
import org.lwm2m4j.app.logging.LoggingOptions;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.codec.standard.NodeCodecs;
import org.lwm2m4j.core.codec.NodeFlattener;
import org.lwm2m4j.core.codec.PathValue;
import org.lwm2m4j.core.codec.senml.SenmlJsonCodec;
import org.lwm2m4j.core.link.LinkFormatParser;
import org.lwm2m4j.core.model.ModelLookup;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.LwM2mResourceInstance;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lwm2m decode}: shows what an LwM2M payload captured from a device says. The output is
 * SenML JSON with one record per resource or resource instance, the full path in {@code n}, no
 * base name, sorted by path — stable for scripts and diffs. Link-format payloads print as a JSON
 * array of links.
 */
@Command(name = "decode", mixinStandardHelpOptions = true,
    description = {"Decode an LwM2M payload and print it as SenML JSON (one record per value, full paths, sorted).",
        "Reads --hex, --file, or raw bytes from stdin."},
    exitCodeListHeading = "Exit status:%n",
    exitCodeList = {"0:decoded", "2:bad input (payload, path, format or option); the message says what and where"})
public final class DecodeCommand implements Callable<Integer> {
  @Mixin
  PayloadOptions options;

  @ArgGroup(exclusive = true)
  Input input;

  @Mixin
  LoggingOptions logging;

  @Spec
  CommandSpec spec;

  static final class Input {
    @Option(names = "--hex", paramLabel = "HEX", description = "the payload as hex digits (blanks and colons allowed)")
    String hex;

    @Option(names = "--file", paramLabel = "FILE", description = "a file holding the raw payload")
    Path file;
  }

  @Override
  public Integer call() throws IOException {
    ContentFormat format = options.format();
    byte[] payload = readPayload();
    String output;
    if (format == ContentFormat.LINK) {
      output = LinkJson.write(LinkFormatParser.parse(payload));
    } else {
      LwM2mPath path = options.path();
      ModelLookup models = options.models();
      LwM2mNode node = NodeCodecs.standard().decode(format, payload, path, models);
      output = new String(leafRecords(node, path, models), StandardCharsets.UTF_8);
    }
    spec.commandLine().getOut().println(output);
    return 0;
  }

  /** SenML JSON with one record per leaf, absolute names, no base name, in path order. */
  static byte[] leafRecords(LwM2mNode node, LwM2mPath path, ModelLookup models) {
    Map<LwM2mPath, LwM2mNode> leaves = new LinkedHashMap<>();
    for (PathValue leaf : NodeFlattener.leaves(node, path)) {
      LwM2mPath at = leaf.path();
      leaves.put(at, at.isResource()
          ? SingleResource.of(at.resourceId(), leaf.value())
          : LwM2mResourceInstance.of(at.resourceInstanceId(), leaf.value()));
    }
    return new SenmlJsonCodec().encodeNodes(leaves, models);
  }

  private byte[] readPayload() throws IOException {
    if (input != null && input.hex != null) {
      return Hex.parse(input.hex);
    }
    if (input != null && input.file != null) {
      try {
        return Files.readAllBytes(input.file);
      } catch (NoSuchFileException e) {
        throw new BadInputException("--file: no such file " + input.file);
      }
    }
    return System.in.readAllBytes();
  }
}
