package io.authroutes.auth;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Removes known secret values from text that came from outside (a provider's error answer, an
 * exception message), before it reaches a log, an exception or an MBean.
 * Not for applications (public for the component's steps); may change.
 */
public final class Redactor {

    static final String MASK = "***";
    /** Values this short are too likely to appear by chance in ordinary text to be worth masking. */
    private static final int MIN_SECRET_LENGTH = 4;

    private final Supplier<? extends Collection<String>> secrets;

    public Redactor(Collection<String> secrets) {
        List<String> fixed = List.copyOf(secrets.stream().filter(Objects::nonNull).toList());
        this.secrets = () -> fixed;
    }

    private Redactor(Supplier<? extends Collection<String>> secrets) {
        this.secrets = secrets;
    }

    /**
     * Masks the values {@code secrets} supplies at the moment of redacting: a secret declared or
     * changed after the redactor was made (a route built later, an overridden property) is masked too.
     */
    static Redactor resolving(Supplier<? extends Collection<String>> secrets) {
        return new Redactor(secrets);
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets.get().stream().filter(Objects::nonNull)
                .filter(s -> s.length() >= MIN_SECRET_LENGTH).distinct()
                // longest first, so a secret that contains another is masked whole
                .sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            result = result.replace(secret, MASK);
        }
        return result;
    }
}
