package dev.portcullis.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Apps on other origins of the same site (other ports of the gateway's host name): the
 * one in {@code portcullis.cors.allowed-origins} signs in, refreshes and reads through
 * the client; the one that is not can neither refresh nor read, though the browser sends
 * it the cookie.
 */
class CrossOriginBrowserTests extends BrowserTest {

	@Test
	void anAllowedSameSiteOriginSignsInRefreshesAndReads() {
		String email = newUser();
		openApp(gateway.allowedAppOrigin());
		double before = gateway.rotations();
		String outcome = (String) asyncScript(driver, """
				const [base, email, password, done] = arguments;
				(async () => {
				  const auth = new Portcullis({ baseUrl: base });
				  const signIn = await auth.signIn({ email, password });
				  // A reload of the app: a new client finds the session through the cookie.
				  const reloaded = new Portcullis({ baseUrl: base });
				  const restored = await reloaded.restore();
				  const response = await reloaded.fetch(base + '/v1/auth/session');
				  const body = await response.json();
				  done([signIn.status, restored, response.status, body.user.email].join(' '));
				})().catch((error) => done('error: ' + error.code + ' ' + error));
				""", gateway.origin(), email, PASSWORD);
		assertThat(outcome).isEqualTo("signed-in true 200 " + email);
		assertThat(gateway.rotations()).isEqualTo(before + 1);
	}

	@Test
	void anOriginNotAllowedCanNeitherRefreshNorReadThoughItsRequestsCarryTheCookie() {
		signInThroughThePage(driver, newUser());
		openApp(gateway.foreignAppOrigin());
		double before = gateway.rotations();
		String outcome = (String) asyncScript(driver,
				"""
						const [base, done] = arguments;
						(async () => {
						  const out = [];
						  try {
						    out.push('restore=' + await new Portcullis({ baseUrl: base }).restore());
						  } catch (error) {
						    out.push('restore=' + error.code);
						  }
						  // A request the page cannot read, sent anyway, with the cookie.
						  const blind = await fetch(base + '/v1/auth/refresh', { method: 'POST', mode: 'no-cors', credentials: 'include' });
						  out.push('blind=' + blind.type);
						  try {
						    await fetch(base + '/v1/auth/csrf', { credentials: 'include' });
						    out.push('read=yes');
						  } catch (error) {
						    out.push('read=blocked');
						  }
						  done(out.join(' '));
						})().catch((error) => done('error: ' + error));
						""",
				gateway.origin());
		assertThat(outcome).isEqualTo("restore=network_error blind=opaque read=blocked");
		assertThat(gateway.rotations()).isEqualTo(before);
		driver.get(gateway.url("/account"));
		awaitState(driver, "signed-in");
	}

	private static void openApp(String origin) {
		driver.get(origin + "/app.html");
		await(driver).until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
	}

}
