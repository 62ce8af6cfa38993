// portcullis.js: the browser client of a Portcullis gateway. One dependency-free ES module.
// The access token lives in this tab's memory only; the refresh token is an HttpOnly cookie
// that script never sees. The tabs of one origin share one refresh at a time (Web Locks and
// BroadcastChannel, or a localStorage lease where those are missing), so a rotated refresh
// token is never presented again and reuse detection never fires in normal use.

const CHANNEL_PREFIX = 'portcullis:';
const LEASE_MS = 10_000;
const LEASE_POLL_MS = 50;
const HANDOFF_WAIT_MS = 2_000;

/** An error answer of the gateway: the RFC 9457 problem with its stable `code`. */
export class PortcullisError extends Error {
	constructor(status, problem = {}, retryAfter = null) {
		super(problem.detail || problem.title || `Request failed with status ${status}`);
		this.name = 'PortcullisError';
		this.status = status;
		this.code = problem.code || (status === 0 ? 'network_error' : `http_${status}`);
		this.retryAfter = retryAfter;
		this.problem = problem;
	}
}

/**
 * Milliseconds after a token that lives `expiresIn` seconds was issued until it should be
 * refreshed: `margin` seconds before it runs out, plus up to 10% of that margin at random so
 * that tabs and devices do not all refresh at the same instant (the token is then inside
 * its margin, so the refresh is due). The margin never exceeds a third of the lifetime, so
 * a short-lived token is not refreshed the moment it arrives.
 */
export function refreshDelay(expiresIn, margin, random = Math.random) {
	const effective = effectiveMargin(expiresIn, margin);
	const jitter = random() * effective * 0.1;
	return Math.max(0, Math.round((expiresIn - effective + jitter) * 1000));
}

/** The margin in seconds actually applied to a token of this lifetime. */
export function effectiveMargin(expiresIn, margin) {
	return Math.max(0, Math.min(margin, expiresIn / 3));
}

/**
 * A mutual exclusion between the tabs of one origin. Web Locks where the browser has them;
 * otherwise a lease in localStorage: write a claim, wait a moment, and own the lease only if
 * the claim is still there (the last writer wins, the others wait and try again). A lease
 * expires after `leaseMs`, so a tab closed while holding it blocks nobody for long.
 */
export function createLock(name, { locks, storage, now = Date.now, sleep = defaultSleep, leaseMs = LEASE_MS } = {}) {
	if (locks && typeof locks.request === 'function') {
		return (task) => locks.request(name, { mode: 'exclusive' }, () => task());
	}
	if (!storage) {
		let tail = Promise.resolve();
		return (task) => {
			const run = tail.then(() => task());
			tail = run.catch(() => {});
			return run;
		};
	}
	const key = `${name}:lease`;
	const owner = Math.random().toString(36).slice(2) + now().toString(36);
	const read = () => {
		try {
			return JSON.parse(storage.getItem(key) || 'null');
		}
		catch {
			return null;
		}
	};
	const acquire = async () => {
		for (;;) {
			const lease = read();
			if (!lease || lease.until <= now() || lease.owner === owner) {
				storage.setItem(key, JSON.stringify({ owner, until: now() + leaseMs }));
				await sleep(LEASE_POLL_MS);
				const confirmed = read();
				if (confirmed && confirmed.owner === owner) {
					return;
				}
			}
			await sleep(LEASE_POLL_MS);
		}
	};
	const release = () => {
		const lease = read();
		if (lease && lease.owner === owner) {
			storage.removeItem(key);
		}
	};
	let tail = Promise.resolve();
	return (task) => {
		// Tasks of one tab queue behind each other; the lease orders the tabs.
		const run = tail.then(async () => {
			await acquire();
			try {
				return await task();
			}
			finally {
				release();
			}
		});
		tail = run.catch(() => {});
		return run;
	};
}

/**
 * Messages between the tabs of one origin: BroadcastChannel, or `storage` events where it is
 * missing (the message is written and removed at once, so nothing stays in storage).
 */
