package io.authroutes.auth;

/**
 * One {@code providers.<id>.<name>} key as users see it: what the unknown-key check accepts and the
 * generated reference (docs/options.md) lists.
 * Not for applications (public for the start-up checks and the generated option reference); may change.
 *
 * @param defaultValue what applies when the key is not set, as a user would write it; empty when nothing does
 * @param secret       its value is masked wherever text may reach a log, an exception or an MBean
 */
public record ProviderOption(String name, String defaultValue, String description, boolean secret) {

    public static ProviderOption of(String name, String defaultValue, String description) {
        return new ProviderOption(name, defaultValue, description, false);
    }

    public static ProviderOption secret(String name, String description) {
        return new ProviderOption(name, "", description, true);
    }
}
