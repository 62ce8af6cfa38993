package dev.portcullis.client;

/**
 * Whether a client id is configured now. Introspection asks it, so that the tokens of a
 * client removed from {@code portcullis.clients} read {@code active: false} at once
 * instead of until they expire.
 */
public interface ServiceClientDirectory {

	boolean isConfigured(String clientId);

}