export function createChannel(name, { BroadcastChannelImpl, storage, eventTarget } = {}) {
	const listeners = new Set();
	const deliver = (message) => listeners.forEach((listener) => listener(message));
	if (BroadcastChannelImpl) {
		const channel = new BroadcastChannelImpl(CHANNEL_PREFIX + name);
		channel.onmessage = (event) => deliver(event.data);
		return {
			post: (message) => channel.postMessage(message),
			subscribe: (listener) => listeners.add(listener),
			close: () => channel.close(),
		};
	}
	if (storage && eventTarget) {
		const key = `${CHANNEL_PREFIX}${name}:message`;
		const onStorage = (event) => {
			if (event.key === key && event.newValue) {
				try {
					deliver(JSON.parse(event.newValue));
				}
				catch {
					// not ours
				}
			}
		};
		eventTarget.addEventListener('storage', onStorage);
		return {
			post: (message) => {
				storage.setItem(key, JSON.stringify({ ...message, nonce: Math.random() }));
				storage.removeItem(key);
			},
			subscribe: (listener) => listeners.add(listener),
			close: () => eventTarget.removeEventListener('storage', onStorage),
		};
	}
	return { post: () => {}, subscribe: (listener) => listeners.add(listener), close: () => {} };
}

function defaultSleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

function defaultBaseUrl() {
	try {
		return new URL(import.meta.url).origin;
	}
	catch {
		return globalThis.location ? globalThis.location.origin : '';
	}
}

function browserEnvironment() {
	const g = globalThis;
	let storage = null;
	try {
		storage = g.localStorage || null;
	}
	catch {
		storage = null;
	}
	return {
		fetch: g.fetch ? g.fetch.bind(g) : undefined,
		locks: g.navigator && g.navigator.locks ? g.navigator.locks : null,
		BroadcastChannel: g.BroadcastChannel || null,
		storage,
		document: g.document || null,
		window: typeof g.addEventListener === 'function' ? g : null,
		now: () => Date.now(),
		random: Math.random,
		setTimeout: (fn, ms) => g.setTimeout(fn, ms),
		clearTimeout: (id) => g.clearTimeout(id),
		sleep: defaultSleep,
	};
}

function id() {
	return Math.random().toString(36).slice(2) + Date.now().toString(36);
}

export class Portcullis {
	#baseUrl;
	#margin;
	#lockName;
	#env;
	#crossOrigin;
	#lock;
	#channel;
	#token = null; // {accessToken, expiresAt, expiresIn, id}
	#user = null;
	#session = null;
	#mfaToken = null;
	#inflight = null;
	#timer = null;
	#csrfToken = null;
	#listeners = new Map();

