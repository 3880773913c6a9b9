package io.authroutes.sandbox;

import java.time.Duration;

/**
 * How the simulated providers behave.
 *
 * @param port              loopback port; 0 picks a free one
 * @param tokenLifetime     lifetime of tokens that state one (yaVapteke, Mobile SMARTS, Salebasis);
 *                          short, so renewal happens while you watch
 * @param revokeProbability chance that a business call finds its token revoked, so re-authentication shows up
 */
public record SandboxSettings(int port, Duration tokenLifetime, double revokeProbability) {

    public SandboxSettings {
        if (revokeProbability < 0 || revokeProbability > 1) {
            throw new IllegalArgumentException("sandbox.revokeProbability must be between 0 and 1, was " + revokeProbability);
        }
    }
}
