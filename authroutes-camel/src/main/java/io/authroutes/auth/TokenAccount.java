package io.authroutes.auth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Whose token it is: a provider id and a hash of the account at that provider, so two accounts (or two
 * apps pointing one provider id at different servers) never share a token, and store keys never show a
 * login.
 *
 * @param providerId the {@code providers.<id>} the token belongs to
 * @param identity   hex SHA-256 of the provider's base URL and the login or client id
 */
public record TokenAccount(String providerId, String identity) {

    public TokenAccount {
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(identity, "identity");
    }

    /**
     * The account a provider block logs in as: {@code providers.<id>.account} when set, else its {@code login},
     * {@code username} or {@code clientId}, whichever comes first.
     */
    public static TokenAccount of(ProviderProperties properties, URI baseUrl) {
        String principal = Stream.of("account", "login", "username", "clientId").map(properties::optional)
                .flatMap(Optional::stream).findFirst().orElse("");
        return of(properties.providerId(), baseUrl, principal);
    }

    /** {@code principal} is the login or client id that the token is issued to (never a secret). */
    public static TokenAccount of(String providerId, URI baseUrl, String principal) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            // a separator no URL contains, so "https://a" + "bc" and "https://ab" + "c" differ
            byte[] digest = sha256.digest((baseUrl + "\n" + principal).getBytes(StandardCharsets.UTF_8));
            return new TokenAccount(providerId, HexFormat.of().formatHex(digest, 0, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
