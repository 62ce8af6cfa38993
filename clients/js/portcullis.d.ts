// Types of portcullis.js (contract: js-client.md, v1).

export interface PortcullisOptions {
	/** The gateway; default: the origin the module was loaded from. */
	baseUrl?: string;
	/** Seconds before expiry to refresh (default 60, with up to 10% jitter; at most a third of the token lifetime). */
	refreshMargin?: number;
	/** Web Locks name shared by the tabs of one origin (default `portcullis-refresh`). */
	lockName?: string;
}

/** Overrides of the browser APIs the client uses; for tests and unusual hosts. */
export interface PortcullisEnvironment {
	fetch?: typeof fetch;
	locks?: { request(name: string, options: object, task: () => Promise<unknown>): Promise<unknown> } | null;
	BroadcastChannel?: typeof BroadcastChannel | null;
	storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
	document?: Document | null;
	window?: Window | null;
	now?: () => number;
	random?: () => number;
	setTimeout?: (fn: () => void, ms: number) => unknown;
	clearTimeout?: (id: unknown) => void;
	sleep?: (ms: number) => Promise<void>;
}

export interface PortcullisUser {
	id: string;
	email: string;
	name?: string | null;
	emailVerified: boolean;
	roles: string[];
	twoFactorEnabled: boolean;
}

export interface SessionRef {
	id: string;
	expiresAt: string;
}

export interface Device {
	browser: string;
	os: string;
	type: 'desktop' | 'mobile' | 'tablet' | 'bot' | 'unknown';
}

export interface SessionInfo {
	id: string;
	current: boolean;
	device: Device;
	userAgent: string | null;
	ipAddress: string | null;
	createdAt: string;
	lastActiveAt: string;
	expiresAt: string;
	rememberMe: boolean;
	twoFactor: boolean;
}

export type SignInResult =
	| { status: 'signed-in'; user: PortcullisUser }
	| { status: 'two-factor-required'; methods: Array<'totp' | 'backup_code'> };

export interface Problem {
	type?: string;
	title?: string;
	status?: number;
	detail?: string;
	code?: string;
	[field: string]: unknown;
}

export class PortcullisError extends Error {
	/** HTTP status; 0 when the gateway could not be reached. */
	readonly status: number;
	/** The problem's stable `code` (`network_error` when unreachable). */
	readonly code: string;
	/** Seconds to wait, from `Retry-After` (on 429), else null. */
	readonly retryAfter: number | null;
	/** The whole RFC 9457 problem body. */
	readonly problem: Problem;
}

export interface PortcullisEvents {
	'signed-in': { user: PortcullisUser };
	refreshed: { user: PortcullisUser };
	'signed-out': { reason: 'signed-out' | 'other-tab' };
	'session-ended': { code: string };
	'two-factor-required': { methods: string[] };
}

export class Portcullis {
	constructor(options?: PortcullisOptions, environment?: PortcullisEnvironment);
	readonly user: PortcullisUser | null;
	readonly signedIn: boolean;
	readonly session: SessionRef | null;
	signIn(credentials: { email: string; password: string; rememberMe?: boolean }): Promise<SignInResult>;
	verifyTwoFactor(factor: { code: string } | { backupCode: string }): Promise<{ status: 'signed-in'; user: PortcullisUser }>;
	restore(): Promise<boolean>;
	getAccessToken(): Promise<string | null>;
	fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
	/** Fresh authentication for a sensitive action (`POST /v1/auth/step-up`); an addition to the v1 contract. */
	stepUp(factors: { password: string; code?: string }): Promise<true>;
	signOut(options?: { everywhere?: boolean }): Promise<void>;
	readonly sessions: {
		list(): Promise<SessionInfo[]>;
		revoke(id: string): Promise<{ revoked: number }>;
		revokeOthers(): Promise<{ revoked: number }>;
	};
	on<E extends keyof PortcullisEvents>(event: E, fn: (detail: PortcullisEvents[E]) => void): () => void;
}

export function refreshDelay(expiresIn: number, margin: number, random?: () => number): number;
export function effectiveMargin(expiresIn: number, margin: number): number;

export default Portcullis;
