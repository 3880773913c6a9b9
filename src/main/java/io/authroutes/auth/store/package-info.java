/**
 * The Redis token store: several instances of the app share one token per account.
 *
 * <p>The seam is {@link io.authroutes.auth.TokenStore}, which lives in the engine package with its
 * vocabulary ({@link io.authroutes.auth.TokenAccount}, {@link io.authroutes.auth.TokenStoreUnavailableException},
 * {@link io.authroutes.auth.SharedTokenTimeoutException}) and its default,
 * {@link io.authroutes.auth.LocalTokenStore}, so the engine never imports this package and the house keeps
 * one direction: this package builds on the engine. The app picks a store once, at start, with
 * {@link io.authroutes.auth.store.TokenStores#open} ({@code authroutes.store=local|redis}).
 *
 * <p>In Redis, per account, under {@code <prefix>:<provider id>:<account hash>:}: {@code token} (sealed,
 * expiring with the token), {@code lease} (owner id, expiring with the lease), {@code policy} (sealed
 * failure-policy state), {@code members} (instances by heartbeat deadline); and one channel,
 * {@code <prefix>:events}, for every account's announcements. Every value is sealed with AES-256-GCM,
 * bound to its key ({@link io.authroutes.auth.store.TokenCipher}).
 */
package io.authroutes.auth.store;
