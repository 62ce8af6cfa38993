package dev.portcullis.browser;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.http.MediaType;

/**
 * Base of the tests in real Chromium: one browser per class against the shared
 * {@link BrowserGateway}. Each test starts from a clean cookie jar and a fresh user.
 */
abstract class BrowserTest {

	static final String PASSWORD = "correct horse battery staple";

	static final BrowserGateway gateway = BrowserGateway.get();

	static WebDriver driver;

	@BeforeAll
	static void startBrowser() {
		driver = Browsers.start();
	}

	@AfterAll
	static void stopBrowser() {
		if (driver != null) {
			driver.quit();
		}
	}

	/**
	 * A new user with a verified-or-not account; sign-in does not require verification.
	 */
	static String newUser() {
		String email = "browser-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
		gateway.http()
			.post()
			.uri("/v1/auth/sign-up")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email, "password", PASSWORD, "name", "Ada Lovelace"))
			.exchange()
			.expectStatus()
			.isCreated();
		return email;
	}

	/** The refresh cookie as the browser keeps it (read from a page under its path). */
	static org.openqa.selenium.Cookie refreshCookie(WebDriver browser) {
		String page = browser.getCurrentUrl();
		browser.get(gateway.url("/v1/auth/csrf"));
		org.openqa.selenium.Cookie cookie = browser.manage().getCookieNamed("portcullis_refresh");
		browser.get(page);
		return cookie;
	}

	/** Opens the account page in the current tab with nobody signed in. */
	static void openSignedOut(WebDriver browser) {
		// The refresh cookie is scoped to /v1/auth: only a page there sees it to delete
		// it.
		browser.get(gateway.url("/v1/auth/csrf"));
		browser.manage().deleteAllCookies();
		script(browser, "localStorage.clear()");
		browser.get(gateway.url("/account"));
		awaitState(browser, "signed-out");
	}

	static void signInThroughThePage(WebDriver browser, String email) {
		openSignedOut(browser);
		fill(browser, "email", email);
		fill(browser, "password", PASSWORD);
		browser.findElement(By.cssSelector("#sign-in-form button[type=submit]")).click();
		awaitState(browser, "signed-in");
	}

	static void fill(WebDriver browser, String id, String value) {
		WebElement input = browser.findElement(By.id(id));
		input.clear();
		input.sendKeys(value);
	}

	static void awaitState(WebDriver browser, String state) {
		await(browser).until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-state", state));
	}

	static WebDriverWait await(WebDriver browser) {
		return new WebDriverWait(browser, Duration.ofSeconds(15));
	}

	static Object script(WebDriver browser, String script, Object... args) {
		return ((JavascriptExecutor) browser).executeScript(script, args);
	}

	static Object asyncScript(WebDriver browser, String script, Object... args) {
		return ((JavascriptExecutor) browser).executeAsyncScript(script, args);
	}

	/** The TOTP code of this secret for the gateway's current time step. */
	static String totp(String base32Secret) {
		try {
			TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator(Duration.ofSeconds(30),
					6, TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1);
			SecretKeySpec key = new SecretKeySpec(new Base32().decode(base32Secret), "HmacSHA1");
			return String.format("%06d", generator.generateOneTimePassword(key, gateway.clock().instant()));
		}
		catch (java.security.InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Moves the gateway past the current TOTP step, so the next code is a new one. */
	static void nextTotpStep() {
		gateway.clock().advance(Duration.ofSeconds(30));
	}

}
