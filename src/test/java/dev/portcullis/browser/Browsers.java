package dev.portcullis.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.Testcontainers;
import org.testcontainers.selenium.BrowserWebDriverContainer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real Chromium for the browser tests: in a Testcontainers browser container when a
 * Docker engine answers, otherwise Debian's {@code chromium} and {@code chromedriver}
 * (installed by {@code .ci/run}); never a download. A missing browser fails the tests.
 */
final class Browsers {

	private static final String CHROMIUM = System.getProperty("portcullis.test.chromium", "/usr/bin/chromium");

	private static final String CHROMEDRIVER = System.getProperty("portcullis.test.chromedriver",
			"/usr/bin/chromedriver");

	private static final boolean DOCKER = DockerClientFactory.instance().isDockerAvailable();

	private static volatile BrowserWebDriverContainer container;

	private Browsers() {
	}

	/** The host name under which the browser reaches this JVM's servers. */
	static String host() {
		return DOCKER ? "host.testcontainers.internal" : "localhost";
	}

	static void exposeHostPorts(int... ports) {
		if (DOCKER) {
			Testcontainers.exposeHostPorts(ports);
		}
	}

	static WebDriver start() {
		ChromeOptions options = new ChromeOptions();
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
				"--window-size=1280,900",
				// Tabs of one window run their timers on time: the tests schedule both
				// tabs
				// at one instant. Hidden tabs are simulated explicitly.
				"--disable-background-timer-throttling", "--disable-renderer-backgrounding",
				"--disable-backgrounding-occluded-windows");
		WebDriver driver;
		if (DOCKER) {
			driver = new RemoteWebDriver(container().getSeleniumAddress(), options);
		}
		else {
			assertThat(new File(CHROMIUM).canExecute()).as("Chromium at " + CHROMIUM + " (Debian package chromium)")
				.isTrue();
			assertThat(new File(CHROMEDRIVER).canExecute())
				.as("chromedriver at " + CHROMEDRIVER + " (Debian package chromium-driver)")
				.isTrue();
			System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
			options.setBinary(CHROMIUM);
			ChromeDriverService service = new ChromeDriverService.Builder()
				.usingDriverExecutable(new File(CHROMEDRIVER))
				.usingAnyFreePort()
				.build();
			driver = new ChromeDriver(service, options);
		}
		driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
		return driver;
	}

	private static BrowserWebDriverContainer container() {
		if (container == null) {
			synchronized (Browsers.class) {
				if (container == null) {
					BrowserWebDriverContainer started = new BrowserWebDriverContainer(
							"selenium/standalone-chromium:latest");
					started.start();
					container = started;
				}
			}
		}
		return container;
	}

	/** No accessibility violation of serious or critical impact on the current page. */
	static void assertAccessible(WebDriver driver) {
		Results results = new AxeBuilder()
			.withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"))
			.analyze(driver);
		List<Rule> serious = results.getViolations()
			.stream()
			.filter((rule) -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
			.toList();
		assertThat(serious)
			.as(() -> serious.stream()
				.map((rule) -> rule.getId() + ": " + rule.getHelp() + " " + rule.getNodes())
				.collect(Collectors.joining("\n")))
			.isEmpty();
	}

	/**
	 * Saves a screenshot under {@code target/screenshots}; with
	 * {@code -Dportcullis.screenshots.update=true} also as the copy under
	 * {@code docs/images} that the README shows.
	 */
	static void screenshot(WebDriver driver, String name, int width, int height) {
		Dimension before = driver.manage().window().getSize();
		driver.manage().window().setSize(new Dimension(width, height));
		Long full = (Long) ((JavascriptExecutor) driver)
			.executeScript("return Math.ceil(document.documentElement.scrollHeight)");
		driver.manage().window().setSize(new Dimension(width, (int) Math.min(Math.max(full, height), 2400)));
		try {
			Path png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
			Path target = Path.of("target", "screenshots", name + ".png");
			Files.createDirectories(target.getParent());
			Files.copy(png, target, StandardCopyOption.REPLACE_EXISTING);
			if (Boolean.getBoolean("portcullis.screenshots.update")) {
				Path docs = Path.of("docs", "images", name + ".png");
				Files.createDirectories(docs.getParent());
				Files.copy(png, docs, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			driver.manage().window().setSize(before);
		}
	}

}
