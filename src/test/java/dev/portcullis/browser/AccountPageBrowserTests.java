package dev.portcullis.browser;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/** The account page, driven as a person would in Chromium. */
class AccountPageBrowserTests extends BrowserTest {

	@Test
	void signInThroughThePageShowsThisDeviceAndKeepsTheRefreshCookieFromScript() {
		openSignedOut(driver);
		Browsers.assertAccessible(driver);
		Browsers.screenshot(driver, "account-sign-in-phone", 390, 844);
		String email = newUser();
		signInThroughThePage(driver, email);
		assertThat(driver.findElement(By.id("who-email")).getText()).isEqualTo(email);
		await(driver).until(ExpectedConditions.textToBePresentInElementLocated(By.id("devices"), "This device"));
		assertThat(driver.findElement(By.id("events")).getText()).contains("Signed in");
		String scriptCookies = (String) script(driver, "return document.cookie");
		assertThat(scriptCookies).contains("XSRF-TOKEN=").doesNotContain("portcullis_refresh");
		assertThat(refreshCookie(driver).isHttpOnly()).isTrue();
		awaitState(driver, "signed-in");
		Browsers.assertAccessible(driver);
		Browsers.screenshot(driver, "account-desktop", 1280, 900);
		Browsers.screenshot(driver, "account-phone", 390, 844);
	}

	@Test
	void reloadingThePageRestoresTheSessionFromTheCookie() {
		signInThroughThePage(driver, newUser());
		double before = gateway.rotations();
		driver.navigate().refresh();
		awaitState(driver, "signed-in");
		assertThat(gateway.rotations()).isEqualTo(before + 1);
	}

	@Test
	void twoFactorEnrolmentThroughThePageThenSignInAsksForTheCode() {
		String email = newUser();
		signInThroughThePage(driver, email);
		fill(driver, "enable-password", PASSWORD);
		driver.findElement(By.cssSelector("#two-factor-enable-form button")).click();
		await(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("two-factor-qr")));
		assertThat(driver.findElement(By.id("two-factor-qr")).getAttribute("src")).startsWith("data:image/png;base64,");
		assertThat(driver.findElements(By.cssSelector("#backup-codes li"))).hasSize(10);
		Browsers.assertAccessible(driver);
		Browsers.screenshot(driver, "account-two-factor", 1280, 900);
		String secret = driver.findElement(By.id("two-factor-secret")).getText();
		fill(driver, "verify-code", totp(secret));
		driver.findElement(By.cssSelector("#two-factor-verify-form button")).click();
		await(driver)
			.until(ExpectedConditions.textToBe(By.id("two-factor-status"), "Two-factor authentication is on."));

		driver.findElement(By.id("sign-out")).click();
		awaitState(driver, "signed-out");
		fill(driver, "email", email);
		fill(driver, "password", PASSWORD);
		driver.findElement(By.cssSelector("#sign-in-form button[type=submit]")).click();
		await(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("two-factor-code")));
		fill(driver, "two-factor-code", "000000".equals(totp(secret)) ? "111111" : "000000");
		driver.findElement(By.cssSelector("#two-factor-form button[type=submit]")).click();
		await(driver).until(ExpectedConditions.textToBePresentInElementLocated(By.id("error"), "code did not work"));
		nextTotpStep();
		fill(driver, "two-factor-code", totp(secret));
		driver.findElement(By.cssSelector("#two-factor-form button[type=submit]")).click();
		awaitState(driver, "signed-in");
		await(driver).until(ExpectedConditions.textToBePresentInElementLocated(By.id("devices"), "two-factor"));
	}

	@Test
	void passwordChangeAfterAnOldSignInAsksToConfirmItIsYou() {
		String email = newUser();
		signInThroughThePage(driver, email);
		// The sign-in is older than portcullis.step-up.max-age (and the access token
		// expired
		// too: the page's client refreshes it on the way).
		gateway.clock().advance(Duration.ofMinutes(11));
		fill(driver, "current-password", PASSWORD);
		fill(driver, "new-password", "a brand new passphrase 42");
		driver.findElement(By.cssSelector("#password-form button")).click();
		await(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("step-up-password")));
		Browsers.assertAccessible(driver);
		fill(driver, "step-up-password", PASSWORD);
		driver.findElement(By.cssSelector("#step-up-form button[type=submit]")).click();
		await(driver).until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "password is changed"));
		gateway.http()
			.post()
			.uri("/v1/auth/sign-in")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email, "password", "a brand new passphrase 42", "tokenDelivery", "body"))
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void revokingThisDeviceFromAnotherBrowserEndsTheSessionOnItsNextCall() {
		String email = newUser();
		signInThroughThePage(driver, email);
		WebDriver other = Browsers.start();
		try {
			signInThroughThePage(other, email);
			await(other).until(ExpectedConditions.elementToBeClickable(By.cssSelector("#devices button.revoke")));
			other.findElement(By.cssSelector("#devices button.revoke")).click();
			await(other).until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "signed out"));
		}
		finally {
			other.quit();
		}
		driver.findElement(By.id("revoke-others")).click();
		awaitState(driver, "signed-out");
		assertThat(driver.findElement(By.id("notice")).getText()).isEqualTo("You were signed out on this device.");
		assertThat(driver.findElement(By.id("sign-in")).isDisplayed()).isTrue();
	}

	@Test
	void tooManyAttemptsShowACountdown() {
		openSignedOut(driver);
		script(driver, """
				const area = document.getElementById('error');
				return import('/account/assets/common.js').then((m) => m.createErrorArea(area)
				  .show({status: 429, code: 'rate_limited', retryAfter: 75}, []));
				""");
		await(driver).until(ExpectedConditions.textToBePresentInElementLocated(By.id("error"), "Try again in 1 min"));
	}

	@Test
	void resetPageWithoutATokenSaysTheLinkIsNotValid() {
		driver.get(gateway.url("/account/reset-password"));
		await(driver).until(ExpectedConditions.textToBePresentInElementLocated(By.id("error"), "not valid"));
		Browsers.assertAccessible(driver);
	}

}
