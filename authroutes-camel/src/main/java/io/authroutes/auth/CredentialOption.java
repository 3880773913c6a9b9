package io.authroutes.auth;

/**
 * A provider option that a token request reads ({@code providers.<id>.<name>}): a credential. The step
 * that reads it declares it, and whether its value is a secret, the way a Camel endpoint declares
 * {@code @UriParam(secret = true)}; nothing is recognised by its name.
 * Not for applications (public for the component's steps and start-up checks); may change.
 *
 * @param name     the option, e.g. {@code clientSecret}
 * @param secret   its value is masked wherever text may reach a log, an exception or an MBean
 * @param required the request cannot be made without it, so an empty value is refused at start
 */
public record CredentialOption(String name, boolean secret, boolean required) {

    public static CredentialOption required(String name) {
        return new CredentialOption(name, false, true);
    }

    public static CredentialOption optional(String name) {
        return new CredentialOption(name, false, false);
    }

    public CredentialOption asSecret() {
        return new CredentialOption(name, true, required);
    }

    /** One option read by two steps: secret if either says so, required if either needs it. */
    CredentialOption merge(CredentialOption other) {
        return new CredentialOption(name, secret || other.secret, required || other.required);
    }
}
