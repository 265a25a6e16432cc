package org.lwm2m4j.app.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Debian Chromium driven through the system chromedriver, for the console tests. Both
 * are used from fixed paths and never downloaded (the build runs offline; {@code .ci/run} installs
 * {@code chromium} and {@code chromium-driver}); missing ones fail the test with that hint.
 * Screenshots go to {@code target/screenshots/}.
 */
final class Browser implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(15);
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final ChromeDriver driver;
  private final Path profile;
  private final String prefix;

  private Browser(ChromeDriver driver, Path profile, String prefix) {
    this.driver = driver;
    this.profile = profile;
    this.prefix = prefix;
  }

  /** Starts Chromium with any {@code extraArguments}; {@code prefix} names this test's screenshots. */
  static Browser start(String prefix, String... extraArguments) throws IOException {
    Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    Path chromedriver = Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));
    for (Path needed : new Path[] {chromium, chromedriver}) {
      if (!Files.isExecutable(needed)) {
        throw new AssertionError(needed + " is missing: the web console tests need Debian's chromium and chromium-driver"
            + " (apt-get install chromium chromium-driver; .ci/run does) or CHROMIUM/CHROMEDRIVER pointing at them");
      }
    }
    // Selenium Manager must not look for a driver online: name ours in every way Selenium reads
    System.setProperty("webdriver.chrome.driver", chromedriver.toString());
    Path profile = Files.createTempDirectory("lwm2m4j-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-extensions", "--window-size=1280,1000", "--user-data-dir=" + profile);
    options.addArguments(extraArguments);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
        .usingAnyFreePort().build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(WAIT);
    Files.createDirectories(SCREENSHOTS);
    return new Browser(driver, profile, prefix);
  }

  WebDriver driver() {
    return driver;
  }

  void open(String url) {
    driver.get(url);
  }

  void resize(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
  }

  /** Waits until {@code condition} holds (not null, not false). */
  <T> T await(Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition::apply);
  }

  WebElement visible(By by) {
    return await(ExpectedConditions.visibilityOfElementLocated(by));
  }

  void click(By by) {
    WebElement element = await(ExpectedConditions.elementToBeClickable(by));
    ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block:'center'})", element);
    element.click();
  }

  void type(By by, String text) {
    WebElement element = visible(by);
    element.clear();
    element.sendKeys(text);
  }

  /** Text of the first element matching {@code by}, waiting until it contains {@code expected}. */
  String awaitText(By by, String expected) {
    return await(d -> {
      String text = d.findElements(by).stream().map(WebElement::getText).filter(t -> t.contains(expected)).findFirst().orElse(null);
      return text;
    });
  }

  /** Saves the page (the whole height) as {@code target/screenshots/PREFIX-name.png}. */
  void screenshot(String name) throws IOException {
    Dimension window = driver.manage().window().getSize();
    long height = (Long) ((JavascriptExecutor) driver).executeScript(
        "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)");
    // grow the window to the page for one full picture, then restore it
    driver.manage().window().setSize(new Dimension(window.getWidth(), (int) Math.min(Math.max(height + 140, window.getHeight()), 4000)));
    try {
      Files.write(SCREENSHOTS.resolve(prefix + "-" + name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    } finally {
      driver.manage().window().setSize(window);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
