// Unit tests of the client's scheduling and locking logic: `node --test clients/js/test/`.
// Each "tab" is a Portcullis instance with its own memory; the tabs share a fake clock,
// storage, lock manager and a fake gateway that counts rotations.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { Portcullis, PortcullisError, createLock, createChannel, refreshDelay, effectiveMargin } from '../portcullis.js';

class FakeClock {
	constructor() {
		this.time = 1_700_000_000_000;
		this.timers = [];
	}

	now = () => this.time;

	setTimeout = (fn, ms) => {
		const timer = { fn, at: this.time + ms };
		this.timers.push(timer);
		return timer;
	};

	clearTimeout = (timer) => {
		this.timers = this.timers.filter((t) => t !== timer);
	};

	sleep = (ms) => new Promise((resolve) => setImmediate(() => {
		this.time += ms;
		resolve();
	}));

	/** Moves time forward and runs the timers that came due. */
	advance(ms) {
		this.time += ms;
		const due = this.timers.filter((t) => t.at <= this.time);
		this.timers = this.timers.filter((t) => t.at > this.time);
		due.forEach((t) => t.fn());
	}
}

class MemoryStorage {
	map = new Map();

	getItem(key) {
		return this.map.has(key) ? this.map.get(key) : null;
	}

	setItem(key, value) {
		this.map.set(key, String(value));
	}

	removeItem(key) {
		this.map.delete(key);
	}
}

/** Web Locks with exclusive mode only, granted in request order. */
class FakeLocks {
	tails = new Map();

	request(name, options, task) {
		const tail = this.tails.get(name) || Promise.resolve();
		const run = tail.then(() => task());
		this.tails.set(name, run.catch(() => {}));
		return run;
	}
}

/** A gateway that rotates a refresh cookie and answers as Portcullis does. */
class FakeGateway {
	constructor(clock, { expiresIn = 900 } = {}) {
		this.clock = clock;
		this.expiresIn = expiresIn;
		this.cookie = 'r0';
		this.rotations = 0;
		this.revoked = false;
		this.validTokens = new Set();
		this.calls = [];
	}

	tokenResponse() {
		const accessToken = `at-${this.rotations}-${Math.random()}`;
		this.validTokens.add(accessToken);
		return {
			accessToken,
			tokenType: 'Bearer',
			expiresIn: this.expiresIn,
			session: { id: 's1', expiresAt: '2030-01-01T00:00:00Z' },
			user: { id: 'u1', email: 'ada@example.com' },
		};
	}

	fetch = async (url, init = {}) => {
		const path = new URL(url).pathname;
		this.calls.push(`${init.method || 'GET'} ${path}`);
		await new Promise((resolve) => setImmediate(resolve));
		if (path === '/v1/auth/csrf') {
			return json(200, { token: 'csrf' });
		}
		if (path === '/v1/auth/sign-in') {
			return json(200, this.tokenResponse());
		}
		if (path === '/v1/auth/refresh') {
			if (this.revoked) {
				return json(401, { code: 'session_revoked', status: 401 });
			}
			this.rotations++;
			return json(200, this.tokenResponse());
		}
		if (path === '/v1/auth/sign-out') {
			this.revoked = true;
			return new Response(null, { status: 204 });
		}
		const auth = new Headers(init.headers).get('Authorization') || '';
		if (this.revoked) {
			return json(401, { code: 'session_revoked', status: 401 });
		}
		if (!this.validTokens.has(auth.replace('Bearer ', ''))) {
			return json(401, { code: 'invalid_token', status: 401 });
		}
		return json(200, { ok: true });
	};
}

function json(status, body) {
	return new Response(JSON.stringify(body), {
		status,
		headers: { 'Content-Type': status < 400 ? 'application/json' : 'application/problem+json' },
	});
}

/** Node's BroadcastChannel, not keeping the test process alive. */
class UnrefChannel extends BroadcastChannel {
	constructor(name) {
		super(name);
		this.unref();
	}
}

