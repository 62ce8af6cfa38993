// Helpers shared by the account pages: error messages in words, Retry-After countdowns.

const MESSAGES = {
	invalid_credentials: 'The email or password is not right.',
	invalid_code: 'That code did not work. Codes change every 30 seconds: try the one your app shows now.',
	mfa_token_invalid: 'The sign-in took too long. Please sign in again.',
	email_not_verified: 'Please confirm your email address first: look for our message in your inbox.',
	step_up_required: 'Please confirm it is you to make this change.',
	session_not_found: 'That device is already signed out.',
	two_factor_already_enabled: 'Two-factor authentication is already on.',
	two_factor_not_pending: 'Start again: turn on two-factor authentication first.',
	token_invalid: 'This link is not valid, or it was already used. Ask for a new one.',
	token_expired: 'This link has expired. Ask for a new one.',
	validation_failed: 'Please check the fields and try again.',
	malformed_request: 'Something went wrong with the request. Please reload the page.',
	csrf_invalid: 'Your browser session is out of date. Please reload the page.',
	origin_not_allowed: 'This page is not allowed to talk to the sign-in service.',
	network_error: 'The sign-in service could not be reached. Check your connection and try again.',
	session_revoked: 'You were signed out on this device.',
	session_expired: 'Your session has ended. Please sign in again.',
	rate_limiter_unavailable: 'The service is busy. Please try again in a moment.',
};

const VIOLATIONS = {
	too_short: 'it is too short',
	too_long: 'it is too long',
	missing_uppercase: 'it needs an uppercase letter',
	missing_lowercase: 'it needs a lowercase letter',
	missing_digit: 'it needs a digit',
	missing_symbol: 'it needs a symbol',
	too_weak: 'it is too easy to guess',
	common_password: 'it is one of the most common passwords',
};

/** Words for an error of the client or of the gateway. */
export function describe(error) {
	if (!error || typeof error !== 'object') {
		return 'Something went wrong. Please try again.';
	}
	if (error.code === 'weak_password') {
		const reasons = (error.problem && error.problem.violations || []).map((v) => VIOLATIONS[v] || v);
		return reasons.length ? `Please choose another password: ${reasons.join(', ')}.` : 'Please choose a stronger password.';
	}
	if (MESSAGES[error.code]) {
		return MESSAGES[error.code];
	}
	if (error.problem && error.problem.detail) {
		return error.problem.detail;
	}
	return 'Something went wrong. Please try again.';
}

function clock(seconds) {
	const m = Math.floor(seconds / 60);
	const s = seconds % 60;
	return m > 0 ? `${m} min ${String(s).padStart(2, '0')} s` : `${s} s`;
}

/**
 * Shows an error in the alert region; a 429 shows a countdown from Retry-After and keeps the
 * given buttons disabled until it reaches zero.
 */
export function createErrorArea(element, { now = () => Date.now() } = {}) {
	let ticker = null;
	const stop = () => {
		if (ticker !== null) {
			clearInterval(ticker);
			ticker = null;
		}
	};
	return {
		clear() {
			stop();
			element.hidden = true;
			element.textContent = '';
		},
		show(error, buttons = []) {
			stop();
			element.hidden = false;
			if (error && error.status === 429 && Number.isFinite(error.retryAfter) && error.retryAfter > 0) {
				const until = now() + error.retryAfter * 1000;
				const lead = error.code === 'account_locked' ? 'Too many failed attempts: this account is locked for now.'
					: 'Too many attempts.';
				buttons.forEach((b) => { b.disabled = true; });
				const tick = () => {
					const left = Math.max(0, Math.ceil((until - now()) / 1000));
					if (left === 0) {
						stop();
						element.textContent = `${lead} You can try again now.`;
						buttons.forEach((b) => { b.disabled = false; });
						return;
					}
					element.textContent = `${lead} Try again in ${clock(left)}.`;
				};
				tick();
				ticker = setInterval(tick, 1000);
				return;
			}
			element.textContent = describe(error);
		},
	};
}

export function formatTime(iso) {
	if (!iso) {
		return '';
	}
	return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** Offers text as a file download. */
export function download(filename, text) {
	const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
	const link = document.createElement('a');
	link.href = url;
	link.download = filename;
	document.body.append(link);
	link.click();
	link.remove();
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export async function copy(text) {
	await navigator.clipboard.writeText(text);
}
