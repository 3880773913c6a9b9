package io.authroutes.auth;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The credential options each provider's token requests read, as their steps declared them when the
 * provider's routes were built. What the redactor masks and what the start-up checks require.
 */
final class ProviderCredentials {

    private final Map<String, Map<String, CredentialOption>> byProvider = new ConcurrentHashMap<>();
    private final List<CredentialOption> everyProvider;

    /** {@code everyProvider}: options the engine itself reads for any provider, e.g. a configured token. */
    public ProviderCredentials(List<CredentialOption> everyProvider) {
        this.everyProvider = List.copyOf(everyProvider);
    }

    public void declare(String providerId, CredentialOption option) {
        byProvider.computeIfAbsent(providerId, id -> new ConcurrentHashMap<>())
                .merge(option.name(), option, CredentialOption::merge);
    }

    public Collection<CredentialOption> of(String providerId) {
        Map<String, CredentialOption> options = new TreeMap<>(byProvider.getOrDefault(providerId, Map.of()));
        everyProvider.forEach(option -> options.merge(option.name(), option, CredentialOption::merge));
        return List.copyOf(options.values());
    }

    public List<String> secretOptions(String providerId) {
        return of(providerId).stream().filter(CredentialOption::secret).map(CredentialOption::name).toList();
    }
}