function tabs(count, { locks = new FakeLocks(), expiresIn = 900, BroadcastChannelImpl = UnrefChannel } = {}) {
	const clock = new FakeClock();
	const gateway = new FakeGateway(clock, { expiresIn });
	const storage = new MemoryStorage();
	const lockName = `test-${Math.random()}`;
	const list = Array.from({ length: count }, () => new Portcullis({ baseUrl: 'https://auth.example.com', lockName }, {
		fetch: gateway.fetch,
		locks,
		storage,
		BroadcastChannel: BroadcastChannelImpl,
		document: null,
		window: null,
		now: clock.now,
		setTimeout: clock.setTimeout,
		clearTimeout: clock.clearTimeout,
		sleep: clock.sleep,
		random: () => 0.5,
	}));
	return { clock, gateway, storage, tabs: list };
}

function settle(ms = 30) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

test('refreshDelay refreshes margin seconds before expiry, jitter only ever later', () => {
	assert.equal(refreshDelay(900, 60, () => 0), 840_000);
	assert.equal(refreshDelay(900, 60, () => 0.999), Math.round((840 + 5.994) * 1000));
	assert.ok(refreshDelay(900, 60, () => 0.999) < 900_000 - 53_000);
});

test('a margin never exceeds a third of a short token lifetime', () => {
	assert.equal(effectiveMargin(30, 60), 10);
	assert.equal(refreshDelay(30, 60, () => 0), 20_000);
	assert.equal(effectiveMargin(900, 60), 60);
});

test('two tabs needing a token at the same moment refresh exactly once', async () => {
	const { clock, gateway, tabs: [a, b] } = tabs(2);
	await a.signIn({ email: 'ada@example.com', password: 'pw' });
	await settle();
	assert.ok(b.signedIn, 'the other tab learns of the sign-in');
	clock.time += 850_000;
	const [ta, tb] = await Promise.all([a.getAccessToken(), b.getAccessToken()]);
	assert.equal(gateway.rotations, 1);
	assert.equal(ta, tb);
});

test('without Web Locks and BroadcastChannel the localStorage lease still allows one refresh', async () => {
	const { clock, gateway, tabs: [a, b] } = tabs(2, { locks: null, BroadcastChannelImpl: null });
	await a.signIn({ email: 'ada@example.com', password: 'pw' });
	await b.restore();
	assert.equal(gateway.rotations, 1);
	clock.time += 850_000;
	await Promise.all([a.getAccessToken(), b.getAccessToken()]);
	// Without a channel a tab cannot hand its token over, so each tab refreshes in turn;
	// the lease keeps the turns apart, so no rotated token is ever presented twice.
	assert.equal(gateway.rotations, 3);
	assert.deepEqual(gateway.calls.filter((c) => c.includes('refresh')).length, 3);
});

test('the lease excludes: two holders never run at once', async () => {
	const storage = new MemoryStorage();
	const clock = new FakeClock();
	const lockA = createLock('l', { storage, now: clock.now, sleep: clock.sleep });
	const lockB = createLock('l', { storage, now: clock.now, sleep: clock.sleep });
	let inside = 0;
	let overlap = false;
	const task = async () => {
		inside++;
		overlap ||= inside > 1;
		await clock.sleep(100);
		inside--;
	};
	await Promise.all([lockA(task), lockB(task), lockA(task), lockB(task)]);
	assert.equal(overlap, false);
});

test('a lease left by a closed tab expires', async () => {
	const storage = new MemoryStorage();
	const clock = new FakeClock();
	storage.setItem('l:lease', JSON.stringify({ owner: 'gone', until: clock.now() + 10_000 }));
	const lock = createLock('l', { storage, now: clock.now, sleep: clock.sleep });
	const result = await lock(async () => 'ran');
	assert.equal(result, 'ran');
	assert.ok(clock.now() >= 1_700_000_010_000);
});

test('a tab refreshes on its own about refreshMargin seconds before expiry', async () => {
	const { clock, gateway, tabs: [a] } = tabs(1);
	await a.signIn({ email: 'ada@example.com', password: 'pw' });
	clock.advance(839_000);
	await settle();
	assert.equal(gateway.rotations, 0);
	clock.advance(4_000);
	await settle();
	assert.equal(gateway.rotations, 1);
});

test('the proactive refresh of one tab serves the others, which then reschedule', async () => {
	const { clock, gateway, tabs: [a, b] } = tabs(2);
	await a.signIn({ email: 'ada@example.com', password: 'pw' });
	await settle();
	clock.advance(845_000);
	await settle(60);
	assert.equal(gateway.rotations, 1);
	assert.ok(b.signedIn);
	clock.advance(10_000);
	await settle();
	assert.equal(gateway.rotations, 1, 'the other tab holds the fresh token and does not refresh');
});

