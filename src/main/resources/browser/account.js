// The account page: plain JavaScript on top of portcullis.js, no build step.
import { Portcullis, PortcullisError } from '/portcullis.js';
import { createErrorArea, describe, formatTime, download, copy } from './common.js';

const $ = (id) => document.getElementById(id);
const auth = new Portcullis();
const errors = createErrorArea($('error'));
let twoFactorEnabled = false;

const EVENT_NAMES = {
	'user.signed_up': 'Account created',
	'session.created': 'Signed in',
	'session.new_device': 'Signed in on a new device',
	'session.revoked': 'Signed out',
	'session.expired': 'Session ended',
	'sign_in.failed': 'Failed sign-in attempt',
	'account.locked': 'Account locked after failed attempts',
	'account.unlocked': 'Account unlocked',
	'refresh_token.reuse_detected': 'Suspicious reuse of a sign-in: device signed out',
	'two_factor.enabled': 'Two-factor authentication turned on',
	'two_factor.disabled': 'Two-factor authentication turned off',
	'two_factor.backup_codes_regenerated': 'New backup codes made',
	'password.changed': 'Password changed',
	'password.reset': 'Password reset by email',
	'email.verified': 'Email address confirmed',
	'admin.sessions_revoked': 'Signed out by an administrator',
};

function notice(text) {
	$('notice').textContent = text;
}

function show(view) {
	$('loading').hidden = true;
	$('sign-in').hidden = view !== 'sign-in';
	$('account').hidden = view !== 'account';
	$('who').hidden = view !== 'account';
}

/** Runs a form's action with its submit button disabled; errors go to the alert region. */
function handle(form, action) {
	form.addEventListener('submit', async (event) => {
		event.preventDefault();
		const buttons = [...form.querySelectorAll('button[type=submit]')];
		buttons.forEach((b) => { b.disabled = true; });
		errors.clear();
		notice('');
		let failure = null;
		try {
			await action(form);
		}
		catch (error) {
			failure = error;
		}
		buttons.forEach((b) => { b.disabled = false; });
		if (failure) {
			errors.show(failure, buttons);
			if (!(failure instanceof PortcullisError)) {
				console.error(failure);
			}
		}
	});
}

