package dev.portcullis.browser;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tabs of one origin share one refresh: two tabs of the account page, each also running
 * its own client from {@code /portcullis.js} ({@code window.app}) that the test calls.
 * Rotations are counted on the gateway. Time passes in the tabs by moving their
 * {@code Date.now} (the tabs are otherwise real), and on the gateway by its clock.
 */
class CrossTabBrowserTests extends BrowserTest {

	/**
	 * Loads a second client into the tab with a movable clock and visibility, and
	 * restores it.
	 */
	private static final String INSTALL_CLIENT = """
			const done = arguments[arguments.length - 1];
			import('/portcullis.js').then(async ({ Portcullis }) => {
			  const realNow = Date.now.bind(Date);
			  window.skew = 0;
			  Date.now = () => realNow() + window.skew;
			  window.visibility = 'visible';
			  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => window.visibility });
			  window.app = new Portcullis();
			  window.appEvents = [];
			  for (const name of ['signed-in', 'refreshed', 'signed-out', 'session-ended']) {
			    app.on(name, (detail) => appEvents.push(name));
			  }
			  // What the tests trigger at one instant (the page's policy forbids eval).
			  window.actions = {
			    token: () => app.getAccessToken(),
			    wake: () => {
			      window.visibility = 'visible';
			      document.dispatchEvent(new Event('visibilitychange'));
			      return new Promise((resolve) => {
			        const poll = () => appEvents.includes('refreshed') ? resolve(app.signedIn) : setTimeout(poll, 20);
			        poll();
			      });
			    },
			  };
			  done(await app.restore());
			}).catch((error) => done('error: ' + error));
			""";

	/** Runs the action named arguments[1] in the tab at the real instant arguments[0]. */
	private static final String AT_INSTANT = """
			const at = arguments[0];
			const action = window.actions[arguments[1]];
			window.outcome = undefined;
			setTimeout(() => Promise.resolve().then(action).then(
			  (value) => { window.outcome = 'ok:' + value; },
			  (error) => { window.outcome = 'error:' + error; }),
			  at - (performance.timeOrigin + performance.now()));
			""";

	private static final String AWAIT_OUTCOME = """
			const done = arguments[arguments.length - 1];
			const poll = () => window.outcome !== undefined ? done(window.outcome) : setTimeout(poll, 20);
			poll();
			""";

	private static final String FETCH_STATUS = """
			const done = arguments[arguments.length - 1];
			app.fetch(arguments[0]).then((response) => done(response.status), (error) => done('error: ' + error));
			""";

	private final List<String> tabs = new ArrayList<>();

	@AfterEach
	void closeExtraTabs() {
		for (String tab : this.tabs.subList(Math.min(1, this.tabs.size()), this.tabs.size())) {
			driver.switchTo().window(tab).close();
		}
		if (!this.tabs.isEmpty()) {
			driver.switchTo().window(this.tabs.get(0));
		}
		this.tabs.clear();
	}

	@Test
	void twoTabsWhoseTokensAreAboutToExpireRefreshExactlyOnce() {
		twoSignedInTabs();
		long before = settledRefreshRequests();
		double rotationsBefore = gateway.rotations();
		long nearExpiry = (BrowserGateway.ACCESS_TOKEN_SECONDS - 30) * 1000L;
		inTab(0, "window.skew = arguments[0]", nearExpiry);
		inTab(1, "window.skew = arguments[0]", nearExpiry);
		long at = System.currentTimeMillis() + 800;
		inTab(0, AT_INSTANT, at, "token");
		inTab(1, AT_INSTANT, at, "token");
		String first = outcome(0);
		String second = outcome(1);
		assertThat(first).startsWith("ok:ey").isEqualTo(second);
		assertExactlyOneRefresh(before, rotationsBefore);
		assertBothTabsContinueWithoutReuseDetection();
	}

