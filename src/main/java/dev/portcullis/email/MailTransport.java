package dev.portcullis.email;

/**
 * Hands a message to the world. Implementations may block (SMTP does), so callers run
 * them on the offload pool, never on an event loop.
 */
interface MailTransport {

	/** Sends the message or throws; a throw means it will be tried again later. */
	void send(OutgoingMail mail) throws Exception;

}
