package io.authroutes.monitoring;

import io.authroutes.auth.InvalidSettingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The {@code hawtio.*} block. {@code enabled}, {@code host}, {@code port}, {@code realmFile} and
 * {@code operatorRoles} are authroutes' own; every other {@code hawtio.*} key is a Hawtio option
 * (authenticationEnabled, realm, roles, oidcConfig...) and is handed to Hawtio as is.
 *
 * @param realmFile     a Jetty-style users file ({@code user: password, role}) checked through JAAS
 * @param operatorRoles with a login, the roles that may change things (operations, writes); others only read
 * @param options       Hawtio's own options, full keys
 */
record HawtioSettings(boolean enabled, String host, int port, Optional<Path> realmFile, Set<String> operatorRoles,
                      Map<String, String> options) {

    static final String PREFIX = "hawtio.";
    private static final Set<String> OWN = Set.of("enabled", "host", "port", "realmFile", "operatorRoles");
    /** Hawtio's Jolokia restrictor that asks the JMXSecurity MBean ({@link HawtioRoles}) before each request. */
    private static final String RESTRICTOR = "jolokia.restrictorClass";
    private static final String ROLE_CHECKING_RESTRICTOR = "io.hawt.system.RBACRestrictor";
    private static final String ROLE_PRINCIPAL_CLASSES = PREFIX + "rolePrincipalClasses";
    private static final String LOGIN_ROLES = PREFIX + "roles";
    /** Hawtio's name for the JAAS realm it logs users in with, and its default. */
    private static final String REALM = "realm";
    private static final String DEFAULT_REALM = "hawtio";
    private static final String AUTHENTICATION = PREFIX + "authenticationEnabled";
    private static final String OIDC = PREFIX + "oidcConfig";

    static HawtioSettings load(PropertiesComponent properties) {
        Properties keys = properties.loadProperties(k -> k.startsWith(PREFIX));
        keys.putAll(System.getProperties());
        Map<String, String> options = new TreeMap<>();
        for (String key : keys.stringPropertyNames()) {
            if (key.startsWith(PREFIX) && !OWN.contains(key.substring(PREFIX.length()))) {
                properties.resolveProperty(key).ifPresent(value -> options.put(key, value));
            }
        }
        // Hawtio asks for a login unless told otherwise; with no realm every page would then refuse
        options.putIfAbsent(AUTHENTICATION, "false");
        Optional<Path> realmFile = properties.resolveProperty(PREFIX + "realmFile").filter(v -> !v.isBlank()).map(Path::of);
        if (realmFile.isPresent()) {
            options.putIfAbsent(PREFIX + REALM, DEFAULT_REALM);
            // so Hawtio recognises the roles the users file grants
            options.putIfAbsent(ROLE_PRINCIPAL_CLASSES, RealmLoginModule.ROLE_CLASS);
        }
        Set<String> operatorRoles = list(properties.resolveProperty(PREFIX + "operatorRoles").orElse("admin"));
        if (Boolean.parseBoolean(options.get(AUTHENTICATION))) {
            // read by Hawtio's Jolokia servlet from the jolokia.* system properties
            options.putIfAbsent(RESTRICTOR, ROLE_CHECKING_RESTRICTOR);
            // Hawtio lets in only the roles it is told (default admin, manager, viewer): operators too
            Set<String> loginRoles = new TreeSet<>(list(options.getOrDefault(LOGIN_ROLES, "admin,manager,viewer")));
            loginRoles.addAll(operatorRoles);
            options.put(LOGIN_ROLES, String.join(",", loginRoles));
        }
        return new HawtioSettings(
                Boolean.parseBoolean(properties.resolveProperty(PREFIX + "enabled").orElse("true")),
                properties.resolveProperty(PREFIX + "host").orElse("127.0.0.1"),
                port(PREFIX + "port", properties.resolveProperty(PREFIX + "port").orElse("8180")),
                realmFile, operatorRoles, Map.copyOf(options));
    }

    /** The port {@code key} names, refused with what to set when it is not one. */
    static int port(String key, String value) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new InvalidSettingException(key + "=" + value + " is not a port: use 1-65535, or 0 for any free port");
    }

    private static Set<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(v -> !v.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    /** The classes of the principals that carry a user's roles, as Hawtio is told them. */
    Set<String> rolePrincipalClasses() {
        return list(options.getOrDefault(ROLE_PRINCIPAL_CLASSES, RealmLoginModule.ROLE_CLASS));
    }

    boolean authenticationEnabled() {
        return Boolean.parseBoolean(options.get(AUTHENTICATION));
    }

    String realm() {
        return options.getOrDefault(PREFIX + REALM, DEFAULT_REALM);
    }

    Listener listener() {
        boolean credentials = realmFile.isPresent() || options.containsKey(OIDC);
        return new Listener("Hawtio", PREFIX + "host", host, authenticationEnabled() && credentials,
                AUTHENTICATION + "=true and " + PREFIX + "realmFile=<users file> (or " + OIDC + "=<file>)");
    }

    /** Refuses settings under which Hawtio would be unreachable or open. */
    void validate() {
        if (authenticationEnabled() && realmFile.isEmpty() && !options.containsKey(OIDC)) {
            throw new InvalidSettingException(AUTHENTICATION + "=true, but no one could log in: set " + PREFIX
                    + "realmFile=<users file> (lines 'user: password, admin') or " + OIDC + "=<file>");
        }
        realmFile.filter(file -> !Files.isReadable(file)).ifPresent(file -> {
            throw new InvalidSettingException(PREFIX + "realmFile=" + file + " cannot be read; create it with lines "
                    + "'user: password, admin', or remove the setting");
        });
        listener().requireAuthenticationWhenExposed();
    }
}