	@Test
	void aHiddenTabWakingAfterItsTokenExpiredSharesTheOneRefresh() {
		twoSignedInTabs();
		long before = settledRefreshRequests();
		double rotationsBefore = gateway.rotations();
		// Tab 1 went to the background; its timers were throttled and its token ran out.
		inTab(1, "window.visibility = 'hidden'; document.dispatchEvent(new Event('visibilitychange'));"
				+ "window.skew = arguments[0]", (BrowserGateway.ACCESS_TOKEN_SECONDS + 60) * 1000L);
		inTab(0, "window.skew = arguments[0]", (BrowserGateway.ACCESS_TOKEN_SECONDS - 30) * 1000L);
		long at = System.currentTimeMillis() + 800;
		inTab(0, AT_INSTANT, at, "token");
		inTab(1, AT_INSTANT, at, "wake");
		assertThat(outcome(0)).startsWith("ok:ey");
		assertThat(outcome(1)).isEqualTo("ok:true");
		assertExactlyOneRefresh(before, rotationsBefore);
		assertBothTabsContinueWithoutReuseDetection();
	}

	@Test
	void fetchAfterTheAccessTokenExpiredRefreshesOnceAndRetriesOnce() {
		signInThroughThePage(driver, newUser());
		this.tabs.add(driver.getWindowHandle());
		assertThat(asyncScript(driver, INSTALL_CLIENT)).isEqualTo(true);
		long before = settledRefreshRequests();
		double rotationsBefore = gateway.rotations();
		gateway.clock().advance(Duration.ofSeconds(BrowserGateway.ACCESS_TOKEN_SECONDS + 10));
		assertThat(asyncScript(driver, FETCH_STATUS, "/v1/auth/sessions")).isEqualTo(200L);
		assertExactlyOneRefresh(before, rotationsBefore);
		assertThat(script(driver, "return appEvents")).asString().contains("refreshed");
	}

	@Test
	void signingOutInOneTabSignsOutTheOther() {
		twoSignedInTabs();
		tab(0);
		driver.findElement(By.id("sign-out")).click();
		awaitState(driver, "signed-out");
		tab(1);
		awaitState(driver, "signed-out");
		assertThat(driver.findElement(By.id("notice")).getText()).isEqualTo("You signed out in another tab.");
		assertThat(script(driver, "return app.signedIn")).isEqualTo(false);
		assertThat(script(driver, "return appEvents")).asString().contains("signed-out");
	}

	/** One user signed in through the page in tab 0; tab 1 opened afterwards restores. */
	private void twoSignedInTabs() {
		signInThroughThePage(driver, newUser());
		this.tabs.add(driver.getWindowHandle());
		assertThat(asyncScript(driver, INSTALL_CLIENT)).isEqualTo(true);
		driver.switchTo().newWindow(WindowType.TAB);
		this.tabs.add(driver.getWindowHandle());
		driver.get(gateway.url("/account"));
		awaitState(driver, "signed-in");
		assertThat(asyncScript(driver, INSTALL_CLIENT)).isEqualTo(true);
	}

	private void assertBothTabsContinueWithoutReuseDetection() {
		for (int i = 0; i < 2; i++) {
			tab(i);
			assertThat(asyncScript(driver, FETCH_STATUS, "/v1/auth/session")).isEqualTo(200L);
		}
		String events = (String) asyncScript(driver, """
				const done = arguments[arguments.length - 1];
				app.fetch('/v1/auth/security-events').then((r) => r.text()).then(done, (e) => done('error: ' + e));
				""");
		assertThat(events).contains("session.created").doesNotContain("refresh_token.reuse_detected");
	}

	/** The count once the requests of the tabs' set-up have all been recorded. */
	private static long settledRefreshRequests() {
		long[] last = { -1 };
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
			long now = gateway.refreshRequests();
			boolean stable = now == last[0];
			last[0] = now;
			return stable;
		});
		return last[0];
	}

	private static void assertExactlyOneRefresh(long requestsBefore, double rotationsBefore) {
		Awaitility.await()
			.during(Duration.ofMillis(600))
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(gateway.refreshRequests())
				.as("refresh requests the gateway answered since the tabs were set up")
				.isEqualTo(requestsBefore + 1));
		assertThat(gateway.rotations()).isEqualTo(rotationsBefore + 1);
	}

	private WebDriver tab(int index) {
		return driver.switchTo().window(this.tabs.get(index));
	}

	private Object inTab(int index, String script, Object... args) {
		return script(tab(index), script, args);
	}

	private String outcome(int index) {
		return (String) asyncScript(tab(index), AWAIT_OUTCOME);
	}

}
