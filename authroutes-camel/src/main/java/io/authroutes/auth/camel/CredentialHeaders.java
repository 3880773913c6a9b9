package io.authroutes.auth.camel;

import java.util.Collections;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The request headers that carry credentials: {@code Authorization}, {@code Proxy-Authorization}
 * (RFC 9110 sections 11.6.2 and 11.7.2) and every provider's token header. None that comes in on a
 * flow's message is ever forwarded (design, "Calling a provider"). Every call reads it and a call step
 * adds its header when it is made, so it is copied on write: a call reads one field and compares a
 * header name with a few names, ignoring case as HTTP does (RFC 9110 section 5.1).
 */
final class CredentialHeaders {

    private volatile NavigableSet<String> names = with(Collections.emptyNavigableSet(), "Authorization", "Proxy-Authorization");

    synchronized void add(String name) {
        if (!names.contains(name)) {
            names = with(names, name);
        }
    }

    boolean contains(String name) {
        return names.contains(name);
    }

    private static NavigableSet<String> with(NavigableSet<String> names, String... more) {
        NavigableSet<String> copy = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        copy.addAll(names);
        Collections.addAll(copy, more);
        return Collections.unmodifiableNavigableSet(copy);
    }
}
