package org.lwm2m4j.client.bootstrap.smartcard;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardNotPresentException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.TerminalFactory;
import org.lwm2m4j.core.model.ModelLookup;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.path.LwM2mPath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bootstrap from smartcard (the first step of the client's bootstrap sequence) over the platform's
 * PC/SC stack ({@code javax.smartcardio}, pcsc-lite on Linux): finds a reader with a card, selects
 * the lwm2m4j bootstrap applet and reads its file (layout in docs/smartcard.md).
 *
 * <p>No PC/SC service, no reader, no card and a card without the applet all make {@link #read}
 * empty, so a device without a smartcard goes on to factory bootstrap. Calls block on the card
 * for a few APDU round trips; run them off network threads. Thread-safe (no state of its own;
 * PC/SC arbitrates the card).
 *
 * <pre>{@code
 * Optional<SmartcardBootstrap> card = SmartcardBootstrapReader.read(Optional.empty(), models);
 * // on every Register/Update:
 * boolean unchanged = SmartcardBootstrapReader.currentHash(Optional.of(card.get().readerName()))
 *     .map(card.get()::hasFileHash).orElse(false);
 * }</pre>
 */
public final class SmartcardBootstrapReader {
  private static final Logger LOG = LoggerFactory.getLogger(SmartcardBootstrapReader.class);

  private SmartcardBootstrapReader() {}

  /**
   * Reads and decodes the bootstrap file.
   *
   * @param readerName the PC/SC reader to use; empty for the first reader holding a card
   * @param models the object models to decode the instances with
   * @return empty when there is no PC/SC service, no such reader, no card or no bootstrap applet
   * @throws SmartcardException if the file is malformed, holds no Security instance, or a PC/SC
   *     call fails once the card is found
   */
  public static Optional<SmartcardBootstrap> read(Optional<String> readerName, ModelLookup models)
      throws SmartcardException {
    Optional<CardFile> file;
    try {
      file = readFile(readerName);
    } catch (PcscUnavailableException e) {
      LOG.info("No smartcard bootstrap: {}", e.getMessage());
      return Optional.empty();
    }
    if (file.isEmpty()) {
      return Optional.empty();
    }
    Map<LwM2mPath, LwM2mObjectInstance> instances = BootstrapCardFile.decode(file.get().content(), models);
    LOG.info("Smartcard in reader '{}' provides {}", file.get().readerName(), instances.keySet());
    byte[] hash = sha256(file.get().content());
    return Optional.of(new SmartcardBootstrap(file.get().readerName(), hash, instances));
  }

  /**
   * The SHA-256 of the bootstrap file now on the card, without decoding it: compare it with
   * {@link SmartcardBootstrap#fileHash()} before each Register/Update. Empty means the reader, the
   * card or its applet is gone, and whatever was provisioned from it must be deleted.
   *
   * @param readerName as for {@link #read}; pass the reader the bootstrap came from
   * @throws PcscUnavailableException if the PC/SC service cannot be reached, so presence is unknown
   * @throws SmartcardException if the header is malformed or a PC/SC call fails once the card is found
   */
  public static Optional<byte[]> currentHash(Optional<String> readerName) throws SmartcardException {
    return readFile(readerName).map(file -> sha256(file.content()));
  }

  private record CardFile(String readerName, byte[] content) {}

  /** The file on the card, empty when there is no such reader, no card or no applet. */
  private static Optional<CardFile> readFile(Optional<String> readerName) throws SmartcardException {
    Optional<CardTerminal> terminal = terminalWithCard(readerName);
    if (terminal.isEmpty()) {
      return Optional.empty();
    }
    String name = terminal.get().getName();
    Card card;
    try {
      card = terminal.get().connect("*");
    } catch (CardNotPresentException e) {
      LOG.info("Card left reader '{}' before we could connect; no smartcard bootstrap", name);
      return Optional.empty();
    } catch (CardException e) {
      throw new SmartcardException("could not connect to the card in reader '" + name + "': "
          + describe(e) + "; check the card is inserted the right way and pcscd is healthy", e);
    }
    try {
      BootstrapApplet applet = new BootstrapApplet(card.getBasicChannel(), name);
      if (!applet.select()) {
        LOG.info("Card in reader '{}' has no lwm2m4j bootstrap applet; no smartcard bootstrap", name);
        return Optional.empty();
      }
      return Optional.of(new CardFile(name, applet.readFile()));
    } catch (CardException e) {
      throw new SmartcardException("PC/SC error while reading the bootstrap file from reader '" + name
          + "': " + describe(e) + "; the card may have been removed mid-read, try again", e);
    } finally {
      disconnect(card, name);
    }
  }

  private static Optional<CardTerminal> terminalWithCard(Optional<String> readerName)
      throws PcscUnavailableException {
    PcscLibrary.configure();
    CardTerminals terminals;
    try {
      // A new factory per call, not getDefault(): the default is fixed at first use, so a client
      // started before pcscd would never see a card; a new PC/SC factory retries the connection.
      terminals = TerminalFactory.getInstance("PC/SC", null).terminals();
    } catch (NoSuchAlgorithmException e) {
      throw new PcscUnavailableException("PC/SC unavailable (" + describe(e)
          + "); is pcscd running and libpcsclite installed?", e);
    }
    try {
      if (readerName.isPresent()) {
        CardTerminal named = terminals.getTerminal(readerName.get());
        if (named == null || !named.isCardPresent()) {
          LOG.info("No card in PC/SC reader '{}' (readers: {}); no smartcard bootstrap", readerName.get(),
              names(terminals.list()));
          return Optional.empty();
        }
        return Optional.of(named);
      }
      List<CardTerminal> withCard = terminals.list(CardTerminals.State.CARD_PRESENT);
      if (withCard.isEmpty()) {
        LOG.info("No PC/SC reader holds a card; no smartcard bootstrap");
        return Optional.empty();
      }
      return Optional.of(withCard.get(0));
    } catch (CardException | RuntimeException e) {
      if (saysNoReaders(e)) {
        LOG.info("No PC/SC reader attached; no smartcard bootstrap");
        return Optional.empty();
      }
      throw new PcscUnavailableException("PC/SC unavailable (" + describe(e) + "); if pcscd was"
          + " restarted, restart this client too: PC/SC clients keep their first connection", e);
    }
  }

  /** pcsc-lite reports an empty reader list as an error, which the JDK passes on as the cause's text. */
  private static boolean saysNoReaders(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains("SCARD_E_NO_READERS_AVAILABLE")) {
        return true;
      }
    }
    return false;
  }

  private static List<String> names(List<CardTerminal> terminals) {
    return terminals.stream().map(CardTerminal::getName).toList();
  }

  private static void disconnect(Card card, String name) {
    try {
      card.disconnect(false);
    } catch (CardException | IllegalStateException e) {
      LOG.debug("Disconnecting from the card in reader '{}' failed: {}", name, describe(e));
    }
  }

  private static String describe(Throwable e) {
    Throwable cause = e.getCause();
    return cause == null || cause.getMessage() == null
        ? String.valueOf(e.getMessage())
        : e.getMessage() + " (" + cause.getMessage() + ")";
  }

  private static byte[] sha256(byte[] content) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }
}
