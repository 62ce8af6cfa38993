package dev.portcullis.email;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The body of the two requests that mail an address: send-verification-email and
 * password/forgot.
 */
public record EmailRequest(@NotBlank @Email @Size(max = 254) String email) {

}
