/**
 * The Redis token store: several instances of the app share one token per account.
 *
 * <p>The seam is {@link io.authroutes.auth.TokenStore}, which lives in the engine package with its
 * vocabulary ({@link io.authroutes.auth.TokenAccount}, {@link io.authroutes.auth.TokenStoreUnavailableException},
 * {@link io.authroutes.auth.SharedTokenTimeoutException}) and its default,
 * {@link io.authroutes.auth.LocalTokenStore}, so the engine never imports this package and the house keeps
 * one direction: this package builds on the engine. The app picks a store once, at start, with
 * {@link io.authroutes.auth.store.TokenStores#open} ({@code authroutes.store=local|redis}); Redis may be one
 * server, a Sentinel-managed primary or a Redis Cluster ({@link io.authroutes.auth.store.RedisStoreSettings.Mode}).
 *
 * <p>In Redis, per account, under {@code <prefix>:<provider id>:{<account hash>}:} (a hash tag: one cluster
 * slot per account): {@code token} (sealed,
 * expiring with the token), {@code lease} (owner id, expiring with the lease), {@code policy} (sealed
 * failure-policy state), {@code members} (instances by heartbeat deadline); and one channel,
 * {@code <prefix>:events}, for every account's announcements. Every value is sealed with AES-256-GCM,
 * bound to its key ({@link io.authroutes.auth.store.TokenCipher}).
 *
 * <p>Why Lettuce and not Redisson: everything the store needs from Redis is a lease (set if absent with
 * an expiry, released by compare-and-delete), compare-and-set of one value, a sorted set and one pub/sub
 * channel, each a few lines of Lua or one command. Redisson's locks and maps would bring their own
 * threads, codecs and watchdog (a lock renewed forever by a live but stuck holder, where a lease that
 * simply expires is what a token request wants) for none of that. Lettuce 6.8 rather than 7.x: 7.x
 * needs Netty 4.2, and the management server (Vert.x 4.5) runs on Netty 4.1 in the same classpath.
 */
package io.authroutes.auth.store;
