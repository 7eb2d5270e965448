/**
 * The channel-adapter SPI: how a provider's webhook becomes contacts.
 *
 * <p>For each request to {@code /webhooks/{channelId}} the gateway (1) enforces the channel's size limits
 * and reads the raw body, (2) offers the request to {@link io.switchboard.spi.channel.ChannelAdapter#handshake}
 * (verification challenges), (3) calls {@link io.switchboard.spi.channel.ChannelAdapter#verify} on the raw
 * bytes, (4) calls {@link io.switchboard.spi.channel.ChannelAdapter#parse} to build contacts, (5) stores them
 * durably, de-duplicating on the provider event id, and only then (6) asks
 * {@link io.switchboard.spi.channel.ChannelAdapter#reply} for the answer the provider expects. Errors are
 * signalled with {@link io.switchboard.spi.channel.RequestRejectedException}, mapped to HTTP statuses in one
 * place by the gateway. See {@code docs/writing-a-channel-adapter.md}.
 */
package io.switchboard.spi.channel;