async function api(path, { method = 'GET', body } = {}) {
	const response = await auth.fetch(path, {
		method,
		headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	const data = text ? JSON.parse(text) : {};
	if (!response.ok) {
		const retryAfter = response.headers.get('Retry-After');
		throw new PortcullisError(response.status, data, retryAfter === null ? null : Number(retryAfter));
	}
	return data;
}

/** A sensitive action: on 403 step_up_required, ask for the password (and code), then retry once. */
async function withStepUp(action) {
	try {
		return await action();
	}
	catch (error) {
		if (!(error instanceof PortcullisError) || error.code !== 'step_up_required') {
			throw error;
		}
	}
	await stepUp();
	return action();
}

function stepUp() {
	const dialog = $('step-up');
	const form = $('step-up-form');
	$('step-up-code-hint').hidden = !twoFactorEnabled;
	$('step-up-code-field').hidden = !twoFactorEnabled;
	$('step-up-code').required = twoFactorEnabled;
	$('step-up-error').hidden = true;
	form.reset();
	return new Promise((resolve, reject) => {
		const cleanup = () => {
			form.removeEventListener('submit', onSubmit);
			$('step-up-cancel').removeEventListener('click', onCancel);
			dialog.removeEventListener('cancel', onCancel);
		};
		const onCancel = (event) => {
			event.preventDefault();
			cleanup();
			dialog.close();
			reject(new PortcullisError(403, { code: 'step_up_required', detail: 'The change was cancelled.' }));
		};
		const onSubmit = async (event) => {
			event.preventDefault();
			const code = $('step-up-code').value.trim();
			try {
				await auth.stepUp({ password: $('step-up-password').value, code: twoFactorEnabled ? code : undefined });
				cleanup();
				dialog.close();
				resolve();
			}
			catch (error) {
				$('step-up-error').hidden = false;
				$('step-up-error').textContent = describe(error);
			}
		};
		form.addEventListener('submit', onSubmit);
		$('step-up-cancel').addEventListener('click', onCancel);
		dialog.addEventListener('cancel', onCancel);
		dialog.showModal();
		$('step-up-password').focus();
	});
}

// ---- signed in

let entering = null;

/** Shows the signed-in view once, however many paths (this tab, another tab, restore) lead there. */
function enterAccount() {
	if (!entering) {
		entering = showAccount().catch((error) => {
			entering = null;
			throw error;
		});
	}
	return entering;
}

async function showAccount() {
	twoFactorEnabled = Boolean(auth.user && auth.user.twoFactorEnabled);
	$('who-email').textContent = auth.user ? auth.user.email : '';
	show('account');
	renderTwoFactor();
	await Promise.all([loadDevices(), loadEvents()]);
	document.body.dataset.state = 'signed-in';
}

function leaveAccount(message) {
	entering = null;
	show('sign-in');
	$('sign-in-form').hidden = false;
	$('two-factor-form').hidden = true;
	$('two-factor-enrol').hidden = true;
	$('new-backup-codes').hidden = true;
	$('devices').replaceChildren();
	$('events').replaceChildren();
	notice(message || '');
	document.body.dataset.state = 'signed-out';
}

async function loadDevices() {
	const sessions = await auth.sessions.list();
	const items = sessions.map((session) => {
		const li = document.createElement('li');
		li.dataset.sessionId = session.id;
		const info = document.createElement('div');
		const name = document.createElement('div');
		name.className = 'device-name';
		const device = session.device || {};
		name.textContent = `${device.browser || 'Unknown browser'} on ${device.os || 'an unknown system'}`;
		if (session.current) {
			const badge = document.createElement('span');
			badge.className = 'badge';
			badge.textContent = 'This device';
			name.append(badge);
		}
		const meta = document.createElement('div');
		meta.className = 'device-meta';
		const parts = [
			device.type && device.type !== 'unknown' ? device.type[0].toUpperCase() + device.type.slice(1) : null,
			session.ipAddress ? `IP ${session.ipAddress}` : null,
			`last active ${formatTime(session.lastActiveAt)}`,
			session.rememberMe ? 'kept signed in' : null,
			session.twoFactor ? 'signed in with two-factor' : null,
		].filter(Boolean);
		meta.textContent = parts.join(' · ');
		info.append(name, meta);
		li.append(info);
		if (!session.current) {
			const button = document.createElement('button');
			button.type = 'button';
			button.className = 'revoke';
			button.textContent = 'Sign out';
			button.setAttribute('aria-label', `Sign out ${name.firstChild.textContent}, last active ${formatTime(session.lastActiveAt)}`);
			button.addEventListener('click', () => run(async () => {
				await auth.sessions.revoke(session.id);
				notice('That device is signed out.');
				await loadDevices();
			}, [button]));
			li.append(button);
		}
		return li;
	});
	$('devices').replaceChildren(...items);
}

async function loadEvents() {
	const { events } = await api('/v1/auth/security-events');
	const items = events.slice(0, 20).map((event) => {
		const li = document.createElement('li');
		const type = document.createElement('div');
		type.className = 'event-type';
		type.textContent = EVENT_NAMES[event.type] || event.type;
		const meta = document.createElement('div');
		meta.className = 'device-meta';
		meta.textContent = [formatTime(event.createdAt), event.ipAddress ? `IP ${event.ipAddress}` : null]
			.filter(Boolean).join(' · ');
		li.append(type, meta);
		return li;
	});
	$('events').replaceChildren(...items);
}

function renderTwoFactor() {
	$('two-factor-status').textContent = twoFactorEnabled
		? 'Two-factor authentication is on.' : 'Two-factor authentication is off.';
	$('two-factor-enable-form').hidden = twoFactorEnabled || !$('two-factor-enrol').hidden;
	$('two-factor-manage').hidden = !twoFactorEnabled;
}

function showCodes(list, codes) {
	list.replaceChildren(...codes.map((code) => {
		const li = document.createElement('li');
		li.textContent = code;
		return li;
	}));
}

function codesText(list) {
	return [...list.querySelectorAll('li')].map((li) => li.textContent).join('\n') + '\n';
}

/** A button's action, with its errors shown like a form's. */
async function run(action, buttons = []) {
	errors.clear();
	notice('');
	buttons.forEach((b) => { b.disabled = true; });
	try {
		await action();
		buttons.forEach((b) => { b.disabled = false; });
	}
	catch (error) {
		buttons.forEach((b) => { b.disabled = false; });
		errors.show(error, buttons);
	}
}

// ---- wiring

handle($('sign-in-form'), async () => {
	const result = await auth.signIn({
		email: $('email').value.trim(),
		password: $('password').value,
		rememberMe: $('remember-me').checked,
	});
	$('password').value = '';
	if (result.status === 'two-factor-required') {
		$('sign-in-form').hidden = true;
		$('two-factor-form').hidden = false;
		$('two-factor-code').focus();
		return;
	}
	await enterAccount();
	$('main').focus();
});

handle($('two-factor-form'), async () => {
	const value = $('two-factor-code').value.trim();
	await auth.verifyTwoFactor(/^\d{6}$/.test(value) ? { code: value } : { backupCode: value });
	$('two-factor-code').value = '';
	await enterAccount();
	$('main').focus();
});

$('two-factor-cancel').addEventListener('click', () => leaveAccount());

$('sign-out').addEventListener('click', () => run(async () => {
	await auth.signOut();
}));

$('sign-out-everywhere').addEventListener('click', () => run(async () => {
	await auth.signOut({ everywhere: true });
}));

$('revoke-others').addEventListener('click', () => run(async () => {
	const { revoked } = await auth.sessions.revokeOthers();
	notice(revoked === 1 ? 'One other device is signed out.' : `${revoked} other devices are signed out.`);
	await loadDevices();
}, [$('revoke-others')]));

handle($('two-factor-enable-form'), async () => {
	const enrolment = await api('/v1/auth/two-factor/enable', {
		method: 'POST',
		body: { password: $('enable-password').value },
	});
	$('enable-password').value = '';
	$('two-factor-qr').src = enrolment.qrCode;
	$('two-factor-secret').textContent = enrolment.secret;
	showCodes($('backup-codes'), enrolment.backupCodes);
	$('two-factor-enrol').hidden = false;
	renderTwoFactor();
	$('verify-code').focus();
});

handle($('two-factor-verify-form'), async () => {
	await api('/v1/auth/two-factor/verify', { method: 'POST', body: { code: $('verify-code').value.trim() } });
	$('verify-code').value = '';
	twoFactorEnabled = true;
	$('two-factor-enrol').hidden = true;
	renderTwoFactor();
	notice('Two-factor authentication is on. Your other devices were signed out.');
	await Promise.all([loadDevices(), loadEvents()]);
});

handle($('two-factor-disable-form'), async () => {
	const code = $('disable-code').value.trim();
	await withStepUp(() => api('/v1/auth/two-factor/disable', { method: 'POST', body: { code } }));
	$('disable-code').value = '';
	twoFactorEnabled = false;
	$('new-backup-codes').hidden = true;
	renderTwoFactor();
	notice('Two-factor authentication is off.');
	await loadEvents();
});

handle($('backup-codes-form'), async () => {
	const code = $('regenerate-code').value.trim();
	const { backupCodes } = await withStepUp(() => api('/v1/auth/two-factor/backup-codes', { method: 'POST', body: { code } }));
	$('regenerate-code').value = '';
	showCodes($('new-codes'), backupCodes);
	$('new-backup-codes').hidden = false;
	notice('New backup codes are ready; the old ones no longer work.');
});

handle($('password-form'), async () => {
	const body = { currentPassword: $('current-password').value, newPassword: $('new-password').value };
	await withStepUp(() => api('/v1/auth/password/change', { method: 'POST', body }));
	$('password-form').reset();
	notice('Your password is changed. Your other devices were signed out.');
	await Promise.all([loadDevices(), loadEvents()]);
});

for (const [button, list] of [['backup-download', 'backup-codes'], ['new-codes-download', 'new-codes']]) {
	$(button).addEventListener('click', () => download('portcullis-backup-codes.txt', codesText($(list))));
}
for (const [button, list] of [['backup-copy', 'backup-codes'], ['new-codes-copy', 'new-codes']]) {
	$(button).addEventListener('click', () => run(async () => {
		await copy(codesText($(list)));
		notice('The backup codes are copied.');
	}));
}

auth.on('signed-out', (detail) => leaveAccount(detail.reason === 'other-tab'
	? 'You signed out in another tab.' : 'You are signed out.'));
auth.on('session-ended', (detail) => leaveAccount(describe({ code: detail.code })));
auth.on('signed-in', () => {
	enterAccount().catch((error) => errors.show(error));
});

async function start() {
	try {
		if (await auth.restore()) {
			await enterAccount();
			return;
		}
		leaveAccount();
	}
	catch (error) {
		leaveAccount();
		errors.show(error);
	}
}

start();
