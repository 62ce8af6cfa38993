// The page reset emails open: /account/reset-password?token=…
import { createErrorArea } from './common.js';

const $ = (id) => document.getElementById(id);
const errors = createErrorArea($('error'));
const token = new URLSearchParams(window.location.search).get('token');
// The token stays in memory only: out of the address bar and the history.
window.history.replaceState(null, '', window.location.pathname);

if (!token) {
	$('reset').hidden = true;
	errors.show({ code: 'token_invalid' });
}

$('reset-form').addEventListener('submit', async (event) => {
	event.preventDefault();
	errors.clear();
	const password = $('new-password').value;
	if (password !== $('confirm-password').value) {
		errors.show({ problem: { detail: 'The two passwords are not the same.' } });
		return;
	}
	const button = $('reset-form').querySelector('button');
	button.disabled = true;
	try {
		const response = await fetch('/v1/auth/password/reset', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ token, newPassword: password }),
			cache: 'no-store',
		});
		if (!response.ok) {
			const problem = await response.json().catch(() => ({}));
			const retryAfter = response.headers.get('Retry-After');
			errors.show({ status: response.status, code: problem.code, problem, retryAfter: retryAfter && Number(retryAfter) }, [button]);
			return;
		}
		$('reset').hidden = true;
		$('done').hidden = false;
		document.body.dataset.state = 'done';
	}
	catch {
		errors.show({ code: 'network_error' });
	}
	finally {
		button.disabled = false;
	}
});