test('fetch after the access token was refused refreshes once and retries once', async () => {
	const { gateway, tabs: [a] } = tabs(1);
	await a.signIn({ email: 'ada@example.com', password: 'pw' });
	gateway.validTokens.clear();
	const response = await a.fetch('https://auth.example.com/api/thing');
	assert.equal(response.status, 200);
	assert.equal(gateway.rotations, 1);
	assert.deepEqual(gateway.calls.filter((c) => c.endsWith('/api/thing')).length, 2);
});

test('fetch does not retry a streamed body', async () => {
	const { gateway, tabs: [a] } = tabs(1);
	await a.signIn({ email: 'ada@example.com', password: 'pw' });
	gateway.validTokens.clear();
	const body = new ReadableStream({ start: (c) => c.close() });
	const response = await a.fetch('https://auth.example.com/api/thing', { method: 'POST', body, duplex: 'half' });
	assert.equal(response.status, 401);
	assert.equal(gateway.rotations, 0);
});

test('a revoked session ends in every tab on the next call', async () => {
	const { gateway, tabs: [a, b] } = tabs(2);
	const ended = [];
	b.on('session-ended', (detail) => ended.push(['b', detail.code]));
	a.on('session-ended', (detail) => ended.push(['a', detail.code]));
	await a.signIn({ email: 'ada@example.com', password: 'pw' });
	await settle();
	gateway.revoked = true;
	const response = await a.fetch('https://auth.example.com/api/thing');
	assert.equal(response.status, 401);
	await settle();
	assert.deepEqual(ended.sort(), [['a', 'session_revoked'], ['b', 'session_revoked']]);
	assert.equal(a.signedIn, false);
	assert.equal(b.signedIn, false);
});

test('signing out in one tab signs out the others', async () => {
	const { tabs: [a, b] } = tabs(2);
	const events = [];
	b.on('signed-out', (detail) => events.push(detail.reason));
	await a.signIn({ email: 'ada@example.com', password: 'pw' });
	await settle();
	await a.signOut();
	await settle();
	assert.deepEqual(events, ['other-tab']);
	assert.equal(b.signedIn, false);
});

test('errors carry the problem, its code and Retry-After', async () => {
	const a = new Portcullis({ baseUrl: 'https://auth.example.com' }, {
		fetch: async () => new Response(JSON.stringify({ code: 'rate_limited', status: 429, detail: 'Too many' }), {
			status: 429,
			headers: { 'Retry-After': '42', 'Content-Type': 'application/problem+json' },
		}),
		locks: new FakeLocks(),
		storage: new MemoryStorage(),
		BroadcastChannel: null,
		document: null,
		window: null,
	});
	await assert.rejects(a.signIn({ email: 'a@example.com', password: 'x' }), (error) => {
		assert.ok(error instanceof PortcullisError);
		assert.equal(error.status, 429);
		assert.equal(error.code, 'rate_limited');
		assert.equal(error.retryAfter, 42);
		assert.equal(error.problem.detail, 'Too many');
		return true;
	});
});

test('restore answers false when there is no live session', async () => {
	const { gateway, tabs: [a] } = tabs(1);
	gateway.revoked = true;
	assert.equal(await a.restore(), false);
	assert.equal(a.signedIn, false);
});

test('createChannel falls back to storage events without leaving the message behind', () => {
	const storage = new MemoryStorage();
	const target = new EventTarget();
	const channel = createChannel('c', { storage, eventTarget: target });
	const received = [];
	channel.subscribe((m) => received.push(m.type));
	const key = 'portcullis:c:message';
	const event = new Event('storage');
	event.key = key;
	event.newValue = JSON.stringify({ type: 'signed-out' });
	target.dispatchEvent(event);
	channel.post({ type: 'token' });
	assert.deepEqual(received, ['signed-out']);
	assert.equal(storage.getItem(key), null);
});

test('an unreachable gateway is a network_error, not a raw TypeError', async () => {
	const a = new Portcullis({ baseUrl: 'https://auth.example.com' }, {
		fetch: async () => {
			throw new TypeError('Failed to fetch');
		},
		locks: new FakeLocks(),
		storage: new MemoryStorage(),
		BroadcastChannel: null,
		document: null,
		window: null,
	});
	await assert.rejects(a.restore(), (error) => error instanceof PortcullisError && error.code === 'network_error' && error.status === 0);
});
