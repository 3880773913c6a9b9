package io.authroutes.auth;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Removes known secret values from text that came from outside (a provider's error answer, an
 * exception message), before it reaches a log, an exception or an MBean.
 */
public final class Redactor {

    static final String MASK = "***";
    /** Values this short are too likely to appear by chance in ordinary text to be worth masking. */
    private static final int MIN_SECRET_LENGTH = 4;

    private final List<String> secrets;

    public Redactor(Collection<String> secrets) {
        this.secrets = secrets.stream().filter(Objects::nonNull)
                .filter(s -> s.length() >= MIN_SECRET_LENGTH).distinct().toList();
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, MASK);
        }
        return result;
    }
}