	/**
	 * @param options.baseUrl the gateway; default: the origin this module was loaded from
	 * @param options.refreshMargin seconds before expiry to refresh (default 60, with jitter)
	 * @param options.lockName the Web Locks name shared by the tabs of one origin
	 * @param environment overrides of the browser's APIs, for tests (fetch, locks, storage, …)
	 */
	constructor({ baseUrl, refreshMargin = 60, lockName = 'portcullis-refresh' } = {}, environment = {}) {
		this.#env = { ...browserEnvironment(), ...environment };
		this.#baseUrl = (baseUrl || defaultBaseUrl()).replace(/\/+$/, '');
		this.#margin = refreshMargin;
		this.#lockName = lockName;
		const here = this.#env.window && this.#env.window.location ? this.#env.window.location.origin : null;
		this.#crossOrigin = here !== null && new URL(this.#baseUrl, here).origin !== here;
		this.#lock = createLock(lockName, {
			locks: this.#env.locks,
			storage: this.#env.storage,
			now: this.#env.now,
			sleep: this.#env.sleep,
		});
		this.#channel = createChannel(lockName, {
			BroadcastChannelImpl: this.#env.BroadcastChannel,
			storage: this.#env.storage,
			eventTarget: this.#env.window,
		});
		this.#channel.subscribe((message) => this.#onMessage(message));
		const doc = this.#env.document;
		if (doc && typeof doc.addEventListener === 'function') {
			doc.addEventListener('visibilitychange', () => {
				if (doc.visibilityState === 'visible') {
					this.#wake();
				}
			});
		}
		if (this.#env.window) {
			this.#env.window.addEventListener('pageshow', () => this.#wake());
			this.#env.window.addEventListener('online', () => this.#wake());
		}
		this.sessions = {
			list: async () => (await this.#json('/v1/auth/sessions')).sessions,
			revoke: (sessionId) => this.#json(`/v1/auth/sessions/${encodeURIComponent(sessionId)}`, { method: 'DELETE' }),
			revokeOthers: () => this.#json('/v1/auth/sessions/revoke-others', { method: 'POST' }),
		};
	}

	/** The signed-in user (as in the token response), or null. */
	get user() {
		return this.#user;
	}

	get signedIn() {
		return this.#token !== null;
	}

	/** The current session `{id, expiresAt}` of the token response, or null. */
	get session() {
		return this.#session;
	}

	/** Subscribes to an event; answers the function that unsubscribes. */
	on(event, fn) {
		if (!this.#listeners.has(event)) {
			this.#listeners.set(event, new Set());
		}
		this.#listeners.get(event).add(fn);
		return () => this.#listeners.get(event).delete(fn);
	}

	async signIn({ email, password, rememberMe = false }) {
		const body = await this.#call('/v1/auth/sign-in', {
			method: 'POST',
			body: { email, password, rememberMe },
		});
		if (body.mfaRequired) {
			this.#mfaToken = body.mfaToken;
			this.#emit('two-factor-required', { methods: body.methods });
			return { status: 'two-factor-required', methods: body.methods };
		}
		this.#adopt(body, 'signed-in', true);
		return { status: 'signed-in', user: this.#user };
	}

	/** Completes a sign-in that asked for a second factor: `{code}` or `{backupCode}`. */
	async verifyTwoFactor({ code, backupCode }) {
		if (!this.#mfaToken) {
			throw new PortcullisError(401, { code: 'mfa_token_invalid', detail: 'Sign in with your password first.' });
		}
		const body = await this.#call('/v1/auth/sign-in/two-factor', {
			method: 'POST',
			body: { mfaToken: this.#mfaToken, code: (code || backupCode || '').trim() },
		});
		this.#mfaToken = null;
		this.#adopt(body, 'signed-in', true);
		return { status: 'signed-in', user: this.#user };
	}

	/**
	 * On page load: one cookie refresh (shared with the other tabs). True when signed in,
	 * false when there is no live session.
	 */
	async restore() {
		try {
			await this.#refreshShared(true);
			return this.signedIn;
		}
		catch (error) {
			if (error instanceof PortcullisError && error.status === 401) {
				return false;
			}
			throw error;
		}
	}

	/** A token valid for at least the refresh margin, refreshing first if needed; null when signed out. */
	async getAccessToken() {
		if (!this.#token) {
			return null;
		}
		if (!this.#needsRefresh()) {
			return this.#token.accessToken;
		}
		try {
			await this.#refreshShared(false);
		}
		catch (error) {
			if (error instanceof PortcullisError && error.status === 401) {
				return null;
			}
			throw error;
		}
		return this.#token ? this.#token.accessToken : null;
	}

	/**
	 * `fetch` with the access token. On `401 invalid_token` it refreshes once and retries
	 * once; a request whose body is a stream is not retried (it can be read only once).
	 */
	async fetch(input, init = {}) {
		const retryable = !(init.body && typeof init.body === 'object' && typeof init.body.getReader === 'function');
		const spare = typeof Request !== 'undefined' && input instanceof Request ? input.clone() : input;
		const first = await this.#authorized(input, init, await this.getAccessToken());
		if (first.status !== 401) {
			return first;
		}
		const code = await problemCode(first);
		if (code === 'session_revoked' || code === 'session_expired') {
			this.#end(code);
			return first;
		}
		if (!retryable || !this.#token) {
			return first;
		}
		try {
			await this.#refreshShared(true);
		}
		catch (error) {
			if (error instanceof PortcullisError && error.status === 401) {
				return first;
			}
			throw error;
		}
		const second = await this.#authorized(spare, init, this.#token && this.#token.accessToken);
		if (second.status === 401) {
			this.#end((await problemCode(second)) || 'invalid_token');
		}
		return second;
	}

	/**
	 * Re-proves the user's presence for a sensitive action (`POST /v1/auth/step-up`); the
	 * fresher access token replaces this tab's.
	 */
	async stepUp({ password, code }) {
		const body = await this.#json('/v1/auth/step-up', { method: 'POST', body: code ? { password, code } : { password } });
		this.#token = this.#tokenOf(body);
		this.#schedule();
		return true;
	}

	/** Ends this session (or every session with `everywhere`), clears the cookie, tells the other tabs. */
	async signOut({ everywhere = false } = {}) {
		let failure = null;
		try {
			if (everywhere) {
				await this.#json('/v1/auth/sessions/revoke-all', { method: 'POST' });
			}
			else {
				// The cookie path works even when the access token has expired meanwhile.
				const token = this.#token ? this.#token.accessToken : null;
				await this.#call('/v1/auth/sign-out', { method: 'POST', bearer: token, cookie: true });
			}
		}
		catch (error) {
			if (!(error instanceof PortcullisError && error.status === 401)) {
				failure = error;
			}
		}
		this.#clear();
		this.#channel.post({ type: 'signed-out' });
		this.#emit('signed-out', { reason: 'signed-out' });
		if (failure) {
			throw failure;
		}
	}

	// ---- refresh, shared by the tabs

	#needsRefresh() {
		const token = this.#token;
		const margin = effectiveMargin(token.expiresIn, this.#margin);
		return token.expiresAt - this.#env.now() <= margin * 1000;
	}

	#refreshShared(force) {
		if (this.#inflight) {
			return this.#inflight;
		}
		const before = this.#token ? this.#token.id : null;
		const markerBefore = this.#readMarker();
		this.#inflight = this.#lock(async () => {
			// Another tab may have refreshed while this one waited for the lock: its token
			// comes over the channel, and the cookie it rotated is the one to present next.
			if (this.#token && this.#token.id !== before && !this.#needsRefresh()) {
				return;
			}
			if (!force && this.#token && !this.#needsRefresh()) {
				return;
			}
			const marker = this.#readMarker();
			if (marker !== null && marker !== markerBefore && (await this.#awaitToken(marker))) {
				return;
			}
			await this.#refreshNow();
		}).finally(() => {
			this.#inflight = null;
		});
		return this.#inflight;
	}

	/** The lock can be granted before the holder's message arrives: wait a moment for it. */
	async #awaitToken(tokenId) {
		const deadline = this.#env.now() + HANDOFF_WAIT_MS;
		while (this.#env.now() < deadline) {
			if (this.#token && this.#token.id === tokenId) {
				return true;
			}
			await this.#env.sleep(20);
		}
		return false;
	}

	#readMarker() {
		try {
			return this.#env.storage ? this.#env.storage.getItem(`${this.#lockName}:last`) : null;
		}
		catch {
			return null;
		}
	}

	#writeMarker(tokenId) {
		try {
			if (this.#env.storage) {
				this.#env.storage.setItem(`${this.#lockName}:last`, tokenId);
			}
		}
		catch {
			// storage full or disabled: the lock alone still orders the refreshes
		}
	}

	async #refreshNow() {
		let body;
		try {
			body = await this.#call('/v1/auth/refresh', { method: 'POST', cookie: true });
		}
		catch (error) {
			if (error instanceof PortcullisError && error.status === 401) {
				this.#end(error.code);
			}
			throw error;
		}
		const wasSignedIn = this.signedIn;
		this.#adopt(body, wasSignedIn ? 'refreshed' : 'signed-in', true);
	}

	#adopt(body, event, broadcast) {
		this.#token = this.#tokenOf(body);
		this.#user = body.user || this.#user;
		this.#session = body.session || this.#session;
		this.#schedule();
		if (broadcast) {
			this.#writeMarker(this.#token.id);
			this.#channel.post({
				type: 'token',
				token: this.#token,
				user: this.#user,
				session: this.#session,
			});
		}
		this.#emit(event, { user: this.#user });
	}

	#tokenOf(body) {
		return {
			id: id(),
			accessToken: body.accessToken,
			expiresIn: body.expiresIn,
			expiresAt: this.#env.now() + body.expiresIn * 1000,
		};
	}

	#onMessage(message) {
		if (!message || typeof message !== 'object') {
			return;
		}
		if (message.type === 'token') {
			const wasSignedIn = this.signedIn;
			this.#token = { ...message.token };
			this.#user = message.user;
			this.#session = message.session;
			this.#schedule();
			this.#emit(wasSignedIn ? 'refreshed' : 'signed-in', { user: this.#user });
		}
		else if (message.type === 'signed-out') {
			if (this.signedIn) {
				this.#clear();
				this.#emit('signed-out', { reason: 'other-tab' });
			}
		}
		else if (message.type === 'session-ended') {
			if (this.signedIn) {
				this.#clear();
				this.#emit('session-ended', { code: message.code });
			}
		}
	}

	#schedule() {
		if (this.#timer !== null) {
			this.#env.clearTimeout(this.#timer);
			this.#timer = null;
		}
		if (!this.#token) {
			return;
		}
		const { expiresIn, expiresAt } = this.#token;
		const elapsed = expiresIn * 1000 - (expiresAt - this.#env.now());
		const delay = Math.max(0, refreshDelay(expiresIn, this.#margin, this.#env.random) - elapsed);
		this.#timer = this.#env.setTimeout(() => {
			this.#timer = null;
			this.#proactive();
		}, delay);
	}

	#proactive() {
		if (!this.#token) {
			return;
		}
		this.#refreshShared(false).catch(() => {
			// a network failure: retried when the tab wakes or on the next call
		});
	}

	#wake() {
		if (this.#token && this.#needsRefresh()) {
			this.#proactive();
		}
	}

	#end(code) {
		if (!this.signedIn) {
			return;
		}
		this.#clear();
		this.#channel.post({ type: 'session-ended', code });
		this.#emit('session-ended', { code });
	}

	#clear() {
		this.#token = null;
		this.#user = null;
		this.#session = null;
		this.#mfaToken = null;
		if (this.#timer !== null) {
			this.#env.clearTimeout(this.#timer);
			this.#timer = null;
		}
	}

	#emit(event, detail) {
		const listeners = this.#listeners.get(event);
		if (listeners) {
			[...listeners].forEach((fn) => {
				try {
					fn(detail);
				}
				catch (error) {
					setTimeout(() => {
						throw error;
					});
				}
			});
		}
	}

	// ---- HTTP

	async #authorized(input, init, token) {
		const headers = new Headers(init.headers || (typeof Request !== 'undefined' && input instanceof Request ? input.headers : undefined));
		if (token) {
			headers.set('Authorization', `Bearer ${token}`);
		}
		return this.#env.fetch(input, { ...init, headers });
	}

	async #json(path, { method = 'GET', body } = {}) {
		const response = await this.fetch(this.#baseUrl + path, {
			method,
			headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
			credentials: this.#crossOrigin ? 'include' : 'same-origin',
		});
		return readBody(response);
	}

	async #call(path, { method, body, bearer, cookie }, csrfRetried = false) {
		const headers = { Accept: 'application/json' };
		if (body !== undefined) {
			headers['Content-Type'] = 'application/json';
		}
		if (bearer) {
			headers.Authorization = `Bearer ${bearer}`;
		}
		if (cookie) {
			headers['X-XSRF-TOKEN'] = await this.#csrf(csrfRetried);
		}
		let response;
		try {
			response = await this.#env.fetch(this.#baseUrl + path, {
				method,
				headers,
				body: body === undefined ? undefined : JSON.stringify(body),
				credentials: this.#crossOrigin ? 'include' : 'same-origin',
				cache: 'no-store',
			});
		}
		catch (error) {
			throw new PortcullisError(0, { code: 'network_error', detail: String(error && error.message) });
		}
		if (cookie && !csrfRetried && response.status === 403 && (await problemCode(response.clone())) === 'csrf_invalid') {
			// Another tab of a cross-origin app asked for a new CSRF token: fetch it and try once more.
			this.#csrfToken = null;
			return this.#call(path, { method, body, bearer, cookie }, true);
		}
		return readBody(response);
	}

	async #csrf(renew) {
		if (!this.#crossOrigin && !renew) {
			const fromCookie = readCookie(this.#env.document, 'XSRF-TOKEN');
			if (fromCookie) {
				return fromCookie;
			}
		}
		if (this.#csrfToken && !renew) {
			return this.#csrfToken;
		}
		let response;
		try {
			response = await this.#env.fetch(`${this.#baseUrl}/v1/auth/csrf`, {
				credentials: this.#crossOrigin ? 'include' : 'same-origin',
				cache: 'no-store',
			});
		}
		catch (error) {
			// Unreachable, or refused without CORS headers (an origin the gateway does not allow)
			throw new PortcullisError(0, { code: 'network_error', detail: String(error && error.message) });
		}
		const { token } = await readBody(response);
		this.#csrfToken = token;
		return token;
	}
}

function readCookie(doc, name) {
	if (!doc || typeof doc.cookie !== 'string') {
		return null;
	}
	for (const part of doc.cookie.split(';')) {
		const [key, ...rest] = part.trim().split('=');
		if (key === name) {
			return decodeURIComponent(rest.join('='));
		}
	}
	return null;
}

async function problemCode(response) {
	try {
		const problem = await response.clone().json();
		if (problem && problem.code) {
			return problem.code;
		}
	}
	catch {
		// not a problem document
	}
	const challenge = response.headers.get('WWW-Authenticate') || '';
	const match = /error="([^"]+)"/.exec(challenge);
	return match ? match[1] : null;
}

async function readBody(response) {
	const text = await response.text();
	let body = null;
	try {
		body = text ? JSON.parse(text) : {};
	}
	catch {
		body = { detail: text };
	}
	if (!response.ok) {
		const retryAfter = response.headers.get('Retry-After');
		throw new PortcullisError(response.status, body || {}, retryAfter === null ? null : Number.parseInt(retryAfter, 10));
	}
	return body;
}

export default Portcullis;
