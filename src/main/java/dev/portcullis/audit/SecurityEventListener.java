package dev.portcullis.audit;

import reactor.core.publisher.Mono;

/**
 * Reacts to a security event as it is stored, inside the same database transaction, so
 * that what it writes (an outgoing mail, for instance) commits or rolls back with the
 * event. This is how features such as email follow events that other features record
 * without the audit kernel knowing about them.
 */
public interface SecurityEventListener {

	/**
	 * Whether events of this type concern this listener. Only when some listener is
	 * interested does recording an event open a transaction around it.
	 */
	boolean supports(String type);

	/**
	 * Runs after the event's row is written, in its transaction; an error rolls both
	 * back.
	 */
	Mono<Void> recorded(SecurityEvent event);

}
